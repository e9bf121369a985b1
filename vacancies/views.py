"""Catalogue pages: search with pagination (an htmx partial for results) and a vacancy with its practice form.

Employers' own pages (create, edit, publish, delete) are in employer_views.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from vacancies.forms import VacancySearchForm
from vacancies.models import Vacancy

PAGE_SIZE = 10


@require_GET
def vacancy_list(request: HttpRequest) -> HttpResponse:
    form = VacancySearchForm(request.GET)
    filters = form.filters()
    # get_page() turns a bad or huge `page` into the first or the last page, never an error.
    page = Paginator(Vacancy.objects.published().search(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    # First, last and the neighbours of the current page, with "…" between: a bounded row of links.
    page_links = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    # A history restore needs the whole page, not the fragment.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "vacancies/list.html#results" if partial else "vacancies/list.html"
    context = {"form": form, "page": page, "page_links": page_links, "is_filtered": bool(filters)}
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy.objects.visible_to(request.user), pk=pk)
    question_set = vacancy.current_question_set()
    questions = list(question_set.questions.all()) if question_set else []
    return render(
        request,
        "vacancies/detail.html",
        {
            "vacancy": vacancy,
            "is_owner": vacancy.is_owned_by(request.user),
            "question_count": len(questions),
            "topics": list(dict.fromkeys(question.topic for question in questions if question.topic)),
            "focus_skills": _focus_skills(request, vacancy),
        },
    )


def _focus_skills(request: HttpRequest, vacancy: Vacancy) -> list[str]:
    """`?focus=Docker&focus=Celery` (from "For you"): the vacancy's skills to build the practice around."""
    wanted = {skill.strip().lower() for skill in request.GET.getlist("focus")}
    return [skill for skill in vacancy.skills if skill.lower() in wanted][:10]
