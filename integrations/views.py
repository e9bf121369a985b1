"""The candidate's resume drafts sent by another system (the Telegram bot): use one, or discard it."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from integrations import bot
from onlyjobless.errors import ServiceError


@login_required
@require_http_methods(["GET", "POST"])
def drafts(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        draft = request.POST.get("draft", "")
        draft_id = int(draft) if draft.isdigit() else 0
        if request.POST.get("action") == "use":
            try:
                bot.use_draft(user=request.user, draft_id=draft_id)
            except ServiceError as error:
                flash.error(request, error.detail)
                return redirect("integrations:drafts")
            flash.success(request, _("Your resume now has the draft's fields."))
            return redirect("resumes:edit")
        bot.discard_draft(user=request.user, draft_id=draft_id)
        flash.success(request, _("Draft discarded."))
        return redirect("integrations:drafts")
    return render(request, "integrations/drafts.html", {"drafts": bot.drafts_of(request.user)})
