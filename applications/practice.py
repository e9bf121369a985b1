"""Practice reports a candidate shares with an application, by their explicit choice only.

Which reports may be shared: the candidate's own finished practice interviews with a ready report,
for that vacancy or for a vacancy sharing one of its skills. Until the employer decides, the
candidate adds and removes them; the employer reads them, read-only, beside the screening, through
the application only, and only while they are shared (a deleted practice chat drops out).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from applications import services
from applications.models import Application, SharedReport
from applications.services import DECISIONS, ApplicationError, not_found
from interviews import chats
from vacancies.models import Vacancy

logger = logging.getLogger(__name__)

PRACTICE = "practice"
CANDIDATES_MAX = 30  # reports offered to choose from: the newest
SHARED_MAX = 5


@dataclass(frozen=True)
class PracticeReport:
    chat_id: str
    title: str
    evaluated_at: datetime | None
    overall: float | None  # 0-10, every planned question counted
    method: str  # "rubric" (the offline grader) or "model"
    models: list[str]
    answered_count: int
    question_count: int
    questions: list[dict]  # {topic, question, score, verdict}


def _report(chat: dict) -> PracticeReport:
    evaluation = chat.get("evaluation") or {}
    questions = evaluation.get("questions") or []
    return PracticeReport(
        chat_id=str(chat["_id"]), title=chat.get("title") or "", evaluated_at=evaluation.get("evaluated_at"),
        overall=evaluation.get("overall"), method=evaluation.get("method") or "rubric",
        models=list(evaluation.get("models") or []), answered_count=evaluation.get("answered_count", 0),
        question_count=evaluation.get("question_count", len(questions)),
        questions=[{"topic": q.get("topic") or "", "question": q.get("question") or "", "score": q.get("score"),
                    "verdict": q.get("verdict") or ""} for q in questions])


def eligible_reports(*, candidate, vacancy: Vacancy) -> list[PracticeReport]:
    """The candidate's finished, graded practice interviews for this vacancy or one of its skills."""
    found = chats.list_evaluated_chats(user_id=str(candidate.pk), kind=PRACTICE, limit=CANDIDATES_MAX)
    wanted = {skill.casefold() for skill in vacancy.skills or []}
    practised = {chat.get("vacancy_id") for chat in found} - {None, vacancy.pk}
    overlapping = {other.pk for other in Vacancy.objects.filter(pk__in=practised).only("pk", "skills")
                   if wanted & {skill.casefold() for skill in other.skills or []}}
    return [_report(chat) for chat in found if chat.get("vacancy_id") == vacancy.pk
            or chat.get("vacancy_id") in overlapping]


def _candidates_application(*, candidate, application_id: int) -> Application:
    application = (Application.objects.for_candidate(candidate).select_related("vacancy")
                   .filter(pk=application_id).first())
    if application is None:
        raise not_found()
    return application


def _open(application: Application) -> None:
    if application.status in DECISIONS:
        raise ApplicationError(_("The employer has decided on this application: its shared reports can no longer "
                                 "change."), status=409)


def _check_eligible(*, candidate, vacancy: Vacancy, chat_ids: list[str]) -> None:
    allowed = {report.chat_id for report in eligible_reports(candidate=candidate, vacancy=vacancy)}
    if len(set(chat_ids)) > SHARED_MAX:
        raise ApplicationError(_("Share at most %(n)d practice reports.") % {"n": SHARED_MAX}, status=422)
    if not set(chat_ids) <= allowed:
        raise ApplicationError(_("Practice report not found: only your own finished practice interviews for this "
                                 "vacancy or its skills can be shared."), status=404)


def sharing_choice(*, candidate, application_id: int) -> tuple[Application, list[PracticeReport], set[str]]:
    """The candidate's application, the reports they could share with it, and the ids shared now."""
    application = _candidates_application(candidate=candidate, application_id=application_id)
    shared = set(application.shared_reports.values_list("chat_id", flat=True))
    return application, eligible_reports(candidate=candidate, vacancy=application.vacancy), shared


def share(*, candidate, application_id: int, chat_id: str) -> SharedReport:
    """Show one more practice report with the application (sharing it twice is the same)."""
    application = _candidates_application(candidate=candidate, application_id=application_id)
    _open(application)
    _check_eligible(candidate=candidate, vacancy=application.vacancy,
                    chat_ids=[*application.shared_reports.values_list("chat_id", flat=True), chat_id])
    shared, _created = SharedReport.objects.get_or_create(application=application, chat_id=chat_id)
    return shared


def unshare(*, candidate, application_id: int, chat_id: str) -> None:
    """The employer no longer sees the report; removing one that is not shared changes nothing."""
    application = _candidates_application(candidate=candidate, application_id=application_id)
    _open(application)
    application.shared_reports.filter(chat_id=chat_id).delete()


def apply_sharing(*, candidate, vacancy_id: int, chat_ids: list[str]) -> Application:
    """Apply (services.apply) with the chosen practice reports shared; a report that may not be shared
    refuses the whole apply before anything is saved."""
    vacancy = Vacancy.objects.published().filter(pk=vacancy_id).first()
    if vacancy is not None and chat_ids:
        _check_eligible(candidate=candidate, vacancy=vacancy, chat_ids=chat_ids)
    application = services.apply(candidate=candidate, vacancy_id=vacancy_id)
    with transaction.atomic():
        SharedReport.objects.bulk_create([SharedReport(application=application, chat_id=chat_id)
                                          for chat_id in dict.fromkeys(chat_ids)], ignore_conflicts=True)
    return application


def shared_reports(*, application: Application) -> list[PracticeReport] | None:
    """The reports shared with an application the caller may read (its vacancy's owner: `owned_response`),
    as they stand now; None while MongoDB is unavailable."""
    reports = []
    try:
        for shared in application.shared_reports.all():
            oid = chats.parse_id(shared.chat_id)
            chat = chats.find_chat(chat_id=oid, user_id=str(application.candidate_id), kind=PRACTICE) if oid else None
            ready = chat is not None and (chat.get("evaluation") or {}).get("status") == "ready"
            if ready and chat.get("deleted_at") is None:
                reports.append(_report(chat))
    except chats.ChatsUnavailable:
        logger.warning("Shared reports of application %s unavailable", application.pk, exc_info=True)
        return None
    return reports
