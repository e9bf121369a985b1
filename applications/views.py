"""Application pages: a candidate's applications; an employer's responses per vacancy, each with its
scored screening and a decision form (htmx swaps a partial; plain forms work without JS)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications import practice, selectors, services
from applications.services import ApplicationError
from onlyjobless.http import refusal_as_message

RESPONSES_PAGE_SIZE = 20
DETAIL = "applications/detail.html"


@login_required
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    if request.user.is_employer:
        return redirect("vacancies:mine")  # their vacancies, with the responses each received
    return render(request, "applications/mine.html",
                  {"applications": selectors.my_applications(candidate=request.user)})


@login_required
@require_POST
@refusal_as_message("vacancies:detail", pk="vacancy_id")
def apply(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    application = practice.apply_sharing(candidate=request.user, vacancy_id=vacancy_id,
                                         chat_ids=request.POST.getlist("share"))
    if not application.chat_id:
        flash.warning(request, _("You applied. The screening chat could not start right now: start it from this page "
                                 "in a minute."))
        return redirect("applications:mine")
    flash.success(request, _("You applied! Answer a few screening questions for the employer."))
    return redirect("chats:detail", chat_id=application.chat_id)


@login_required
@require_POST
@refusal_as_message("applications:mine")
def start_screening(request: HttpRequest, pk: int) -> HttpResponse:
    application = services.start_screening(candidate=request.user, application_id=pk)
    return redirect("chats:detail", chat_id=application.chat_id)


@login_required
@require_GET
def vacancy_responses(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy, responses = selectors.vacancy_responses(employer=request.user, vacancy_id=vacancy_id)
    page = Paginator(responses, RESPONSES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "applications/responses.html", {"vacancy": vacancy, "page": page})


def _detail_context(request: HttpRequest, pk: int, **extra) -> dict:
    application = selectors.owned_response(employer=request.user, application_id=pk)
    return {"application": application, "vacancy": application.vacancy,
            "resume": selectors.resume_of(application.candidate), "message_max_chars": services.MESSAGE_MAX, **extra}


def _detail_page(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    """The whole response page, with the screening transcript (None: MongoDB is down, the page says so)."""
    context["transcript"] = selectors.transcript(application=context["application"])
    context["practice_reports"] = practice.shared_reports(application=context["application"])
    return render(request, DETAIL, context, status=status)


@login_required
@require_GET
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _detail_context(request, pk)
    if request.htmx and request.GET.get("part") == "assessment":
        return render(request, f"{DETAIL}#assessment", context)
    return _detail_page(request, context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    status, message = request.POST.get("status", ""), request.POST.get("message", "")
    try:
        services.decide(employer=request.user, application_id=pk, status=status, message=message)
    except ApplicationError as error:
        if error.status in (403, 404):
            raise
        context = _detail_context(request, pk, decision_error=error.detail, draft_message=message)
        if request.htmx:
            return render(request, f"{DETAIL}#decision", context, status=error.status)
        return _detail_page(request, context, status=error.status)
    if request.htmx:
        return render(request, f"{DETAIL}#decision", _detail_context(request, pk, decision_saved=True))
    flash.success(request, _("Decision saved: the candidate sees it on their applications page."))
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.request_assessment(employer=request.user, application_id=pk)
    except ApplicationError as error:
        if error.status in (403, 404):
            raise
        if request.htmx:  # the part as it stands, with the reason (htmx swaps only 2xx answers)
            return render(request, f"{DETAIL}#assessment", _detail_context(request, pk, assessment_notice=error.detail))
        flash.error(request, error.detail)
        return redirect("applications:detail", pk=pk)
    if request.htmx:
        return render(request, f"{DETAIL}#assessment", _detail_context(request, pk))
    return redirect("applications:detail", pk=pk)
