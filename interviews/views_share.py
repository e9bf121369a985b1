"""Report downloads (PDF, Markdown transcript), the owner's share links, and the page a link opens."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from interviews import exports, sharing
from interviews.charts import score_chart
from interviews.errors import ChatConflict, ChatNotFound, InvalidMessage
from interviews.serializers import chat_out
from interviews.views import render_report


def _not_found_is_404(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ChatNotFound as error:
            raise Http404(error.detail) from error
    return wrapper


def _download(body: bytes | str, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _private(response: HttpResponse) -> HttpResponse:
    """What a shared link serves: never indexed, never cached (a revoked link stops at once), and the
    token in the URL never leaves in a Referer."""
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_GET
@_not_found_is_404
def report_pdf(request: HttpRequest, chat_id: str) -> HttpResponse:
    try:
        name, body = exports.owner_report_pdf(user_id=str(request.user.pk), chat_id=chat_id)
    except (ChatConflict, InvalidMessage) as error:  # not found is the decorator's 404
        flash.error(request, error.detail)
        return redirect("chats:report", chat_id=chat_id)
    return _download(body, name=name, content_type="application/pdf")


@login_required
@require_GET
@_not_found_is_404
def transcript_md(request: HttpRequest, chat_id: str) -> HttpResponse:
    name, body = exports.transcript_markdown(user_id=str(request.user.pk), chat_id=chat_id)
    return _download(body, name=name, content_type="text/markdown; charset=utf-8")


def share_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("shared:report", args=[token]))


@login_required
@require_POST
@_not_found_is_404
def share_create(request: HttpRequest, chat_id: str) -> HttpResponse:
    """Makes a link and shows it once, on the report page (it can't be shown again: only its hash is kept)."""
    days = request.POST.get("expires_in_days", "").strip()
    try:
        # Anything but a whole number of days is refused by the service (0 is out of range), never "never".
        share, token = sharing.create_share(user=request.user, chat_id=chat_id,
                                            expires_in_days=(int(days) if days.isdigit() else 0) if days else None)
    except (ChatConflict, InvalidMessage) as error:  # not found is the decorator's 404
        flash.error(request, error.detail)
        return redirect("chats:report", chat_id=chat_id)
    return render_report(request, chat_id, new_share={"id": share.pk, "url": share_url(request, token)}, status=201)


@login_required
@require_POST
@_not_found_is_404
def share_revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    share = sharing.revoke_share(user=request.user, share_id=share_id)
    flash.info(request, _("The link no longer works."))
    return redirect(f"{reverse('chats:report', args=[share.chat_id])}#share")


@require_GET
@_not_found_is_404
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    result = sharing.shared_report(token=token)
    context = {"chat": chat_out(result["chat"]), "report": result, "chart": score_chart(result["questions"]),
               "shared": True, "token": token}
    return _private(render(request, "interviews/report.html", context))


@require_GET
@_not_found_is_404
def shared_report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    result = sharing.shared_report(token=token)
    return _private(_download(exports.report_pdf(result), name=exports.filename(result["chat"], "pdf"),
                              content_type="application/pdf"))
