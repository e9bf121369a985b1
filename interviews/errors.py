"""The errors of chat actions: a sentence a person can read, and the HTTP status that goes with it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interviews import chats


class ChatError(Exception):
    """A chat action refused with a reason a person can read; `status` is the HTTP answer."""

    status = 400

    def __init__(self, detail: str, *, retry_after: int | None = None, status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after
        if status is not None:
            self.status = status


class ChatNotFound(ChatError):
    status = 404

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or _("Chat not found."))


class LimitExceeded(ChatError):
    status = 429


class InvalidMessage(ChatError):
    status = 422


class MessageTooLong(ChatError):
    status = 413


class ChatConflict(ChatError):
    status = 409


def chat_id_or_404(value: str) -> chats.Id:
    chat_id = chats.parse_id(value)
    if chat_id is None:
        raise ChatNotFound()
    return chat_id
