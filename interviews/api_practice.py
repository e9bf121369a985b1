"""The practice queue, Practise now, progress charts' data and the daily chat allowance."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from interviews import negotiation, practice_now, practice_queue, rehearsal
from interviews.api import ChatOut
from interviews.serializers import chat_out

router = Router(tags=["practice"])


class AllowanceOut(Schema):
    limit: int
    used: int
    left: int
    next_free_at: datetime | None  # when the oldest chat of the rolling day frees a place


class PracticeItemOut(Schema):
    id: int
    text: str
    topic: str
    step: int  # 0-3: the next gap is intervals_days[step]
    due_at: datetime
    last_score: int | None


class QueueOut(Schema):
    due_count: int
    scheduled_count: int
    intervals_days: list[int]
    due: list[PracticeItemOut]
    upcoming: list[PracticeItemOut]
    allowance: AllowanceOut


class TopicPoint(Schema):
    at: datetime
    score: float


class TopicSeries(Schema):
    topic: str
    points: list[TopicPoint]


class WeekMinutes(Schema):
    week_start: date
    minutes: int


class ProgressOut(Schema):
    topics: list[TopicSeries]
    weeks: list[WeekMinutes]


def _item(item) -> dict:
    return {"id": item.pk, "text": item.question.get("text", ""), "topic": item.topic, "step": item.step,
            "due_at": item.due_at, "last_score": item.last_score}


@router.get("/practice", response=QueueOut)
def queue(request: HttpRequest):
    """Questions due for practice now and the next ones, with how many chats may still be started today."""
    found = practice_queue.queue(user=request.auth)
    return {"due_count": found["due_count"], "scheduled_count": found["scheduled_count"],
            "intervals_days": list(found["intervals"]), "due": [_item(item) for item in found["due"]],
            "upcoming": [_item(item) for item in found["upcoming"]],
            "allowance": practice_queue.allowance(user=request.auth)}


@router.post("/practice/start", response={201: ChatOut})
def start(request: HttpRequest):
    """A practice interview of the due questions (409 when none is due, 429 past the daily limit)."""
    chat = practice_now.start_due_practice(user=request.auth)
    return Status(201, chat_out(chat))


@router.get("/practice/progress", response=ProgressOut)
def progress(request: HttpRequest):
    data = practice_queue.progress(user=request.auth)
    return {"topics": [{"topic": series["topic"], "points": [{"at": at, "score": score} for at, score in series["points"]]}
                       for series in data["topics"]],
            "weeks": [{"week_start": week, "minutes": minutes} for week, minutes in data["weeks"]]}


@router.post("/vacancies/{vacancy_id}/rehearse", response={201: ChatOut})
def rehearse(request: HttpRequest, vacancy_id: int):
    """A private rehearsal of this employer vacancy's screening: no application; the employer never sees it.
    Its report (`GET /api/chats/{id}/report`) carries the `relevance` the screening would compute."""
    chat = rehearsal.start_rehearsal(user=request.auth, vacancy_id=vacancy_id)
    return Status(201, chat_out(chat))


@router.post("/vacancies/{vacancy_id}/negotiate", response={201: ChatOut})
def negotiate(request: HttpRequest, vacancy_id: int):
    """A practice negotiation of this vacancy's offer (409 when it has no salary range and no model is
    trained). Its report (`GET /api/chats/{id}/report`) carries `negotiation`: the band, the market range
    used and the recruiter's offers."""
    chat = negotiation.start_negotiation(user=request.auth, vacancy_id=vacancy_id)
    return Status(201, chat_out(chat))
