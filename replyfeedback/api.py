"""Per-reply feedback: a user rates one interviewer reply; staff export the consented verdicts for ML."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from onlyjobless.errors import ServiceError
from replyfeedback import services

router = Router(tags=["reply feedback"])


class VerdictIn(Schema):
    helpful: bool
    comment: str = Field(default="", max_length=services.COMMENT_MAX)
    allow_training: bool = Field(default=False, description="May the reply and its context train models?")


class VerdictOut(Schema):
    id: int
    chat_id: str
    message_id: str
    helpful: bool
    comment: str
    allow_training: bool
    updated_at: datetime


class ContextMessage(Schema):
    role: str
    kind: str
    content: str


class ExportItem(Schema):
    id: int
    helpful: bool
    comment: str
    created_at: datetime
    kind: str
    persona_id: int | None
    system_prompt: str
    context: list[ContextMessage] = Field(description="The messages before the reply, oldest first.")
    reply: str


class ExportOut(Schema):
    items: list[ExportItem]


class ExportFilters(Schema):
    processed: bool | None = None
    limit: int = Field(default=200, ge=1, le=services.EXPORT_LIMIT_MAX)


class MarkIn(Schema):
    ids: list[int] = Field(max_length=services.EXPORT_LIMIT_MAX)


class MarkOut(Schema):
    updated: int


def _staff_only(request: HttpRequest) -> None:
    if not request.auth.is_staff:
        raise ServiceError(_("Only staff can use the ML feedback export."), status=403)


@router.post("/chats/{chat_id}/messages/{message_id}/feedback", response=VerdictOut)
def rate(request: HttpRequest, chat_id: str, message_id: str, payload: VerdictIn):
    return services.rate_reply(user=request.auth, chat_id=chat_id, message_id=message_id, helpful=payload.helpful,
                               comment=payload.comment, allow_training=payload.allow_training)


@router.get("/ml/reply-feedback", response=ExportOut)
def export(request: HttpRequest, filters: Query[ExportFilters]):
    _staff_only(request)
    return {"items": services.export(processed=filters.processed, limit=filters.limit)}


@router.post("/ml/reply-feedback/mark-processed", response=MarkOut)
def mark_processed(request: HttpRequest, payload: MarkIn):
    _staff_only(request)
    return {"updated": services.mark_processed(ids=payload.ids)}
