"""Sharing a report by link: anyone with the link reads that one report, without logging in.

The token is 32 random bytes shown once; only its SHA-256 is stored, so the database alone
can't open a report. A link works until its owner revokes it or it expires; a deleted chat
takes its links with it (the report is read through the owner's chats, which skip deleted ones).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews import services
from interviews.errors import ChatConflict, ChatNotFound, InvalidMessage
from interviews.models import ReportShare

EXPIRY_DAYS_MAX = 365
EXPIRY_CHOICES = (1, 7, 30, 90)  # what the report page offers; the API takes any 1..EXPIRY_DAYS_MAX
SHARES_PER_CHAT_MAX = 20


class ShareNotFound(ChatNotFound):
    def __init__(self) -> None:
        super().__init__(_("This link does not open a report: it was revoked, it expired, or it never existed."))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_share(*, user, chat_id: str, expires_in_days: int | None = None) -> tuple[ReportShare, str]:
    """A new link to the user's ready report; returns the share and its token (never stored, shown once).

    Another user's chat, or none, is a 404; a report not ready yet is a 409 (there is nothing to show)."""
    if expires_in_days is not None and not 1 <= expires_in_days <= EXPIRY_DAYS_MAX:
        raise InvalidMessage(_("A link can expire in 1 to %(n)d days, or never.") % {"n": EXPIRY_DAYS_MAX})
    result = services.report(user_id=str(user.pk), chat_id=chat_id)
    if result["status"] != "ready":
        raise ChatConflict(_("Only a finished, scored report can be shared."))
    chat_key = str(result["chat"]["_id"])
    working = ReportShare.objects.for_owner(user).working(now=timezone.now()).filter(chat_id=chat_key)
    if working.count() >= SHARES_PER_CHAT_MAX:
        raise ChatConflict(_("This report has %(n)d working links already: revoke one you no longer need.")
                           % {"n": SHARES_PER_CHAT_MAX})
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    share = ReportShare.objects.create(user=user, chat_id=chat_key, token_hash=_hash(token), expires_at=expires_at)
    return share, token


def list_shares(*, user, chat_id: str | None = None) -> list[ReportShare]:
    """The user's links, newest first (revoked and expired ones too, so the owner sees what happened)."""
    shares = ReportShare.objects.for_owner(user)
    if chat_id is not None:
        shares = shares.filter(chat_id=chat_id)
    return list(shares)


def revoke_share(*, user, share_id: int) -> ReportShare:
    """Stop a link of the user's from working at once; revoking twice changes nothing. Another user's is a 404."""
    share = ReportShare.objects.for_owner(user).filter(pk=share_id).first()
    if share is None:
        raise ChatNotFound(_("Link not found."))
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
    return share


def shared_report(*, token: str) -> dict:
    """The report a working link opens, as `services.report` gives it to the owner; counts the view.

    Anything else (a wrong, revoked or expired token, a deleted chat, a report being re-scored) is the
    same 404, so a visitor learns nothing about what exists."""
    if not token or len(token) > 100:
        raise ShareNotFound()
    share = ReportShare.objects.working(now=timezone.now()).filter(token_hash=_hash(token)).first()
    if share is None:
        raise ShareNotFound()
    try:
        result = services.report(user_id=str(share.user_id), chat_id=share.chat_id)
    except ChatNotFound as error:
        raise ShareNotFound() from error
    if result["status"] != "ready":
        raise ShareNotFound()
    ReportShare.objects.filter(pk=share.pk).update(views=F("views") + 1)
    return result
