"""The operator's home: is every part up, is the task queue moving, and how much is there."""

from __future__ import annotations

import logging

from django.db.models import Count, Q
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from interviews import chats
from onlyjobless import health
from vacancies.models import Vacancy

logger = logging.getLogger(__name__)


def _chat_count() -> int | None:
    try:
        return chats.count_all_chats(timeout_ms=int(health.TIMEOUT_S * 1000))
    except chats.ChatsUnavailable:
        logger.warning("Operator home: chats unavailable", exc_info=True)
        return None


def overview() -> dict:
    """What the operator's home shows, in a few queries; a part that is down shows as down, never an error."""
    up = health.check_all()
    tasks = DBTaskResult.objects.aggregate(
        pending=Count("pk", filter=Q(status=TaskResultStatus.READY)),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
    )
    users = User.objects.aggregate(
        total=Count("pk"),
        candidates=Count("pk", filter=Q(role=User.Role.CANDIDATE, is_staff=False)),
        employers=Count("pk", filter=Q(role=User.Role.EMPLOYER)),
        staff=Count("pk", filter=Q(is_staff=True)),
    )
    vacancies = Vacancy.objects.aggregate(total=Count("pk"), published=Count("pk", filter=Q(is_published=True)))
    return {
        "health": [("postgres", "PostgreSQL", up["postgres"]), ("mongodb", "MongoDB", up["mongodb"]),
                   ("llm", "LLM", up["llm"])],
        "tasks": tasks,
        "users": users,
        "vacancies": vacancies,
        "chat_count": _chat_count() if up["mongodb"] else None,
    }
