"""Chat kinds and their rules, so interviews need not know the apps built on them.

interviews registers `practice` and `free`; an app with a kind of its own (applications: the
employer's `screening`) registers it in its AppConfig.ready(). The answer path, the chat pages
and the reports ask the kind what is allowed instead of naming kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class ChatKind:
    name: str
    planned: bool = True  # follows a plan of questions
    deletable: bool = True
    coaching: bool = True  # hints, model answers and a scored report
    ratable: bool = True  # the user may rate its interviewer
    # Its weak questions can be asked again: the practice queue (interviews.practice_queue), Retry weak questions.
    schedules_questions: bool = True
    # Why a refused delete / coaching request is refused, shown as it is.
    not_deletable: str | Promise = ""
    no_coaching: str | Promise = ""
    finished: str | Promise = ""  # answering a finished chat of this kind
    # What the interviewer says after the last planned answer, per interview language (default: the practice line).
    closing: dict[str, str] = field(default_factory=dict)
    # Called (sync) after the last planned answer is saved; True when it finished the chat.
    on_last_answer: Callable[..., bool] | None = None
    # Called (sync) on Finish instead of the practice finish (report + minutes); returns the chat.
    on_finish: Callable[..., dict] | None = None
    # Called (sync) when the chat's report is graded; returns fields to add to the report (a rehearsal: relevance).
    on_evaluated: Callable[..., dict] | None = None
    # Where a page sends the user after Finish (a URL name), and what it tells them.
    after_finish_url: str = ""
    after_finish_message: str | Promise = ""
    after_finish_label: str | Promise = ""  # the link to that page
    finished_note: str | Promise = ""  # what a finished chat's page says above that link
    # How the chat list marks a chat of this kind (a badge style and its word); no word: its progress
    # through the plan.
    label: str | Promise = ""
    badge: str = "badge-muted"
    kept_note: str | Promise = ""  # for a kind that is not deletable: why "clear all" leaves its chats


_KINDS: dict[str, ChatKind] = {}


def register(kind: ChatKind) -> None:
    _KINDS[kind.name] = kind


def get(name: str | None) -> ChatKind:
    return _KINDS.get(name or "free") or _KINDS["free"]


def undeletable() -> list[str]:
    return [kind.name for kind in _KINDS.values() if not kind.deletable]


def kept_notes() -> list[str | Promise]:
    """Why "clear all chats" leaves some chats: one sentence per kind it keeps."""
    return [kind.kept_note for kind in _KINDS.values() if not kind.deletable and kind.kept_note]
