"""Personas, practice progress and the staff-only ML feedback export (mounted by onlyjobless/api.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from interviews import feedback, progress
from interviews.models import Persona
from onlyjobless.errors import ServiceError

router = Router(tags=["personas"])


class PersonaOut(Schema):
    id: int
    slug: str | None
    name: str
    description: str
    language: str
    difficulty: str
    kind: str
    rating: float
    ratings_count: int


class PersonaList(Schema):
    items: list[PersonaOut]


class ProgressOut(Schema):
    persona_id: int
    persona_name: str = Field(alias="persona.name")
    minutes: int
    updated_at: datetime


class ProgressList(Schema):
    items: list[ProgressOut]


class ProgressIn(Schema):
    op: Literal["set", "add", "subtract"]
    minutes: int = Field(ge=0, le=progress.MINUTES_MAX)


class FeedbackExportOut(Schema):
    id: int
    persona_id: int
    persona_slug: str | None = Field(alias="persona.slug")
    chat_id: str
    rating: int
    comment: str
    allow_training: bool
    processed: bool
    created_at: datetime


class FeedbackExport(Schema):
    items: list[FeedbackExportOut]


class FeedbackExportFilters(Schema):
    processed: bool | None = None
    limit: int = Field(default=500, ge=1, le=feedback.EXPORT_LIMIT_MAX)


class MarkProcessedIn(Schema):
    ids: list[int] = Field(max_length=feedback.EXPORT_LIMIT_MAX)


class MarkProcessedOut(Schema):
    updated: int


def _staff_only(request: HttpRequest) -> None:
    if not request.auth.is_staff:
        raise ServiceError(_("Only staff can use the ML feedback export."), status=403)


@router.get("/personas", auth=None, response=PersonaList)
def list_personas(request: HttpRequest):
    return {"items": list(Persona.objects.active().order_by("kind", "language", "name"))}


@router.get("/progress", response=ProgressList)
def my_progress(request: HttpRequest):
    return {"items": list(progress.progress_for(user=request.auth))}


@router.post("/progress/{int:persona_id}", response=ProgressOut)
def change_progress(request: HttpRequest, persona_id: int, payload: ProgressIn):
    persona = Persona.objects.active().filter(pk=persona_id).first()
    if persona is None:
        raise progress.PersonaNotFound
    return progress.change_progress(user=request.auth, persona=persona, op=payload.op, minutes=payload.minutes)


@router.get("/ml/feedback", response=FeedbackExport)
def export_feedback(request: HttpRequest, filters: Query[FeedbackExportFilters]):
    _staff_only(request)
    return {"items": list(feedback.export_feedback(processed=filters.processed, limit=filters.limit))}


@router.post("/ml/feedback/mark-processed", response=MarkProcessedOut)
def mark_processed(request: HttpRequest, payload: MarkProcessedIn):
    _staff_only(request)
    return {"updated": feedback.mark_processed(ids=payload.ids)}
