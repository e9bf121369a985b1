"""Application writes shared by the pages and the API: apply, start the screening, finish it, score, decide.

Lifecycle: `new` (saved) → `in_chat` (the screening chat exists) → `approved`/`rejected` (the
employer decides, at any point). The assessment runs beside it (`assessment_status`) and
never changes `status`, so a failed scoring leaves the application where it was. Each queued
scoring gets a token (`assessment_queued_at`); only the run holding the latest token writes.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import screening
from applications.models import ASSESSMENT_STALE_AFTER, Application
from interviews import chats
from onlyjobless.errors import ServiceError
from resumes.models import Resume
from resumes.matching import Match, rank_vacancies
from vacancies.models import Vacancy
from vacancies.services import VacancyNotFound

logger = logging.getLogger(__name__)

MESSAGE_MAX = Application._meta.get_field("message").max_length
DECISIONS = (Application.Status.APPROVED, Application.Status.REJECTED)


class ApplicationError(ServiceError):
    """An application action refused."""


def not_found() -> ApplicationError:
    return ApplicationError(_("Application not found."), status=404)


def skill_match(*, candidate, vacancy: Vacancy) -> Match:
    resume = Resume.objects.filter(user=candidate).first()
    return rank_vacancies(resume=resume, vacancies=[vacancy])[0]


def apply(*, candidate, vacancy_id: int) -> Application:
    """Apply to a published employer's vacancy and start its screening chat.

    Guarantees: one application per candidate and vacancy, kept by the database's unique
    constraint (a second or concurrent apply is a 409, never a second row); the application
    is saved before the chat is started, so a MongoDB outage leaves it `new`, never lost.
    """
    vacancy = Vacancy.objects.published().filter(pk=vacancy_id).first()
    if vacancy is None:
        raise VacancyNotFound
    application, match = create_application(candidate=candidate, vacancy=vacancy)
    return open_screening(application_id=application.pk, match=match)


def create_application(*, candidate, vacancy: Vacancy) -> tuple[Application, Match]:
    """Save the candidate's application to an employer's vacancy (published or not: the caller decides
    who may reach it) with the skill match of the moment; a second one is a 409. Inside the caller's
    transaction when there is one, so a refusal further on undoes it."""
    if not getattr(candidate, "is_candidate", False):
        raise ApplicationError(_("Only candidates can apply to vacancies."), status=403)
    if vacancy.owner_id == candidate.pk:
        raise ApplicationError(_("You cannot apply to your own vacancy."), status=403)
    if vacancy.owner_id is None:
        raise ApplicationError(_("This catalogue vacancy is for interview practice: there is no employer to apply to."))
    match = skill_match(candidate=candidate, vacancy=vacancy)
    has_skills = bool(match.matched_skills or match.missing_skills)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                candidate=candidate, vacancy=vacancy, skill_match=match.percent if has_skills else None,
                screening_version=vacancy.screening_versions.order_by("-version").first())
    except IntegrityError as error:
        raise ApplicationError(_("You have already applied to this vacancy."), status=409) from error
    return application, match


def open_screening(*, application_id: int, match: Match | None = None) -> Application:
    """Create the screening chat of a `new` application, once; on a MongoDB outage it stays `new`."""
    with transaction.atomic():
        # The row lock makes two clicks on "Start screening" create one chat.
        application = (Application.objects.select_for_update(of=("self",))
                       .select_related("vacancy", "candidate", "screening_version").get(pk=application_id))
        if application.chat_id or application.status != Application.Status.NEW:
            return application
        own = application.screening_version.questions if application.screening_version else []
        if own:
            plan = screening.employer_plan(own)
        else:
            match = match or skill_match(candidate=application.candidate, vacancy=application.vacancy)
            plan = screening.build_plan(vacancy=application.vacancy, matched_skills=match.matched_skills,
                                        missing_skills=match.missing_skills)
        try:
            chat = screening.create_chat(candidate=application.candidate, vacancy=application.vacancy,
                                         plan_questions=plan)
        except screening.ScreeningUnavailable as error:
            logger.warning("Screening chat for application %s not started: %s", application_id, error)
            return application
        application.status = Application.Status.IN_CHAT
        application.chat_id = str(chat["_id"])
        try:
            application.save(update_fields=["status", "chat_id", "updated_at"])
        except Exception:  # the row is not linked to it: no screening chat without its application
            _discard_unlinked(chat)
            raise
    return application


def _discard_unlinked(chat: dict) -> None:
    try:
        chats.discard_chat(chat_id=chat["_id"])
    except chats.ChatsUnavailable:
        logger.exception("Could not discard unlinked screening chat %s", chat["_id"])


def start_screening(*, candidate, application_id: int) -> Application:
    """Start the screening chat of the candidate's application that could not start it when applying."""
    application = Application.objects.for_candidate(candidate).filter(pk=application_id).first()
    if application is None:
        raise not_found()
    if application.chat_id:
        return application
    if application.status != Application.Status.NEW:
        raise ApplicationError(_("The employer has already decided on this application."), status=409)
    application = open_screening(application_id=application.pk)
    if not application.chat_id:
        raise ApplicationError(_("The screening chat can't be started right now. Please try again in a minute."),
                               status=503)
    return application


