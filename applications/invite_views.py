"""Invite pages: the employer makes, follows and revokes a vacancy's invites; the invited candidate opens the
link, signs up or logs in (the link comes back as `next`) and starts the screening."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from applications import invites
from applications.forms import InviteForm
from applications.services import ApplicationError

PAGE = "applications/invites.html"


def invite_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("applications:invite", args=[token]))


def _owned(request: HttpRequest, vacancy_id: int):
    try:
        return invites.vacancy_invites(employer=request.user, vacancy_id=vacancy_id)
    except ApplicationError as error:
        raise Http404(error.detail) from error


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_invites(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy, rows = _owned(request, vacancy_id)
    form = InviteForm(request.POST or None)
    context = {"vacancy": vacancy, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, PAGE, {**context, "invites": rows}, status=400)
        try:
            _invite, token = invites.create_invite(employer=request.user, vacancy_id=vacancy.pk,
                                                   note=form.cleaned_data["note"], days=form.cleaned_data["days"])
        except ApplicationError as error:
            form.add_error(None, error.detail)
            return render(request, PAGE, {**context, "invites": rows}, status=error.status)
        # Shown on this answer only: the token is not stored, so no later page can show the link again.
        context.update(new_link=invite_url(request, token), form=InviteForm())
        return render(request, PAGE, {**context, "invites": rows}, status=201)
    return render(request, PAGE, {**context, "invites": rows})


@login_required
@require_POST
def revoke(request: HttpRequest, vacancy_id: int, pk: int) -> HttpResponse:
    try:
        invites.revoke_invite(employer=request.user, invite_id=pk)
    except ApplicationError as error:
        if error.status == 404:
            raise Http404(error.detail) from error
        flash.error(request, error.detail)
    else:
        flash.success(request, _("Invite revoked: its link no longer works."))
    return redirect("applications:invites", vacancy_id=vacancy_id)


@require_GET
def landing(request: HttpRequest, token: str) -> HttpResponse:
    """What the link opens, for anyone holding it: the vacancy and the way into its screening."""
    try:
        invite = invites.open_invite(token=token)
    except ApplicationError as error:
        return render(request, "applications/invite.html", {"invite_error": error.detail}, status=error.status)
    return render(request, "applications/invite.html", {"invite": invite, "vacancy": invite.vacancy,
                                                        "token": token, "here": request.get_full_path()})


@login_required
@require_POST
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        application = invites.accept_invite(candidate=request.user, token=token)
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied(error.detail) from error
        return render(request, "applications/invite.html", {"invite_error": error.detail}, status=error.status)
    if not application.chat_id:
        flash.warning(request, _("You applied. The screening chat could not start right now: start it from this page "
                                 "in a minute."))
        return redirect("applications:mine")
    flash.success(request, _("Welcome! Answer a few screening questions for the employer."))
    return redirect("chats:detail", chat_id=application.chat_id)
