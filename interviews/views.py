"""Chat pages. Sync views for pages, async views for the answer path and its SSE stream."""

from __future__ import annotations

from collections.abc import AsyncIterator

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from interviews import answering, kinds, practice_queue, rehearsal, services, sharing
from interviews.charts import score_chart
from interviews.errors import ChatError, ChatNotFound
from interviews.feedback import COMMENT_MAX_CHARS, InvalidFeedback
from interviews.serializers import chat_out, message_out
from onlyjobless.http import refusal_as_message
from onlyjobless.sse import sse_event, sse_response, sse_retry

PAGE_SIZE = 30


def _chat(request: HttpRequest, chat_id: str) -> dict:
    return services.get_chat(user_id=str(request.user.pk), chat_id=chat_id)


@login_required
@require_GET
def chat_list(request: HttpRequest) -> HttpResponse:
    try:
        items, next_cursor = services.list_chats(user_id=str(request.user.pk), limit=20,
                                                 cursor=request.GET.get("cursor"))
    except ChatError:
        return redirect("chats:list")
    context = {"chats": [_listed(c) for c in items], "next_cursor": next_cursor}
    template = "interviews/chat_list.html#rows" if request.htmx and request.GET.get("cursor") else "interviews/chat_list.html"
    return render(request, template, context)


def _listed(chat: dict) -> dict:
    """A chat as the list shows it: its kind's badge, or (no label) its progress through the plan."""
    kind = kinds.get(chat.get("kind"))
    return {**chat_out(chat), "kind_label": kind.label, "kind_badge": kind.badge}


@login_required
@require_http_methods(["GET", "POST"])
def chat_new(request: HttpRequest) -> HttpResponse:
    context = services.new_chat_context(user=request.user, selected_vacancy=request.GET.get("vacancy"))
    context["allowance"] = practice_queue.allowance(user=request.user)
    if request.method == "POST":
        try:
            chat = services.start_chat(
                user=request.user,
                title=request.POST.get("title", ""),
                vacancy_id=_int_or_none(request.POST.get("vacancy_id")),
                persona_id=_int_or_none(request.POST.get("persona_id")),
                focus_skills=request.POST.getlist("focus") or None,
            )
        except ChatError as error:
            context["error"] = error.detail
            return render(request, "interviews/chat_new.html", context, status=error.status)
        url = reverse("chats:detail", args=[chat["_id"]])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return render(request, "interviews/chat_new.html", context)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@login_required
@require_GET
def chat_detail(request: HttpRequest, chat_id: str) -> HttpResponse:
    before = request.GET.get("before")
    try:
        chat, items, next_before = services.chat_page(user_id=str(request.user.pk), chat_id=chat_id, limit=PAGE_SIZE,
                                                      before=before)
    except ChatError as error:
        raise Http404(error.detail) from error
    context = {
        "chat": chat_out(chat),
        "chat_doc": chat,
        "chat_messages": [message_out(m) for m in items],
        "next_before": next_before,
        **services.chat_page_context(chat=chat),
    }
    if request.htmx and before:
        return render(request, "interviews/chat.html#older", context)
    return render(request, "interviews/chat.html", context)


@login_required
@require_POST
@refusal_as_message("chats:detail", chat_id="chat_id")
def chat_rename(request: HttpRequest, chat_id: str) -> HttpResponse:
    chat = services.rename_chat(user_id=str(request.user.pk), chat_id=chat_id, title=request.POST.get("title", ""))
    if request.htmx:
        return render(request, "interviews/chat.html#title",
                      {"chat": chat_out(chat), "title_max_chars": services.TITLE_MAX_CHARS})
    return redirect("chats:detail", chat_id=chat_id)


