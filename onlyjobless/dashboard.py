"""What the signed-in home page shows: where the user left off, in a few bounded queries."""

from __future__ import annotations

import logging

from django.db.models import Sum

from accounts.models import User
from applications.models import Application
from interviews import chats
from interviews.models import Progress
from interviews.serializers import chat_out
from resumes.services import get_matches
from vacancies.models import Vacancy

logger = logging.getLogger(__name__)

RECENT = 3


def _recent_chats(user: User) -> list[dict] | None:
    """The newest chats, or None when MongoDB is down: the rest of the page still works."""
    try:
        return [chat_out(chat) for chat in chats.list_chats(user_id=str(user.pk), limit=RECENT)]
    except chats.ChatsUnavailable:
        logger.warning("Dashboard: chats unavailable", exc_info=True)
        return None


def candidate_context(user: User) -> dict:
    ranking = get_matches(user=user)
    return {
        "recent_chats": _recent_chats(user),
        "top_matches": ranking.matches[:RECENT],
        "match_hint": ranking.hint,
        "applications": list(Application.objects.for_candidate(user).select_related("vacancy")[:RECENT]),
        "practice_minutes": Progress.objects.filter(user=user).aggregate(total=Sum("minutes"))["total"] or 0,
    }


def employer_context(user: User) -> dict:
    return {
        "recent_chats": _recent_chats(user),
        "my_vacancies": list(Vacancy.objects.for_owner(user).with_response_counts()[:5]),
        # Scored responses nobody has decided on yet, best first: the employer's to-do list.
        "to_review": list(
            Application.objects.for_vacancy_owner(user)
            .filter(status=Application.Status.IN_CHAT, relevance_score__isnull=False)
            .select_related("vacancy", "candidate")
            .order_by("-relevance_score", "-created_at")[:5]
        ),
    }


def dashboard_context(*, user: User) -> dict:
    return employer_context(user) if user.is_employer else candidate_context(user)
