"""Application endpoints: candidates apply and follow their applications; the vacancy's owner reads
the scored responses (with the screening transcript) and decides. Everyone else gets 404."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from applications import practice, selectors, services
from applications.models import Application

router = Router(tags=["applications"])

PAGE_SIZE = 50


class WithChatId(Schema):
    chat_id: str | None = Field(description="The screening chat, once it has started.")

    @staticmethod
    def resolve_chat_id(application: Application) -> str | None:
        return application.chat_id or None


class ApplyOut(WithChatId):
    id: int
    status: str


class VacancyBrief(Schema):
    id: int
    title: str
    company: str


class MyApplicationOut(WithChatId):
    """What a candidate sees: no relevance score or reasons (that is the employer's assessment)."""

    id: int
    vacancy: VacancyBrief
    status: str
    skill_match: int | None
    message: str
    decided_at: datetime | None
    created_at: datetime
    updated_at: datetime


class MyApplicationPage(Schema):
    items: list[MyApplicationOut]
    count: int


class Point(Schema):
    text: str
    evidence: str


class CandidateBrief(Schema):
    id: UUID
    username: str
    full_name: str
    current_position: str


class ResumeBrief(Schema):
    positions: list[str]
    years_experience: int | None
    skills: list[str]
    region: str
    languages: list[str]
    summary: str


class ResponseOut(WithChatId):
    id: int
    vacancy_id: int
    candidate: CandidateBrief
    resume: ResumeBrief | None
    status: str
    relevance_score: int | None
    skill_match: int | None
    strengths: list[Point]
    rejection_reasons: list[Point]
    assessment_status: str
    assessment_error: str = Field(description="Why the scoring failed, in the reader's language; empty otherwise.")
    message: str
    decided_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_resume(application: Application):
        return selectors.resume_of(application.candidate)

    @staticmethod
    def resolve_assessment_error(application: Application) -> str:
        return str(application.get_assessment_error_display())


class ResponsePage(Schema):
    items: list[ResponseOut]
    count: int


class TranscriptMessage(Schema):
    id: str
    role: str
    kind: str
    content: str
    question_id: str | None
    question: str | None = Field(description="For an answer: the planned question it answers.")
    created_at: datetime


class ReportQuestion(Schema):
    topic: str
    question: str
    score: float | None
    verdict: str


class PracticeReportOut(Schema):
    chat_id: str
    title: str
    evaluated_at: datetime | None
    overall: float | None = Field(description="0-10 over every planned question (unanswered = 0).")
    method: str = Field(description="rubric (the offline grader) or model")
    models: list[str]
    answered_count: int
    question_count: int
    questions: list[ReportQuestion]


class ResponseDetailOut(ResponseOut):
    vacancy: VacancyBrief
    transcript: list[TranscriptMessage] | None = Field(
        description="null while the chat store is unavailable; the rest of the response is still current.")
    practice_reports: list[PracticeReportOut] | None = Field(
        description="Practice reports the candidate chose to share (null while the chat store is unavailable).")


class ApplyIn(Schema):
    share: list[str] = Field(default_factory=list, max_length=practice.SHARED_MAX,
                             description="Chat ids of your finished practice interviews to show the employer.")


class DecisionIn(Schema):
    # The allowed values and the length are the service's rules (400), shared with the page.
    status: str
    message: str = ""


class AssessmentOut(Schema):
    id: int
    assessment_status: str


class PageQuery(Schema):
    page: int = Field(default=1, ge=1, le=10_000)


@router.post("/vacancies/{int:vacancy_id}/apply", response={201: ApplyOut})
def apply(request: HttpRequest, vacancy_id: int, payload: ApplyIn | None = None):
    application = practice.apply_sharing(candidate=request.auth, vacancy_id=vacancy_id,
                                         chat_ids=payload.share if payload else [])
    return Status(201, application)


@router.get("/applications", response=MyApplicationPage)
def my_applications(request: HttpRequest, query: Query[PageQuery]):
    page = Paginator(selectors.my_applications(candidate=request.auth), PAGE_SIZE).get_page(query.page)
    return {"items": list(page), "count": page.paginator.count}


@router.post("/applications/{int:application_id}/screening", response=ApplyOut)
def start_screening(request: HttpRequest, application_id: int):
    return services.start_screening(candidate=request.auth, application_id=application_id)


@router.get("/vacancies/{int:vacancy_id}/applications", response=ResponsePage)
def vacancy_applications(request: HttpRequest, vacancy_id: int, query: Query[PageQuery]):
    _vacancy, responses = selectors.vacancy_responses(employer=request.auth, vacancy_id=vacancy_id)
    page = Paginator(responses, PAGE_SIZE).get_page(query.page)
    return {"items": list(page), "count": page.paginator.count}


@router.get("/applications/{int:application_id}", response=ResponseDetailOut)
def application_detail(request: HttpRequest, application_id: int):
    application = selectors.owned_response(employer=request.auth, application_id=application_id)
    application.transcript = selectors.transcript(application=application)
    application.practice_reports = practice.shared_reports(application=application)
    return application


@router.patch("/applications/{int:application_id}", response=ResponseOut)
def decide(request: HttpRequest, application_id: int, payload: DecisionIn):
    return services.decide(employer=request.auth, application_id=application_id, status=payload.status,
                           message=payload.message)


@router.post("/applications/{int:application_id}/assess", response={202: AssessmentOut})
def assess(request: HttpRequest, application_id: int):
    application = services.request_assessment(employer=request.auth, application_id=application_id)
    return Status(202, application)


class SharingOut(Schema):
    items: list[PracticeReportOut]
    shared: list[str] = Field(description="The chat ids the employer sees now.")
    can_change: bool = Field(description="False once the employer has decided.")


def _sharing(candidate, application_id: int) -> dict:
    application, reports, shared = practice.sharing_choice(candidate=candidate, application_id=application_id)
    return {"items": reports, "shared": sorted(shared), "can_change": application.status not in services.DECISIONS}


@router.get("/applications/{int:application_id}/practice", response=SharingOut)
def practice_reports(request: HttpRequest, application_id: int):
    """The candidate's practice reports that may be shared with this application, and which are."""
    return _sharing(request.auth, application_id)


@router.put("/applications/{int:application_id}/practice/{chat_id}", response=SharingOut)
def share_report(request: HttpRequest, application_id: int, chat_id: str):
    practice.share(candidate=request.auth, application_id=application_id, chat_id=chat_id)
    return _sharing(request.auth, application_id)


@router.delete("/applications/{int:application_id}/practice/{chat_id}", response={204: None})
def unshare_report(request: HttpRequest, application_id: int, chat_id: str):
    practice.unshare(candidate=request.auth, application_id=application_id, chat_id=chat_id)
    return Status(204, None)
