"""The candidate's choice of practice reports to share with one application (until the employer decides)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from applications import practice
from applications.services import DECISIONS, ApplicationError


@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application, reports, shared = practice.sharing_choice(candidate=request.user, application_id=pk)
    except ApplicationError as error:  # not their application
        raise Http404(error.detail) from error
    if request.method == "POST":
        chat_id = request.POST.get("chat_id", "")
        try:
            if request.POST.get("action") == "unshare":
                practice.unshare(candidate=request.user, application_id=pk, chat_id=chat_id)
                flash.success(request, _("The employer no longer sees this report."))
            else:
                practice.share(candidate=request.user, application_id=pk, chat_id=chat_id)
                flash.success(request, _("Shared: the employer sees this report with your application."))
        except ApplicationError as error:
            flash.error(request, error.detail)
        return redirect("applications:practice", pk=pk)
    return render(request, "applications/practice.html", {"application": application, "reports": reports,
                                                          "shared": shared,
                                                          "decided": application.status in DECISIONS})
