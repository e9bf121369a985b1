"""What the signed-in home page shows: where the user left off, in a few bounded queries."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Sum
from django.urls import reverse

from accounts.models import User
from applications.models import Application
from interviews import chats, kinds, practice_queue
from interviews.models import Progress
from interviews.serializers import chat_out
from resumes.services import get_matches
from vacancies.models import Vacancy

logger = logging.getLogger(__name__)

RECENT = 3
# The next step and the score trend come from the newest chats: this many are listed, and at most
# REPORT_READS finished interviews among them are read for their scores.
CHAT_SCAN = 20
REPORT_READS = 3


@dataclass(frozen=True, slots=True)
class Step:
    name: str  # "resume", "practise" or "report", in that order
    done: bool
    url: str  # where the step is taken
    waiting_for: str = ""  # the report's: "finish" (an interview is still open) or "scoring" (being scored)


@dataclass(frozen=True, slots=True)
class Score:
    chat_id: str
    overall: float  # 0-10
    previous: float | None  # the report before it, if any

    @property
    def change(self) -> float | None:
        return None if self.previous is None else round(self.overall - self.previous, 1)


def _chats(user: User, *, limit: int) -> list[dict] | None:
    """The newest chats, or None when MongoDB is down: the rest of the page still works."""
    try:
        return chats.list_chats(user_id=str(user.pk), limit=limit)
    except chats.ChatsUnavailable:
        logger.warning("Dashboard: chats unavailable", exc_info=True)
        return None


def _recent_chats(found: list[dict] | None) -> list[dict] | None:
    return None if found is None else [chat_out(chat) for chat in found[:RECENT]]


def _finished_interviews(found: list[dict]) -> list[dict]:
    """Finished chats with a scored report (practice interviews, not free chats or screenings), newest first."""
    return [chat for chat in found if chat.get("status") == "finished" and kinds.get(chat.get("kind")).coaching]


def _last_score(*, user: User, finished: list[dict]) -> Score | None:
    """The newest ready report's overall score and the one before it; reads at most REPORT_READS chats
    (the chat list leaves evaluations out), and MongoDB going down on the way just means no score."""
    overalls: list[tuple[str, float]] = []
    try:
        for listed in finished[:REPORT_READS]:
            chat = chats.get_chat(user_id=str(user.pk), chat_id=listed["_id"]) or {}
            evaluation = chat.get("evaluation") or {}
            if evaluation.get("status") == "ready" and evaluation.get("overall") is not None:
                overalls.append((str(listed["_id"]), float(evaluation["overall"])))
                if len(overalls) == 2:
                    break
    except chats.ChatsUnavailable:
        logger.warning("Dashboard: reports unavailable", exc_info=True)
    if not overalls:
        return None
    (chat_id, overall), *rest = overalls
    return Score(chat_id=chat_id, overall=overall, previous=rest[0][1] if rest else None)


def _steps(*, has_skills: bool, found: list[dict], finished: list[dict], score: Score | None,
           practise_vacancy_id: int | None) -> list[Step]:
    """Resume → practise for a vacancy → read the report, each done or not, with where to do it."""
    practised = [chat for chat in found if kinds.get(chat.get("kind")).coaching]
    waiting_for = ""
    if finished:
        report_url = reverse("chats:report", args=[str(finished[0]["_id"])])
        waiting_for = "" if score is not None else "scoring"
    elif practised:  # started, not finished: the report comes when it is
        report_url = reverse("chats:detail", args=[str(practised[0]["_id"])])
        waiting_for = "finish"
    else:
        report_url = reverse("chats:list")
    practise_url = (reverse("vacancies:detail", args=[practise_vacancy_id]) + "#practice-title" if practise_vacancy_id
                    else reverse("vacancies:list"))
    return [Step("resume", has_skills, reverse("resumes:edit")), Step("practise", bool(practised), practise_url),
            Step("report", score is not None, report_url, waiting_for)]


def _allowance(user: User) -> dict | None:
    try:
        return practice_queue.allowance(user=user)
    except chats.ChatsUnavailable:
        logger.warning("Dashboard: chat allowance unavailable", exc_info=True)
        return None


def candidate_context(user: User) -> dict:
    ranking = get_matches(user=user)
    found = _chats(user, limit=CHAT_SCAN)
    finished = _finished_interviews(found or [])
    score = _last_score(user=user, finished=finished)
    # Nothing was applied to yet and something on the resume matches: the best of those is worth practising.
    worth_practising = [match for match in ranking.matches if match.percent and not match.vacancy.application_id]
    steps = _steps(has_skills=ranking.hint is None, found=found or [], finished=finished, score=score,
                   practise_vacancy_id=worth_practising[0].vacancy.pk if worth_practising else None)
    return {
        "recent_chats": _recent_chats(found),
        "top_matches": worth_practising[:RECENT],
        "match_hint": ranking.hint,
        "steps": steps,
        "next_step": next((step for step in steps if not step.done), None),
        "last_score": score,
        "applications": list(Application.objects.for_candidate(user).select_related("vacancy")[:RECENT]),
        "practice_minutes": Progress.objects.filter(user=user).aggregate(total=Sum("minutes"))["total"] or 0,
        "practice_due": practice_queue.due_count(user=user),
        "allowance": _allowance(user),
    }


def employer_context(user: User) -> dict:
    return {
        "recent_chats": _recent_chats(_chats(user, limit=RECENT)),
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
