"""Practice beyond a vacancy's questions: the progress page, Practise now, rehearsing a screening, negotiating."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from interviews import negotiation, practice_now, practice_queue, rehearsal
from interviews.progress_charts import minutes_chart, topic_chart
from onlyjobless.http import refusal_as_message


@login_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    data = practice_queue.progress(user=request.user)
    context = {"queue": practice_queue.queue(user=request.user),
               "allowance": practice_queue.allowance(user=request.user),
               "topics": data["topics"], "sessions": data["sessions"],
               "topic_chart": topic_chart(data["topics"]), "minutes_chart": minutes_chart(data["weeks"]),
               "week_minutes": sum(minutes for _week, minutes in data["weeks"])}
    return render(request, "interviews/progress.html", context)


@login_required
@require_POST
@refusal_as_message("chats:progress")
def practise_now(request: HttpRequest) -> HttpResponse:
    chat = practice_now.start_due_practice(user=request.user)
    return redirect("chats:detail", chat_id=chat["_id"])


@login_required
@require_POST
@refusal_as_message("vacancies:detail", pk="vacancy_id")
def rehearse(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Rehearse this vacancy's screening in a private chat (no application)."""
    chat = rehearsal.start_rehearsal(user=request.user, vacancy_id=vacancy_id)
    return redirect("chats:detail", chat_id=chat["_id"])


@login_required
@require_POST
@refusal_as_message("vacancies:detail", pk="vacancy_id")
def negotiate(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Negotiate this vacancy's offer with a recruiter, in a practice chat."""
    chat = negotiation.start_negotiation(user=request.user, vacancy_id=vacancy_id)
    return redirect("chats:detail", chat_id=chat["_id"])
