"""Site-wide pages: home (landing, dashboard or the operator's home), language switch, styled error pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from onlyjobless import operator
from onlyjobless.dashboard import dashboard_context


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    if request.user.is_operator:
        return redirect("operator")
    return render(request, "dashboard.html", dashboard_context(user=request.user))


@login_required
@require_GET
def operator_home(request: HttpRequest) -> HttpResponse:
    """Staff only (others get 403, as for the other role pages): health, task queue, counts, admin links."""
    if not request.user.is_staff:
        raise PermissionDenied
    return render(request, "operator.html", operator.overview())


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the UI language; for a signed-in user it also becomes their preferred_language."""
    language = request.POST.get("language")
    if request.user.is_authenticated and language in {"en", "ru"}:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return django_set_language(request)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the error may have come from a context processor or the database.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
