"""Invite links: an employer invites one candidate to a vacancy's screening, published or not.

A link is single-use, expires, and carries 256 random bits of which only the SHA-256 is stored.
Its life: sent → opened (someone loaded the page) → accepted (a candidate started the screening:
the application exists) → done (they finished it); or expired, or revoked by the employer.
Accepting claims the link under a row lock, in the transaction that creates the application, so
two tabs (or two people) with one link make one application, and an application that cannot be
made (already applied) leaves the link unused.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import services
from applications.models import Application, Invite
from applications.services import ApplicationError
from vacancies.models import Vacancy

DAYS_DEFAULT, DAYS_MIN, DAYS_MAX = 7, 1, 30
NOTE_MAX = Invite._meta.get_field("note").max_length
TOKEN_BYTES = 32


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _owned_vacancy(*, employer, vacancy_id: int) -> Vacancy:
    vacancy = Vacancy.objects.for_owner(employer).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise ApplicationError(_("Vacancy not found."), status=404)
    return vacancy


def create_invite(*, employer, vacancy_id: int, note: str = "", days: int = DAYS_DEFAULT) -> tuple[Invite, str]:
    """A new invite to the employer's own vacancy and its secret token: returned once, never stored."""
    vacancy = _owned_vacancy(employer=employer, vacancy_id=vacancy_id)
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ApplicationError(_("A note can be at most %(n)d characters.") % {"n": NOTE_MAX}, status=422)
    if not DAYS_MIN <= days <= DAYS_MAX:
        raise ApplicationError(_("An invite lasts %(low)d to %(high)d days.") % {"low": DAYS_MIN, "high": DAYS_MAX},
                               status=422)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invite = Invite.objects.create(vacancy=vacancy, token_hash=_hash(token), note=note,
                                   expires_at=timezone.now() + timedelta(days=days))
    return invite, token


def vacancy_invites(*, employer, vacancy_id: int) -> tuple[Vacancy, QuerySet[Invite]]:
    """The owner's invites to one vacancy, newest first, with their applications (for the state)."""
    vacancy = _owned_vacancy(employer=employer, vacancy_id=vacancy_id)
    return vacancy, Invite.objects.for_vacancy_owner(employer).filter(vacancy=vacancy).select_related("application")


def revoke_invite(*, employer, invite_id: int) -> Invite:
    """The link stops working; revoking twice is the same. One already accepted is a 409: its application
    exists, and the decision on it is the way to answer it."""
    invite = Invite.objects.for_vacancy_owner(employer).select_related("application").filter(pk=invite_id).first()
    if invite is None:
        raise ApplicationError(_("Invite not found."), status=404)
    if invite.accepted_at:
        raise ApplicationError(_("This invite was already used: decide on its application instead."), status=409)
    if not invite.revoked_at:
        Invite.objects.filter(pk=invite.pk, accepted_at__isnull=True).update(revoked_at=timezone.now())
        invite.refresh_from_db()
    return invite


def _refuse_unusable(invite: Invite | None) -> None:
    if invite is None:
        raise ApplicationError(_("This invite link is not valid. Check that you copied all of it."), status=404)
    reasons = {
        Invite.State.REVOKED: _("The employer withdrew this invite."),
        Invite.State.EXPIRED: _("This invite has expired: ask the employer for a new one."),
        Invite.State.ACCEPTED: _("This invite was already used."),
        Invite.State.DONE: _("This invite was already used."),
    }
    if invite.state in reasons:
        raise ApplicationError(reasons[invite.state], status=409)


def open_invite(*, token: str) -> Invite:
    """The invite behind a link, with its vacancy; the first look marks it opened. An unknown link is a
    404; a used, expired or revoked one a 409 saying which."""
    invite = Invite.objects.select_related("vacancy", "application").filter(token_hash=_hash(token)).first()
    _refuse_unusable(invite)
    if invite.opened_at is None:
        now = timezone.now()
        Invite.objects.filter(pk=invite.pk, opened_at__isnull=True).update(opened_at=now)
        invite.opened_at = now
    return invite


def accept_invite(*, candidate, token: str) -> Application:
    """Use the link: the candidate's application to the vacancy (even an unpublished one) and its screening.

    Guarantees: the link works once, and only before it expires or is revoked (checked under the
    invite's row lock); the application is committed with the claim, and the screening chat is
    opened after it (a MongoDB outage leaves the application `new`, startable from their page).
    """
    with transaction.atomic():
        invite = (Invite.objects.select_for_update(of=("self",)).select_related("vacancy", "application")
                  .filter(token_hash=_hash(token)).first())
        _refuse_unusable(invite)
        application, match = services.create_application(candidate=candidate, vacancy=invite.vacancy)
        now = timezone.now()
        invite.accepted_at, invite.application = now, application
        invite.opened_at = invite.opened_at or now
        invite.save(update_fields=["accepted_at", "application", "opened_at"])
    return services.open_screening(application_id=application.pk, match=match)
