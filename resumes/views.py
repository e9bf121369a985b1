"""Resume pages: edit, upload (with a draft to confirm), download, and vacancies ranked "for you"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.forms import add_service_errors
from resumes import services
from resumes.forms import ResumeForm
from resumes.extraction import ResumeFileError
from resumes.uploads import check_declared_size, uploaded_file

MATCHES_PAGE_SIZE = 10
PAGE = "resumes/resume.html"


def _candidate(request: HttpRequest) -> None:
    if not request.user.is_candidate:
        raise PermissionDenied(_("Only candidates have a resume."))


def _resume_initial(resume) -> dict:
    return {name: getattr(resume, name) for name in services.RESUME_FIELDS} if resume else {}


def _draft_form(draft: dict | None, resume) -> ResumeForm | None:
    if draft is None:
        return None
    initial = {**services.merge_draft(resume=resume, draft=draft), "upload_id": draft["upload_id"]}
    return ResumeForm(initial=initial, auto_id="draft_%s")


def _page(
    request: HttpRequest,
    *,
    form: ResumeForm | None = None,
    draft_form: ResumeForm | None = None,
    upload_error: str = "",
    template: str = PAGE,
    status: int = 200,
) -> HttpResponse:
    resume = services.get_resume(user=request.user)
    draft = services.pending_draft(user=request.user)
    context = {
        "resume": resume,
        "form": form or ResumeForm(initial=_resume_initial(resume)),
        "draft": draft,
        "draft_form": draft_form or _draft_form(draft, resume),
        "upload_error": upload_error,
        "max_bytes": settings.RESUME_MAX_BYTES,
    }
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def resume_page(request: HttpRequest) -> HttpResponse:
    _candidate(request)
    if request.method == "GET":
        return _page(request)
    confirming = bool(request.POST.get("upload_id"))
    form = ResumeForm(request.POST, auto_id="draft_%s" if confirming else "id_%s")
    if form.is_valid():
        try:
            if confirming:
                services.confirm_upload(
                    user=request.user, upload_id=form.cleaned_data["upload_id"], data=form.resume_data()
                )
            else:
                services.save_resume(user=request.user, data=form.resume_data())
        except services.ResumeError as error:
            add_service_errors(form, error.field_errors)
        else:
            messages.success(request, _("Resume saved."))
            url = reverse("resumes:edit")
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if confirming:
        return _page(request, draft_form=form, status=400)
    return _page(request, form=form, template=f"{PAGE}#form" if request.htmx else PAGE, status=400)


# Django's CSRF check reads request.POST, which parses the whole multipart body: refuse an
# oversized body by its Content-Length first, then check CSRF (the pattern Django's upload
# handler docs describe).
@csrf_exempt
@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    _candidate(request)
    try:
        check_declared_size(request)
    except ResumeFileError as error:
        return _upload_failed(request, error)
    return _parse_upload(request)


@csrf_protect
def _parse_upload(request: HttpRequest) -> HttpResponse:
    try:
        services.parse_upload(user=request.user, uploaded_file=uploaded_file(request))
    except ResumeFileError as error:
        return _upload_failed(request, error)
    if request.htmx:
        return _page(request, template=f"{PAGE}#draft")
    return redirect(reverse("resumes:edit") + "#draft")


def _upload_failed(request: HttpRequest, error: ResumeFileError) -> HttpResponse:
    template = f"{PAGE}#draft" if request.htmx else PAGE
    return _page(request, upload_error=error.detail, template=template, status=error.status)


@login_required
@require_POST
def discard_upload(request: HttpRequest) -> HttpResponse:
    _candidate(request)
    services.discard_upload(user=request.user)
    return redirect("resumes:edit")


@login_required
@require_GET
def resume_file(request: HttpRequest) -> HttpResponse:
    return services.download(user=request.user)


def _position(value: str | None, count: int) -> int:
    try:
        position = int(value or 1)
    except ValueError:
        position = 1
    return min(max(position, 1), max(count, 1))


@login_required
@require_GET
def matches(request: HttpRequest) -> HttpResponse:
    _candidate(request)
    ranking = services.get_matches(user=request.user)
    count = len(ranking.matches)
    context = {"hint": ranking.hint, "count": count}
    if "i" in request.GET:
        position = _position(request.GET["i"], count)
        context.update(
            one_at_a_time=True,
            position=position,
            match=ranking.matches[position - 1] if count else None,
            previous=position - 1 if position > 1 else None,
            next=position + 1 if position < count else None,
        )
    else:
        context["page"] = Paginator(ranking.matches, MATCHES_PAGE_SIZE).get_page(request.GET.get("page"))
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "vacancies/matches.html#view" if partial else "vacancies/matches.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
