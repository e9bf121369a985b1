"""Application reads: the candidate's own, and the responses an employer may see (their vacancies only).

A missing application and someone else's are the same 404; the ownership filter is the
queryset (`for_candidate`, `for_vacancy_owner`), applied before anything is read.
"""

from __future__ import annotations

import logging

from django.db.models import F, QuerySet

from applications.models import Application
from applications.practice import eligible_reports
from applications.services import not_found, skill_match
from interviews import chats
from interviews.serializers import message_out
from resumes.models import Resume
from vacancies.models import Vacancy
from vacancies.services import VacancyNotFound

logger = logging.getLogger(__name__)


def my_applications(*, candidate) -> QuerySet[Application]:
    return Application.objects.for_candidate(candidate).select_related("vacancy")


def vacancy_responses(*, employer, vacancy_id: int) -> tuple[Vacancy, QuerySet[Application]]:
    """Responses to the employer's vacancy: best relevance first, unscored last, then newest."""
    vacancy = Vacancy.objects.for_owner(employer).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise VacancyNotFound
    responses = (
        Application.objects.for_vacancy_owner(employer)
        .filter(vacancy=vacancy)
        .select_related("candidate", "candidate__resume")
        .order_by(F("relevance_score").desc(nulls_last=True), "-created_at", "-id")
    )
    return vacancy, responses


def owned_response(*, employer, application_id: int) -> Application:
    application = (Application.objects.for_vacancy_owner(employer).select_related("vacancy", "candidate",
                                                                                  "candidate__resume")
                   .filter(pk=application_id).first())
    if application is None:
        raise not_found()
    return application


def transcript(*, application: Application) -> list[dict] | None:
    """The screening chat's messages, oldest first, for someone the caller has authorised to read them
    (the vacancy's owner: `owned_response`). Empty or still-streaming replies are left out.

    Each answer carries the planned question it answers (`question`), so the transcript reads
    right even when the model's replies wander from the plan. Only the application's candidate's
    screening chat is read. None when MongoDB is unavailable: the rest of the response (the
    assessment, the decision) is in Postgres and still shows.
    """
    oid = chats.parse_id(application.chat_id) if application.chat_id else None
    if oid is None:
        return []
    try:
        chat = chats.find_chat(chat_id=oid, user_id=str(application.candidate_id), kind="screening")
        if chat is None:
            return []
        messages = chats.chat_messages_for_report(chat_id=oid)
    except chats.ChatsUnavailable:
        logger.warning("Transcript of application %s unavailable", application.pk, exc_info=True)
        return None
    questions = {q["id"]: q["text"] for q in (chat.get("plan") or {}).get("questions") or []}
    return [{**message_out(m), "question": questions.get(m.get("question_id")) if m["role"] == "user" else None}
            for m in messages if m.get("content")]


def resume_of(user):
    """The candidate's resume, or None."""
    try:
        return user.resume
    except Resume.DoesNotExist:
        return None


def _shareable(user, vacancy: Vacancy) -> list:
    """The practice reports the apply form offers to share; none while MongoDB is down (apply still works)."""
    try:
        return eligible_reports(candidate=user, vacancy=vacancy)
    except chats.ChatsUnavailable:
        return []


def apply_box(*, user, vacancy: Vacancy) -> dict:
    """What the vacancy page offers: apply / the application's status (candidates), the response
    count (the owner), a log-in link (anonymous) or nothing (other employers, catalogue vacancies)."""
    if not getattr(user, "is_authenticated", False):
        return {"mode": "anonymous" if vacancy.owner_id else "none"}
    if vacancy.owner_id == user.pk:
        return {"mode": "owner", "response_count": vacancy.applications.count()}
    if getattr(user, "is_candidate", False) and vacancy.owner_id is not None:
        application = Application.objects.for_candidate(user).filter(vacancy=vacancy).first()
        has_resume = Resume.objects.filter(user=user).exists()
        match = skill_match(candidate=user, vacancy=vacancy) if has_resume and not application else None
        can_apply = vacancy.is_published
        return {"mode": "candidate", "application": application, "can_apply": can_apply,
                "has_resume": has_resume, "match": match,
                "practice_reports": _shareable(user, vacancy) if can_apply and not application else []}
    return {"mode": "none"}