@login_required
@require_http_methods(["GET", "POST"])
@refusal_as_message("chats:detail", chat_id="chat_id")
def chat_delete(request: HttpRequest, chat_id: str) -> HttpResponse:
    """GET asks first (a page, so it works without JS); POST deletes."""
    if request.method == "GET":
        chat = _chat(request, chat_id)
        return render(request, "interviews/chat_delete.html",
                      {"chat": chat_out(chat), **services.chat_page_context(chat=chat)})
    services.delete_chat(user_id=str(request.user.pk), chat_id=chat_id)
    flash.info(request, _("Chat deleted."))
    url = reverse("chats:list")
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def chat_clear(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        count = services.delete_all_chats(user_id=str(request.user.pk))
        flash.info(request, _("%(n)d chat(s) deleted.") % {"n": count})
        return redirect("chats:list")
    return render(request, "interviews/chat_clear.html", {"kept_notes": kinds.kept_notes()})


@login_required
@require_POST
def chat_stop(request: HttpRequest, chat_id: str) -> HttpResponse:
    answering.request_stop(user_id=str(request.user.pk), chat_id=chat_id)
    return HttpResponse(status=204) if request.htmx else redirect("chats:detail", chat_id=chat_id)


# ---------------------------------------------------------------- the answer path

def _composer_error(request: HttpRequest, chat_id: str, error: ChatError) -> HttpResponse:
    if request.htmx:
        response = HttpResponse(escape(error.detail), status=error.status, headers=error.headers)
        return reswap(retarget(response, "#composer-error"), "innerHTML")
    flash.error(request, error.detail)
    return redirect("chats:detail", chat_id=chat_id)


async def _user_or_404(request: HttpRequest):
    user = await request.auser()
    if not user.is_authenticated:
        raise Http404
    return user


def _turn_html(request: HttpRequest, chat: dict, messages: list[dict]) -> str:
    context = {"chat": chat_out(chat), "chat_messages": messages, **services.chat_page_context(chat=chat)}
    return render_to_string("interviews/chat.html#turn", context, request=request)


async def _turn_page(request: HttpRequest, chat_id: str, pending, *, status: int) -> HttpResponse:
    """Await a service call that starts a reply; render its turn (htmx) or go back to the chat."""
    try:
        turn = await pending
    except ChatNotFound:
        raise  # the 404 page, from ServiceErrorMiddleware
    except ChatError as error:
        return _composer_error(request, chat_id, error)
    if not request.htmx:
        return redirect("chats:detail", chat_id=chat_id)
    messages = [message_out(m) for m in (turn.user_message, turn.assistant_message) if m]
    return HttpResponse(_turn_html(request, turn.chat, messages), status=status)


@require_POST
async def chat_send(request: HttpRequest, chat_id: str) -> HttpResponse:
    """Saves the answer and an empty reply; the returned turn connects to the reply's stream."""
    user = await request.auser()
    if not user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    pending = answering.post_message(user_id=str(user.pk), chat_id=chat_id, content=request.POST.get("content", ""))
    return await _turn_page(request, chat_id, pending, status=201)


@require_POST
async def chat_retry(request: HttpRequest, chat_id: str, message_id: str) -> HttpResponse:
    user = await _user_or_404(request)
    pending = answering.retry_reply(user_id=str(user.pk), chat_id=chat_id, message_id=message_id)
    return await _turn_page(request, chat_id, pending, status=200)


def _message_html(request: HttpRequest, chat: dict, message: dict) -> str:
    return render_to_string("interviews/chat.html#message", {"chat": chat_out(chat), "message": message_out(message)},
                            request=request)


async def _page_events(request: HttpRequest, reply: answering.PendingReply, offset: int) -> AsyncIterator[bytes]:
    yield sse_retry(answering.RECONNECT_MS)
    async for event in answering.stream_reply(chat=reply.chat, message=reply.message, offset=offset):
        if event.kind == "token":
            yield sse_event("token", escape(event.delta), event_id=event.offset)
        else:
            # "failed", not "error": EventSource treats an event named "error" as a broken connection.
            yield sse_event("done", _message_html(request, reply.chat, event.message), event_id=event.offset)


@require_GET
async def chat_stream(request: HttpRequest, chat_id: str, message_id: str) -> HttpResponse:
    """SSE for one reply from where the reader is (Last-Event-ID on a reconnect, else `?offset=`, the
    text the page already shows): escaped text, then the rendered message. The reply is written and
    saved by its own task, whether or not anyone reads it to the end."""
    user = await _user_or_404(request)
    try:
        offset = answering.event_offset(request.headers.get("Last-Event-ID") or request.GET.get("offset"))
        reply = await answering.find_reply(user_id=str(user.pk), chat_id=chat_id, message_id=message_id)
    except ChatNotFound:
        raise  # the 404 page, from ServiceErrorMiddleware
    except ChatError as error:  # EventSource reads no page: the sentence alone
        return HttpResponse(error.detail, status=error.status, headers=error.headers)
    return sse_response(_page_events(request, reply, offset))


# ---------------------------------------------------------------- practice: help, finish, report

@require_POST
async def chat_help(request: HttpRequest, chat_id: str, kind: str) -> HttpResponse:
    """A hint or a model answer for the current question, streamed into the chat."""
    user = await _user_or_404(request)
    pending = answering.ask_for_help(user_id=str(user.pk), chat_id=chat_id, kind=kind)
    return await _turn_page(request, chat_id, pending, status=201)


@login_required
@require_POST
@refusal_as_message("chats:detail", chat_id="chat_id")
def chat_finish(request: HttpRequest, chat_id: str) -> HttpResponse:
    chat = services.finish_interview(user=request.user, chat_id=chat_id)
    kind = kinds.get(chat.get("kind"))
    if kind.after_finish_url:
        flash.success(request, str(kind.after_finish_message))
        url = reverse(kind.after_finish_url)
    else:
        url = reverse("chats:report", args=[chat_id])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_GET
def chat_report(request: HttpRequest, chat_id: str) -> HttpResponse:
    return render_report(request, chat_id)


def render_report(request: HttpRequest, chat_id: str, *, rating_error: str = "", feedback: dict | None = None,
                  new_share: dict | None = None, status: int = 200) -> HttpResponse:
    """The report; a refused rating comes back beside its stars, with what was typed; a link just made is
    shown once (`new_share`)."""
    try:
        result = services.report(user_id=str(request.user.pk), chat_id=chat_id)
    except ChatNotFound:
        raise  # the 404 page, from ServiceErrorMiddleware
    except ChatError as error:  # not finished yet: back to the chat
        flash.error(request, error.detail)
        return redirect("chats:detail", chat_id=chat_id)
    chart = score_chart(result["questions"], language=result["chat"].get("language", ""))
    context = {"chat": chat_out(result["chat"]), "report": result, "chart": chart,
               "rated": services.has_rated(user=request.user, chat_id=chat_id),
               "rating_error": rating_error, "feedback": feedback or {}, "new_share": new_share,
               "shares": sharing.list_shares(user=request.user, chat_id=chat_id),
               "apply_url": rehearsal.apply_url(result["chat"]),
               "can_rate": kinds.get(result["chat"].get("kind")).ratable and bool(result["chat"].get("persona_id")),
               "can_retry": kinds.get(result["chat"].get("kind")).schedules_questions,
               "expiry_choices": sharing.EXPIRY_CHOICES, "comment_max_chars": COMMENT_MAX_CHARS}
    template = "interviews/report.html#body" if request.htmx else "interviews/report.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
@refusal_as_message("chats:report", chat_id="chat_id")
def chat_retry_mistakes(request: HttpRequest, chat_id: str) -> HttpResponse:
    chat = services.retry_mistakes(user=request.user, chat_id=chat_id)
    return redirect("chats:detail", chat_id=chat["_id"])


@login_required
@require_POST
@refusal_as_message("chats:report", chat_id="chat_id")
def chat_feedback(request: HttpRequest, chat_id: str) -> HttpResponse:
    rating = _int_or_none(request.POST.get("rating"))
    feedback = {"comment": request.POST.get("comment", ""), "allow_training": request.POST.get("allow_training") == "on"}
    if rating is None:
        return render_report(request, chat_id, rating_error=_("Choose a rating: 1 to 5 stars."), feedback=feedback,
                            status=422)
    try:
        services.rate_chat_persona(user=request.user, chat_id=chat_id, rating=rating, **feedback)
    except InvalidFeedback as error:  # beside its stars, with what was typed
        return render_report(request, chat_id, rating_error=error.detail, feedback=feedback, status=error.status)
    flash.success(request, _("Thanks for rating your interviewer."))
    return redirect("chats:report", chat_id=chat_id)