def _queue_assessment(application: Application, *, only_if: Q | None = None) -> bool:
    """Queue a scoring with a fresh token: an older run still going finds its token replaced and writes nothing.

    With `only_if`, the row is marked pending only while it matches: one conditional UPDATE, so of two
    parallel presses one queues a job and the other gets False (Postgres re-checks the condition after
    the first commits).
    """
    from applications.tasks import assess_application_task

    token = timezone.now()
    with transaction.atomic():
        rows = Application.objects.filter(pk=application.pk)
        if only_if is not None:
            rows = rows.filter(only_if)
        if not rows.update(assessment_status=Application.Assessment.PENDING, assessment_error="",
                           assessment_queued_at=token, updated_at=token):
            return False
        assess_application_task.enqueue(application.pk, token.isoformat())
    application.assessment_status, application.assessment_error = Application.Assessment.PENDING, ""
    application.assessment_queued_at = token
    return True


def _not_running() -> Q:
    """Not scoring now: never queued, done, failed, or pending so long that its worker is taken as lost."""
    return ~Q(assessment_status=Application.Assessment.PENDING,
              assessment_queued_at__gt=timezone.now() - ASSESSMENT_STALE_AFTER)


def _close_screening(application: Application) -> bool:
    """Record that the candidate finished the screening; True only for the call that finished it."""
    now = timezone.now()
    closed = Application.objects.filter(pk=application.pk, screening_finished_at__isnull=True).update(
        screening_finished_at=now, updated_at=now)
    if closed:
        application.screening_finished_at = now
    return bool(closed)


def _screening_application(chat: dict) -> Application | None:
    # candidate + vacancy is the unique index; the chat id makes sure it is this application's chat.
    return Application.objects.filter(candidate_id=chat["user_id"], vacancy_id=chat.get("vacancy_id"),
                                      chat_id=str(chat["_id"])).first()


def screening_answered(*, chat: dict) -> bool:
    """The candidate answered the last planned question: close the screening, queue the assessment (even
    when an early "Score the answers so far" result exists: the answers changed) and close the chat.

    Called from the answer path after the answer is saved; a failure here is logged, not
    raised (returns False), because the answer is safe and Finish (or the employer's "Retry
    scoring") queues it again.
    """
    try:
        application = _screening_application(chat)
        if application is not None:
            _close_screening(application)
            _queue_assessment(application)
        chats.set_chat_fields(chat_id=chat["_id"], changes={"status": "finished"})
    except Exception:  # Postgres or MongoDB: whatever broke, the saved answer's response must not fail
        logger.exception("Could not queue the assessment of screening chat %s", chat["_id"])
        return False
    return True


def finish_screening(*, candidate, chat: dict) -> dict:
    """The candidate pressed Finish: close the chat and the screening and queue the assessment.

    The Finish that closes the screening always queues it (an early result scored fewer answers);
    pressing Finish again queues it only when it never ran or failed.
    """
    chat = chats.update_chat(user_id=str(candidate.pk), chat_id=chat["_id"], changes={"status": "finished"}) or chat
    application = _screening_application(chat)
    if application is None:
        return chat
    if _close_screening(application):
        _queue_assessment(application)
    else:  # a second press: only a scoring that never ran or failed
        _queue_assessment(application, only_if=Q(assessment_status__in=[Application.Assessment.NONE,
                                                                        Application.Assessment.FAILED]))
    return chat


def request_assessment(*, employer, application_id: int) -> Application:
    """Score (or re-score) a screening for the vacancy's owner; the rerun overwrites the previous result.

    A scoring still running is a 409; one pending for longer than ASSESSMENT_STALE_AFTER lost its
    worker and is queued again.
    """
    application = Application.objects.for_vacancy_owner(employer).filter(pk=application_id).first()
    if application is None:
        raise not_found()
    if not application.chat_id:
        raise ApplicationError(_("The candidate has not started the screening yet."), status=409)
    if not _queue_assessment(application, only_if=_not_running()):
        raise ApplicationError(_("The screening is being scored right now. The result appears in a moment; if it "
                                 "doesn't, you can retry in a few minutes."), status=409)
    return application


def decide(*, employer, application_id: int, status: str, message: str = "") -> Application:
    """Approve or reject, with an optional message the candidate sees; the owner may change their mind."""
    application = Application.objects.for_vacancy_owner(employer).filter(pk=application_id).first()
    if application is None:
        raise not_found()
    if status not in DECISIONS:
        raise ApplicationError(_("A decision is either “approved” or “rejected”."))
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ApplicationError(_("A message can be at most %(n)d characters; yours has %(m)d.")
                               % {"n": MESSAGE_MAX, "m": len(message)})
    application.status, application.message, application.decided_at = status, message, timezone.now()
    application.save(update_fields=["status", "message", "decided_at", "updated_at"])
    return application
