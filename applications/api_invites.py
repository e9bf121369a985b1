"""Invite links through the API: the vacancy's owner creates, lists and revokes them; a candidate accepts one."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from applications import invites
from applications.api import ApplyOut
from applications.invite_views import invite_url
from applications.models import Invite

router = Router(tags=["invites"])


class InviteIn(Schema):
    note: str = Field(default="", max_length=invites.NOTE_MAX, description="Only the employer sees it.")
    days: int = Field(default=invites.DAYS_DEFAULT, ge=invites.DAYS_MIN, le=invites.DAYS_MAX)


class InviteOut(Schema):
    id: int
    vacancy_id: int
    note: str
    state: str = Field(description="sent | opened | accepted | done | expired | revoked")
    application_id: int | None
    expires_at: datetime
    opened_at: datetime | None
    accepted_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime


class NewInviteOut(InviteOut):
    url: str = Field(description="The link to send: returned this once, never stored.")


class InviteList(Schema):
    items: list[InviteOut]


class AcceptIn(Schema):
    token: str = Field(min_length=1, max_length=200, description="The last part of the invite link.")


@router.post("/vacancies/{int:vacancy_id}/invites", response={201: NewInviteOut})
def create(request: HttpRequest, vacancy_id: int, payload: InviteIn):
    invite, token = invites.create_invite(employer=request.auth, vacancy_id=vacancy_id, note=payload.note,
                                          days=payload.days)
    invite.url = invite_url(request, token)
    return Status(201, invite)


@router.get("/vacancies/{int:vacancy_id}/invites", response=InviteList)
def vacancy_invites(request: HttpRequest, vacancy_id: int):
    _vacancy, rows = invites.vacancy_invites(employer=request.auth, vacancy_id=vacancy_id)
    return {"items": list(rows)}


@router.post("/invites/{int:invite_id}/revoke", response=InviteOut)
def revoke(request: HttpRequest, invite_id: int) -> Invite:
    return invites.revoke_invite(employer=request.auth, invite_id=invite_id)


@router.post("/invites/accept", response={201: ApplyOut})
def accept(request: HttpRequest, payload: AcceptIn):
    return Status(201, invites.accept_invite(candidate=request.auth, token=payload.token))
