"""The errors of chat actions: a sentence a person can read, and the HTTP status that goes with it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interviews import chats
from onlyjobless.errors import ServiceError


class ChatError(ServiceError):
    """A chat action refused with a reason a person can read; a wait, if any, is also a Retry-After."""

    def __init__(self, detail: str, *, retry_after: int | None = None, status: int | None = None) -> None:
        super().__init__(detail, status=status, headers={"Retry-After": str(retry_after)} if retry_after else None)
        self.retry_after = retry_after


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


class ReplyFailed(ChatError):
    """The model could not answer; the user's message is saved and the failed reply can be retried."""

    status = 503

    def __init__(self, detail: str, *, message_id: str) -> None:
        super().__init__(detail)
        self.message_id = message_id

    def api_errors(self) -> list[dict]:
        return [{"field": None, "message": self.detail, "message_id": self.message_id}]


def chat_id_or_404(value: str) -> chats.Id:
    chat_id = chats.parse_id(value)
    if chat_id is None:
        raise ChatNotFound()
    return chat_id
