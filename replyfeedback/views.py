"""The helpful / not helpful control under an interviewer reply (htmx swaps it; a plain form works too)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onlyjobless.errors import ServiceError
from replyfeedback import services


@login_required
@require_POST
def rate(request: HttpRequest, chat_id: str, message_id: str) -> HttpResponse:
    context = {"chat_id": chat_id, "message_id": message_id}
    try:
        context["verdict"] = services.rate_reply(
            user=request.user, chat_id=chat_id, message_id=message_id, helpful=request.POST.get("helpful") == "1",
            comment=request.POST.get("comment", ""), allow_training=request.POST.get("allow_training") == "on")
    except ServiceError as error:
        if error.status == 404:
            raise Http404(error.detail) from error
        context["error"] = error.detail
        return render(request, "replyfeedback/_widget.html", context, status=error.status)
    if request.htmx:
        return render(request, "replyfeedback/_widget.html", {**context, "saved": True})
    return redirect("chats:detail", chat_id=chat_id)
