"""What the Telegram bot does through a service key: find a candidate by Telegram username, list their
vacancy matches, and leave a resume draft that the candidate confirms in the app."""

from __future__ import annotations

import re

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from integrations.models import ResumeDraft, ServiceKey
from onlyjobless.errors import ServiceError
from resumes import services as resumes
from resumes.matching import Match

TELEGRAM_NAME = re.compile(r"^@?([A-Za-z0-9_]{5,32})$")
DRAFTS_KEPT = 5  # per user: a bot that sends drafts in a loop cannot fill the table


def candidate_by_telegram(username: str) -> User:
    """The one candidate whose profile names this Telegram username (with or without @, any case).
    None or an employer is a 404; two accounts naming it a 409 (the bot must not guess)."""
    match = TELEGRAM_NAME.match(username or "")
    if match is None:
        raise ServiceError(_("A Telegram username is 5-32 letters, digits or underscores."), status=422)
    name = match.group(1)
    found = list(User.objects.filter(Q(telegram_id__iexact=name) | Q(telegram_id__iexact=f"@{name}"),
                                     role=User.Role.CANDIDATE, is_active=True)[:2])
    if not found:
        raise ServiceError(_("No candidate has this Telegram username in their profile."), status=404)
    if len(found) > 1:
        raise ServiceError(_("More than one account names this Telegram username; the user must fix it in "
                              "their profile."), status=409)
    return found[0]


def matches_for(*, telegram: str) -> tuple[User, list[Match], str]:
    user = candidate_by_telegram(telegram)
    ranking = resumes.get_matches(user=user)
    return user, ranking.matches, ranking.hint


def create_draft(*, telegram: str, key: ServiceKey, data: dict) -> ResumeDraft:
    """Validate the fields as the resume form would (422 with the field) and keep them as a draft; the
    user's resume changes only when they use it. The oldest drafts beyond DRAFTS_KEPT are dropped."""
    user = candidate_by_telegram(telegram)
    try:
        cleaned = resumes.clean_resume_data(data)
    except resumes.ResumeError as error:
        raise ServiceError(error.detail, status=422,
                           errors={field: messages[:1] for field, messages in error.errors.items()}) from error
    draft = ResumeDraft.objects.create(user=user, key=key, data=cleaned)
    stale = ResumeDraft.objects.filter(user=user).order_by("-created_at", "-id").values_list("id", flat=True)[DRAFTS_KEPT:]
    ResumeDraft.objects.filter(id__in=list(stale)).delete()
    return draft


def drafts_of(user) -> list[ResumeDraft]:
    return list(ResumeDraft.objects.filter(user=user))


def use_draft(*, user, draft_id: int) -> None:
    """The draft's fields become the user's resume (fields it leaves empty keep what the resume had)."""
    draft = ResumeDraft.objects.filter(user=user, pk=draft_id).first()
    if draft is None:
        raise ServiceError(_("Draft not found."), status=404)
    merged = resumes.merge_draft(resume=resumes.get_resume(user=user), draft=draft.data)
    resumes.save_resume(user=user, data=merged)
    ResumeDraft.objects.filter(user=user).delete()


def discard_draft(*, user, draft_id: int) -> None:
    ResumeDraft.objects.filter(user=user, pk=draft_id).delete()
