"""`{% reply_feedback chat message %}`: the helpful / not helpful control under an interviewer reply.

Shown for the finished replies of a ratable chat (not an employer's screening); the partial renders
only the viewer's own chat. The user's verdicts on the chat are read once per request, in sync
views only: the async ones (a streamed reply's `done`, a hint) render replies that are seconds old,
which have no verdict yet, and may not touch the ORM (or the lazy request.user) on the event loop.
"""

import asyncio

from django import template

from interviews import kinds
from replyfeedback.services import verdicts_in

register = template.Library()


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _verdict(request, chat_id: str, message_id: str):
    if request is None or _on_event_loop() or not request.user.is_authenticated:
        return None
    cache = request.__dict__.setdefault("_reply_verdicts", {})
    if chat_id not in cache:
        cache[chat_id] = verdicts_in(user=request.user, chat_id=chat_id)
    return cache[chat_id].get(message_id)


@register.inclusion_tag("replyfeedback/_widget.html", takes_context=True)
def reply_feedback(context, chat: dict, message: dict):
    if message.get("role") != "assistant" or message.get("status") != "complete" \
            or not kinds.get(chat.get("kind")).ratable:
        return {"hidden": True}
    return {"chat_id": chat["id"], "message_id": message["id"], "csrf_token": context.get("csrf_token"),
            "verdict": _verdict(context.get("request"), chat["id"], message["id"])}
