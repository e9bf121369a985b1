"""Employer pages: my vacancies with response counts, create, edit (with a market comparison), publish, delete.

Each view parses, calls one service and renders; htmx gets a partial (the form with its errors, a
list row, the comparison) and everything works as plain form posts without JS.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.forms import add_service_errors
from vacancies import services
from vacancies.forms import MarketCompareForm, VacancyForm
from vacancies.models import Vacancy

PAGE_SIZE = 20
FORM_PAGE = "vacancies/form.html"


def _employer(request: HttpRequest) -> None:
    services.require_employer(request.user)


def _own_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    return services.get_own_vacancy(user=request.user, vacancy_id=vacancy_id)


def _done(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_http_methods(["GET"])
def my_vacancies(request: HttpRequest) -> HttpResponse:
    _employer(request)
    vacancies = Vacancy.objects.for_owner(request.user).with_response_counts()
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "vacancies/mine.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request: HttpRequest) -> HttpResponse:
    _employer(request)
    return _vacancy_form(request, vacancy=None)


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _vacancy_form(request, vacancy=_own_vacancy(request, pk))


def _vacancy_form(request: HttpRequest, *, vacancy: Vacancy | None) -> HttpResponse:
    """Create (vacancy=None) or edit: one form, saved through the service, or compared with the market."""
    if request.method == "POST" and "compare" in request.POST:
        return _compare(request, vacancy=vacancy)
    initial = {name: getattr(vacancy, name) for name in services.EDITABLE_FIELDS} if vacancy else None
    form = VacancyForm(request.POST or None, initial=initial)
    if request.method == "GET":
        return _render_form(request, form, vacancy=vacancy)
    if form.is_valid():
        try:
            if vacancy is None:
                vacancy = services.create_vacancy(owner=request.user, **form.cleaned_data)
                messages.success(request, _("Vacancy created. It is a draft: check it, then publish it."))
                # Its own page, where the employer sees what candidates will see and the Publish button.
                return _done(request, reverse("vacancies:detail", args=[vacancy.pk]))
            services.update_vacancy(user=request.user, vacancy_id=vacancy.pk, changes=form.cleaned_data)
            messages.success(request, _("Vacancy saved."))
        except services.VacancyError as error:
            add_service_errors(form, error.field_errors)
        else:
            return _done(request, reverse("vacancies:mine"))
    return _render_form(request, form, vacancy=vacancy, status=400)


def _render_form(request: HttpRequest, form: VacancyForm, *, vacancy: Vacancy | None, status: int = 200,
                 market_query: dict | None = None) -> HttpResponse:
    template = f"{FORM_PAGE}#form" if request.htmx else FORM_PAGE
    context = {"form": form, "vacancy": vacancy, "market_query": market_query}
    return render(request, template, context, status=status)


def _compare(request: HttpRequest, *, vacancy: Vacancy | None) -> HttpResponse:
    """The typed range against the market estimate (the salary app's `market` tags), without saving: a partial
    for htmx, else the whole form."""
    market_query = MarketCompareForm(request.POST).query()
    if request.htmx:
        return render(request, f"{FORM_PAGE}#market", {"market_query": market_query})
    # Unbound, so comparing does not flag fields as missing; the typed values stay in the inputs.
    form = VacancyForm(initial=request.POST.dict())
    return _render_form(request, form, vacancy=vacancy, market_query=market_query)


@login_required
@require_POST
def vacancy_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Sets the state the button asked for (publish=1 or 0), so a double submit cannot flip it back.

    Without htmx it returns to `next` (the vacancy's page sends its own address), else to my vacancies.
    """
    vacancy = services.set_published(user=request.user, vacancy_id=pk, is_published=request.POST.get("publish") == "1")
    if request.htmx:
        row = Vacancy.objects.for_owner(request.user).with_response_counts().get(pk=vacancy.pk)
        return render(request, "vacancies/mine.html#row", {"vacancy": row})
    if vacancy.is_published:
        messages.success(request, _("“%(title)s” is published.") % {"title": vacancy.title})
    else:
        messages.success(request, _("“%(title)s” is now a draft: candidates no longer see it.") % {"title": vacancy.title})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("vacancies:mine")


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _own_vacancy(request, pk)
    if request.method == "GET":
        return render(request, "vacancies/delete.html", {"vacancy": vacancy})
    services.delete_vacancy(user=request.user, vacancy_id=vacancy.pk)
    messages.success(request, _("Vacancy “%(title)s” deleted.") % {"title": vacancy.title})
    return _done(request, reverse("vacancies:mine"))
