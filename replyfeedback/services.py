"""Rating one interviewer reply, and the staff-only export of consented reply feedback for ML.

A verdict is the user's own, on a finished reply of their own chat of a ratable kind (a practice or
free chat; not an employer's screening). Rating a reply again replaces the verdict. The export
holds only verdicts whose author allowed training, with the reply and the messages before it (its
prompt context), read from the chat store when exported, and nothing that names the user.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from interviews import chats, kinds
from onlyjobless.errors import ServiceError
from replyfeedback.models import ReplyFeedback

COMMENT_MAX = ReplyFeedback._meta.get_field("comment").max_length
CONTEXT_MESSAGES = 6  # the turns before the reply: the question, the answer, and a little more
EXPORT_LIMIT_MAX = 1000


def _rateable_reply(*, user, chat_id: str, message_id: str) -> tuple[dict, dict]:
    chat_oid, message_oid = chats.parse_id(chat_id), chats.parse_id(message_id)
    chat = chats.get_chat(user_id=str(user.pk), chat_id=chat_oid) if chat_oid and message_oid else None
    message = chats.get_message(chat_id=chat_oid, message_id=message_oid) if chat else None
    if message is None or message.get("role") != "assistant":
        raise ServiceError(_("Reply not found."), status=404)
    if not kinds.get(chat.get("kind")).ratable:
        raise ServiceError(str(kinds.get(chat.get("kind")).no_coaching), status=409)
    if message.get("status", "complete") != "complete":
        raise ServiceError(_("Only a finished reply can be rated."), status=409)
    return chat, message


def rate_reply(*, user, chat_id: str, message_id: str, helpful: bool, comment: str = "",
               allow_training: bool = False) -> ReplyFeedback:
    """Record (or replace) the user's verdict on one reply of their own chat."""
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ServiceError(_("A comment can be at most %(n)d characters.") % {"n": COMMENT_MAX}, status=422)
    chat, message = _rateable_reply(user=user, chat_id=chat_id, message_id=message_id)
    verdict, _created = ReplyFeedback.objects.update_or_create(
        user=user, message_id=str(message["_id"]),
        defaults={"chat_id": str(chat["_id"]), "helpful": bool(helpful), "comment": comment,
                  "allow_training": bool(allow_training), "processed": False})
    return verdict


def verdicts_in(*, user, chat_id: str) -> dict[str, ReplyFeedback]:
    """The user's verdicts on a chat's replies, by message id (one query for a whole chat page)."""
    return {row.message_id: row for row in ReplyFeedback.objects.filter(user=user, chat_id=chat_id)}


def _context(verdict: ReplyFeedback) -> dict:
    chat_oid, message_oid = chats.parse_id(verdict.chat_id), chats.parse_id(verdict.message_id)
    reply = chats.get_message(chat_id=chat_oid, message_id=message_oid)
    chat = chats.find_chat_for_work(chat_id=chat_oid)
    before = chats.list_messages(chat_id=chat_oid, limit=CONTEXT_MESSAGES, before=message_oid)
    return {"reply": (reply or {}).get("content", ""), "kind": (chat or {}).get("kind", ""),
            "persona_id": (chat or {}).get("persona_id"), "system_prompt": (chat or {}).get("system_prompt", ""),
            "context": [{"role": m["role"], "kind": m.get("kind", ""), "content": m.get("content", "")}
                        for m in before if m.get("content")]}


def export(*, processed: bool | None = None, limit: int = 200) -> list[dict]:
    """Consented verdicts, oldest first, each with its reply and prompt context; no user id. A verdict
    whose chat is gone is left out."""
    rows = ReplyFeedback.objects.filter(allow_training=True).order_by("id")
    if processed is not None:
        rows = rows.filter(processed=processed)
    items = []
    for verdict in rows[: max(1, min(limit, EXPORT_LIMIT_MAX))]:
        context = _context(verdict)
        if context["reply"]:
            items.append({"id": verdict.pk, "helpful": verdict.helpful, "comment": verdict.comment,
                          "created_at": verdict.created_at, **context})
    return items


def mark_processed(*, ids: Iterable[int]) -> int:
    ids = list(ids)
    if len(ids) > EXPORT_LIMIT_MAX:
        raise ServiceError(_("Mark at most %(n)d feedback items at once.") % {"n": EXPORT_LIMIT_MAX}, status=422)
    return ReplyFeedback.objects.filter(pk__in=ids, allow_training=True, processed=False).update(processed=True)
