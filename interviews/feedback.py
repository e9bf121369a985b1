"""Ratings of interviewers after a chat, and the staff-only export of consented feedback for ML."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import DecimalField, F, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from interviews.models import Feedback, Persona
from onlyjobless.errors import ServiceError

COMMENT_MAX_CHARS = 2000
EXPORT_LIMIT_MAX = 5000


class FeedbackError(ServiceError):
    """Refused feedback."""


class InvalidFeedback(FeedbackError):
    status = 422


class AlreadyRated(FeedbackError):
    status = 409

    def __init__(self) -> None:
        super().__init__(_("You have already rated this interview."))


def rate_persona(
    *, user, persona: Persona, chat_id: str, rating: int, comment: str = "", allow_training: bool = False
) -> Feedback:
    """Record the user's rating of `persona` for one chat and fold it into the persona's mean.

    The feedback row and the new mean commit together. The mean is computed by one UPDATE from the
    current sum and count, so concurrent ratings never lose each other. A second rating of the same
    chat by the same user raises AlreadyRated (409); a rating outside 1-5 raises InvalidFeedback.
    """
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidFeedback(_("A rating is a whole number from 1 to 5."))
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_CHARS:
        raise InvalidFeedback(_("A comment can be at most %(n)d characters.") % {"n": COMMENT_MAX_CHARS})
    with transaction.atomic():
        try:
            with transaction.atomic():
                feedback = Feedback.objects.create(
                    user=user, persona=persona, chat_id=str(chat_id), rating=rating, comment=comment,
                    allow_training=bool(allow_training),
                )
        except IntegrityError as error:
            raise AlreadyRated() from error
        # Right-hand sides read the row's values before this UPDATE: sum and count move together.
        Persona.objects.filter(pk=persona.pk).update(
            ratings_sum=F("ratings_sum") + rating,
            ratings_count=F("ratings_count") + 1,
            rating=Cast(F("ratings_sum") + rating, DecimalField(max_digits=12, decimal_places=4))
            / (F("ratings_count") + 1),
        )
        persona.refresh_from_db(fields=["rating", "ratings_count", "ratings_sum"])
    return feedback


def export_feedback(*, processed: bool | None = None, limit: int = 500) -> QuerySet[Feedback]:
    """Feedback whose authors allowed training use, oldest first, at most `limit` rows.

    Nothing identifies the user. Export, process, then `mark_processed` to move on to the next batch.
    """
    queryset = Feedback.objects.filter(allow_training=True).select_related("persona").order_by("id")
    if processed is not None:
        queryset = queryset.filter(processed=processed)
    return queryset[: max(1, min(limit, EXPORT_LIMIT_MAX))]


def mark_processed(*, ids: Iterable[int]) -> int:
    """Flag exported feedback as processed; returns how many rows changed (unknown ids are ignored)."""
    ids = list(ids)
    if len(ids) > EXPORT_LIMIT_MAX:
        raise InvalidFeedback(_("Mark at most %(n)d feedback items at once.") % {"n": EXPORT_LIMIT_MAX})
    return Feedback.objects.filter(pk__in=ids, allow_training=True, processed=False).update(processed=True)
