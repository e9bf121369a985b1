"""Report exports (PDF, Markdown transcript), the owner's share links, and the report a link opens."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from interviews import exports, sharing
from interviews.api import ReportOut
from interviews.models import ReportShare

router = Router(tags=["reports"])


class ShareIn(Schema):
    expires_in_days: int | None = Field(default=None, ge=1, le=sharing.EXPIRY_DAYS_MAX)


class ShareOut(Schema):
    id: int
    chat_id: str
    state: str  # working | revoked | expired
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    views: int


class NewShareOut(ShareOut):
    url: str  # shown this once: only the token's hash is stored


class SharedReportOut(ReportOut):
    title: str


def _share_out(share: ReportShare) -> dict:
    return {"id": share.pk, "chat_id": share.chat_id, "state": share.state, "created_at": share.created_at,
            "expires_at": share.expires_at, "revoked_at": share.revoked_at, "views": share.views}


def _download(body: bytes | str, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/chats/{chat_id}/report.pdf", response={200: None})
def report_pdf(request: HttpRequest, chat_id: str):
    """The ready report as a PDF (409 while it is being scored)."""
    name, body = exports.owner_report_pdf(user_id=str(request.auth.pk), chat_id=chat_id)
    return _download(body, name=name, content_type="application/pdf")


@router.get("/chats/{chat_id}/transcript.md", response={200: None})
def transcript(request: HttpRequest, chat_id: str):
    name, body = exports.transcript_markdown(user_id=str(request.auth.pk), chat_id=chat_id)
    return _download(body, name=name, content_type="text/markdown; charset=utf-8")


@router.post("/chats/{chat_id}/shares", response={201: NewShareOut})
def create_share(request: HttpRequest, chat_id: str, payload: ShareIn):
    """A read-only link to this ready report; the response is the only time its URL is shown."""
    share, token = sharing.create_share(user=request.auth, chat_id=chat_id,
                                        expires_in_days=payload.expires_in_days)
    url = request.build_absolute_uri(reverse("shared:report", args=[token]))
    return Status(201, {**_share_out(share), "url": url})


@router.get("/shares", response=list[ShareOut])
def list_shares(request: HttpRequest, chat_id: str | None = Query(None, max_length=24)):
    return [_share_out(share) for share in sharing.list_shares(user=request.auth, chat_id=chat_id)]


@router.delete("/shares/{share_id}", response={204: None})
def revoke_share(request: HttpRequest, share_id: int):
    """The link stops working at once; it stays listed as revoked."""
    sharing.revoke_share(user=request.auth, share_id=share_id)
    return Status(204, None)


@router.get("/shared/{token}", response=SharedReportOut, auth=None)
def shared_report(request: HttpRequest, token: str, response: HttpResponse):
    """The report a share link opens, without logging in; a wrong, revoked or expired token is a 404."""
    result = sharing.shared_report(token=token)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Cache-Control"] = "private, no-store"
    chat = result.pop("chat")
    return {**result, "title": chat.get("title", "")}
