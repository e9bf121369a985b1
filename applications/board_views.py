"""The employer's pages across vacancies: every response (filtered, sorted, paged by cursor), its CSV export,
and a vacancy's statistics. Everything is read through the owner-scoped board and stats modules."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from applications import board, charts, stats
from applications.forms import ResponseFilterForm
from applications.services import ApplicationError

BOARD = "applications/board.html"


@login_required
@require_GET
def all_responses(request: HttpRequest) -> HttpResponse:
    if not request.user.is_employer:
        return redirect("applications:mine")
    form = ResponseFilterForm(request.GET, employer=request.user)
    context = {"form": form, "rows": [], "next_cursor": None, "total": 0}
    if not form.is_valid():
        return render(request, BOARD, context, status=400)
    filters, sort, cursor = form.filters(), form.sort_order(), request.GET.get("cursor", "")
    try:
        rows, next_cursor = board.responses_page(employer=request.user, filters=filters, sort=sort, cursor=cursor)
    except ApplicationError as error:
        if error.status == 404:
            raise Http404(error.detail) from error
        return render(request, BOARD, {**context, "board_error": error.detail}, status=error.status)
    context.update(rows=rows, next_cursor=next_cursor, is_next_page=bool(cursor))
    if request.htmx and cursor:
        return render(request, f"{BOARD}#rows", context)
    context["total"] = board.count(employer=request.user, filters=filters)
    return render(request, BOARD, context)


@login_required
@require_GET
def export_responses(request: HttpRequest) -> HttpResponse:
    form = ResponseFilterForm(request.GET, employer=request.user)
    if not form.is_valid():
        return render(request, BOARD, {"form": form, "rows": [], "total": 0}, status=400)
    try:
        lines = board.export_csv(employer=request.user, filters=form.filters(), sort=form.sort_order())
    except ApplicationError as error:
        raise Http404(error.detail) from error
    return csv_response(lines)


def csv_response(lines) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    name = f"responses-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def vacancy_stats(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    try:
        result = stats.vacancy_stats(employer=request.user, vacancy_id=vacancy_id)
    except ApplicationError as error:
        raise Http404(error.detail) from error
    return render(request, "applications/stats.html", {"stats": result, "vacancy": result.vacancy,
                                                       "chart": charts.score_histogram(result.buckets)})
