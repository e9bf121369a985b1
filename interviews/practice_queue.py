"""Weak questions on a spaced schedule, and the record of each scored interview for the progress page.

A question scored WEAK_SCORE (5) or less, or skipped, comes back 1 day later. Each time it is
answered well (6+) it moves along the schedule (next in 3, then 7, then 14 days; after the 14-day
step it is done); each time it is answered weakly it starts again at 1 day. "Practise now" starts an
interview from the questions that are due (`interviews.practice_now`). Every scored practice interview feeds this, whichever way
it was started (a vacancy, a retry, the queue), and records its minutes and per-topic scores.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews import chats, kinds, plan
from interviews.models import PracticeItem, PracticeSession

INTERVALS_DAYS = (1, 3, 7, 14)
QUESTION_FIELDS = ("text", "topic", "ideal_answer", "key_points")


def question_key(*, vacancy_id: int | None, text: str) -> str:
    """The same question of the same vacancy is one item, however often it is asked."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(f"{vacancy_id or ''}\n{normalised}".encode()).hexdigest()


def _is_weak(result: dict) -> bool:
    return result["verdict"] == "not_answered" or (result["score"] is not None and result["score"] <= plan.WEAK_SCORE)


def _move(item: PracticeItem, *, weak: bool, now: datetime) -> None:
    if weak:
        item.step, item.due_at, item.done_at = 0, now + timedelta(days=INTERVALS_DAYS[0]), None
    elif item.done_at is None:
        item.step += 1
        if item.step >= len(INTERVALS_DAYS):
            item.done_at = now
        else:
            item.due_at = now + timedelta(days=INTERVALS_DAYS[item.step])


def record_evaluation(*, chat: dict, evaluation: dict) -> None:
    """Schedule the weak questions of a scored practice interview, move the practised ones along, and
    record the interview for the progress page.

    Idempotent: an evaluation run again (a retried job) moves no item twice (each remembers the
    interview that last moved it) and overwrites the interview's record."""
    if evaluation.get("status") != "ready" or not kinds.get(chat.get("kind")).coaching:
        return
    user_id, chat_id = chat["user_id"], str(chat["_id"])
    planned = {question["id"]: question for question in plan.questions(chat)}
    now = timezone.now()
    schedules = kinds.get(chat.get("kind")).schedules_questions
    with transaction.atomic():
        for result in evaluation["questions"] if schedules else []:
            question = planned.get(result["id"])
            if question is None or result["verdict"] == "not_evaluated":
                continue
            key = question.get("practice_key") or question_key(vacancy_id=chat.get("vacancy_id"),
                                                               text=question["text"])
            weak = _is_weak(result)
            item = PracticeItem.objects.select_for_update().filter(user_id=user_id, key=key).first()
            if item is None:
                if not weak:
                    continue
                item = PracticeItem(user_id=user_id, key=key, step=0, due_at=now + timedelta(days=INTERVALS_DAYS[0]),
                                    question={field: question.get(field) for field in QUESTION_FIELDS},
                                    topic=(question.get("topic") or "")[:200], language=chat.get("language", "en"))
            elif item.last_chat_id == chat_id:
                continue
            else:
                _move(item, weak=weak, now=now)
            item.last_score, item.last_chat_id = result["score"], chat_id
            item.save()
        PracticeSession.objects.update_or_create(
            user_id=user_id, chat_id=chat_id,
            defaults={"finished_at": chat.get("updated_at") or now, "overall": evaluation.get("overall"),
                      "minutes": plan.practice_minutes(chat, now=chat.get("updated_at") or now),
                      "topic_scores": _topic_scores(evaluation["questions"])})


def _topic_scores(results: list[dict]) -> dict[str, float]:
    """The mean score of each topic's answered questions (a skipped question is in the queue, not a 0 here)."""
    scores: dict[str, list[int]] = {}
    for result in results:
        if result["score"] is not None:
            scores.setdefault((result.get("topic") or "").strip()[:60] or _("General"), []).append(result["score"])
    return {topic: round(sum(values) / len(values), 1) for topic, values in scores.items()}


def due_count(*, user, now: datetime | None = None) -> int:
    return PracticeItem.objects.for_owner(user).due(now=now or timezone.now()).count()


def queue(*, user, now: datetime | None = None) -> dict:
    """What is due now and what comes later, for the dashboard, the progress page and the API."""
    now = now or timezone.now()
    scheduled = PracticeItem.objects.for_owner(user).scheduled()
    due = list(scheduled.filter(due_at__lte=now).order_by("due_at", "pk")[:50])
    upcoming = list(scheduled.filter(due_at__gt=now).order_by("due_at", "pk")[:10])
    return {"due": due, "due_count": due_count(user=user, now=now), "upcoming": upcoming,
            "scheduled_count": scheduled.count(), "intervals": INTERVALS_DAYS}


def allowance(*, user, now: datetime | None = None) -> dict:
    """How many chats the user may still start in the rolling day, and when the next place frees up."""
    now = now or timezone.now()
    window = timedelta(days=1)
    created = chats.chat_creation_times_since(user_id=str(user.pk), since=now - window)
    limit = settings.CHATS_PER_DAY
    return {"limit": limit, "used": len(created), "left": max(0, limit - len(created)),
            "next_free_at": created[0] + window if created else None}


SESSIONS_READ = 200  # the progress page charts the newest interviews, at most this many
TOPICS_CHARTED = 6
WEEKS_CHARTED = 8


def progress(*, user, now: datetime | None = None) -> dict:
    """Scores per topic over time (the most practised topics) and practice minutes per week (Monday
    first, the last WEEKS_CHARTED weeks including this one, empty weeks as 0)."""
    now = timezone.localtime(now or timezone.now())
    sessions = list(PracticeSession.objects.filter(user=user).order_by("-finished_at")[:SESSIONS_READ])[::-1]
    series: dict[str, list[tuple[datetime, float]]] = {}
    for session in sessions:
        for topic, score in session.topic_scores.items():
            series.setdefault(topic, []).append((session.finished_at, score))
    topics = sorted(series, key=lambda topic: (-len(series[topic]), topic))[:TOPICS_CHARTED]
    this_week = (now - timedelta(days=now.weekday())).date()
    weeks = {this_week - timedelta(weeks=n): 0 for n in range(WEEKS_CHARTED - 1, -1, -1)}
    for session in sessions:
        day = timezone.localtime(session.finished_at).date()
        week = day - timedelta(days=day.weekday())
        if week in weeks:
            weeks[week] += session.minutes
    return {"topics": [{"topic": topic, "points": series[topic]} for topic in topics],
            "weeks": list(weeks.items()), "sessions": len(sessions)}
