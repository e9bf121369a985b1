"""Replies being written: one generation per reply, a task on this process's event loop, apart from
the requests that read it.

A generation writes the reply to its end and saves it (its text so far about once a second, all of it
once at the end) whatever happens to the connections reading it: a reload, a second tab or a lost
connection only ends a reader. Readers follow it from a character offset, which is also each SSE
event's id, so a reconnect with `Last-Event-ID` continues where it left off. A reader on another process
(production runs several) reads the saved text instead, every ATTACH_POLL_S (`attach`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from interviews import chats
from llm import client as llm

logger = logging.getLogger(__name__)

STOP_POLL_S = 0.25
STREAM_GRACE_S = 30  # beyond the LLM's silence timeout before a stream claim counts as dead
ATTACH_POLL_S = 0.5  # how often a reader on another process looks for more saved text
PARTIAL_SAVE_S = 1.0  # how often a streaming reply's text so far is saved (its writer's heartbeat)
# A reader sends what arrived in one frame at most this often: a browser appends one piece of text
# per frame, and a fast model's tokens cost one write each instead of one per token.
FRAME_S = 0.02


@dataclass
class StreamEvent:
    kind: str  # "token" | "done" | "error"
    delta: str = ""
    message: dict | None = None
    detail: str = ""
    offset: int = 0  # the reply's length in characters once this event is applied: its SSE id


class Generation:
    """One reply being written here: its text so far, and its final event once it ended."""

    def __init__(self, message: dict) -> None:
        self.message = message
        self.final: StreamEvent | None = None
        self._parts: list[str] = []
        self._text = ""
        self.length = 0
        self._changed = asyncio.Event()
        self.ended = asyncio.get_running_loop().create_future()
        self.task: asyncio.Task | None = None

    @property
    def text(self) -> str:
        if len(self._text) != self.length:
            self._text = "".join(self._parts)
        return self._text

    def append(self, delta: str) -> None:
        self._parts.append(delta)
        self.length += len(delta)
        self._notify()

    def end(self, event: StreamEvent) -> None:
        event.offset = self.length
        self.final = event
        if not self.ended.done():
            self.ended.set_result(event)
        self._notify()

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def changed(self) -> None:
        await self._changed.wait()


# Replies written in this process, by message id. A stop asked of this process is seen on the next
# token (_stop_signals); one asked of another sets a Mongo flag, which one poll per event loop reads
# for all the replies written here every STOP_POLL_S (not one read per reply).
_running: dict[chats.Id, Generation] = {}
_stop_signals: set[chats.Id] = set()
_stop_polls: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}  # one per event loop (uvicorn runs one)


def running(message_id: chats.Id) -> Generation | None:
    """The generation writing this reply in this process (on this event loop), if any."""
    generation = _running.get(message_id)
    if generation is None or generation.ended.get_loop() is not asyncio.get_running_loop():
        return None
    return generation


def stop_here(message_ids: list[chats.Id]) -> None:
    """Replies this process writes stop on their next token (others see the Mongo flag)."""
    _stop_signals.update(message_id for message_id in message_ids if message_id in _running)


def start(*, message: dict, write: Callable[[dict], AsyncIterator[str]]) -> Generation:
    """Write `message` (claimed, status streaming) with `write(usage)` in a task of its own; saves it
    when it ends, however it ends. The task holds no request's resources: nothing a reader does can
    end it except Stop."""
    generation = Generation(message)
    _running[message["_id"]] = generation
    generation.task = asyncio.get_running_loop().create_task(_write(generation, write))
    _watch_stop_flags()
    return generation


async def follow(generation: Generation, *, offset: int = 0) -> AsyncIterator[StreamEvent]:
    """A reader of a generation here: the text after `offset` (in frames at most FRAME_S apart), then
    the final event. Closing it ends the reader only."""
    loop = asyncio.get_running_loop()
    sent_at = float("-inf")
    while True:
        if generation.length > offset:
            text = generation.text
            yield StreamEvent("token", delta=text[offset:], offset=len(text))
            offset, sent_at = len(text), loop.time()
        if generation.final is not None:
            yield generation.final
            return
        await generation.changed()
        pause = FRAME_S - (loop.time() - sent_at)
        if pause > 0 and generation.final is None:
            await asyncio.wait([generation.ended], timeout=pause)


async def attach(*, chat_id: chats.Id, message: dict, offset: int = 0) -> AsyncIterator[StreamEvent]:
    """A reader of a reply written by another process: its saved text after `offset`, every
    ATTACH_POLL_S, then its final state. A writer that died is settled (failed) by the read."""
    loop = asyncio.get_running_loop()
    silence = settings.LLM_TIMEOUT_S + STREAM_GRACE_S
    deadline = loop.time() + silence
    while loop.time() < deadline:
        saved = await chats.aget_message(chat_id=chat_id, message_id=message["_id"])
        if saved is not None:
            saved = await chats.asettle_reply(saved)  # its writer may have died while this one waited
        saved = saved or {**message, "status": "failed", "error": _("The reply could not be saved.")}
        content = saved.get("content") or ""
        if len(content) > offset:
            yield StreamEvent("token", delta=content[offset:], offset=len(content))
            offset = len(content)
            deadline = loop.time() + silence
        if saved["status"] != "streaming":
            if saved["status"] == "failed":
                yield StreamEvent("error", detail=saved.get("error") or "", message=saved, offset=offset)
            else:
                yield StreamEvent("done", message=saved, offset=offset)
            return
        await asyncio.sleep(ATTACH_POLL_S)
    yield StreamEvent("error", detail=_("This reply is still being written in another window."), message=message,
                      offset=offset)


async def _write(generation: Generation, write: Callable[[dict], AsyncIterator[str]]) -> None:
    message = generation.message
    message_id = message["_id"]
    usage: dict = {}
    status, error = "complete", None
    loop = asyncio.get_running_loop()
    saved_at, saving = loop.time(), None
    try:
        upstream = write(usage)
        try:
            async for delta in upstream:
                generation.append(delta)
                if message_id in _stop_signals:
                    status = "stopped"
                    break
                if loop.time() - saved_at >= PARTIAL_SAVE_S and (saving is None or saving.done()):
                    # Beside the reply, never awaited by a token: a dead process loses at most this second.
                    saving = asyncio.ensure_future(_save_partial(message_id, generation.text))
                    saved_at = loop.time()
        finally:
            await upstream.aclose()  # ends the Ollama request at once on stop
    except llm.LLMError as exc:
        logger.warning("LLM failed for message %s: %s", message_id, exc)
        status, error = "failed", exc.user_message
    except asyncio.CancelledError:
        status = "interrupted"  # the process is shutting down: keep what was written
    except Exception:
        logger.exception("Reply %s failed", message_id)
        status, error = "failed", _("The reply failed.")
    finally:
        _stop_signals.discard(message_id)
        if saving is not None:
            await asyncio.shield(saving)
        final = {**message, "content": generation.text, "status": status, "error": error, "meta": _meta(usage)}
        try:
            await asyncio.shield(chats.afinish_message(message_id=message_id, content=final["content"],
                                                       status=status, meta=final["meta"], error=error))
            # Released once saved, so the user's next answer reads this reply in its history.
            await asyncio.shield(chats.arelease_user_reply(user_id=message["user_id"], message_id=message_id))
        except chats.ChatsUnavailable:
            # Readers still get an end: the text so far, as failed. The stored reply stays `streaming`
            # with its last partial save until a read marks it abandoned (Retry then works).
            logger.warning("Could not save reply %s", message_id, exc_info=True)
            status = "failed"
            error = _("The reply could not be saved: the chat store is unavailable. Retry in a minute.")
            final.update(status=status, error=error)
        if _running.get(message_id) is generation:
            del _running[message_id]
        if status == "failed":
            generation.end(StreamEvent("error", detail=error or "", message=final))
        else:
            generation.end(StreamEvent("done", message=final))


async def _save_partial(message_id: chats.Id, content: str) -> None:
    try:
        await chats.asave_partial(message_id=message_id, content=content)
    except chats.ChatsUnavailable:  # the reply goes on; its final save reports a store that stays down
        logger.warning("Could not save the partial text of reply %s", message_id, exc_info=True)


def _meta(usage: dict) -> dict:
    keys = ("model", "prompt_tokens", "completion_tokens", "ttft_ms", "duration_ms")
    return {key: usage.get(key) for key in keys}


def _watch_stop_flags() -> None:
    """Start this event loop's stop poll unless it runs; a poll ends once no reply is written here."""
    for loop, poll in list(_stop_polls.items()):
        if poll.done():
            del _stop_polls[loop]
    loop = asyncio.get_running_loop()
    if loop not in _stop_polls:
        _stop_polls[loop] = loop.create_task(_poll_stop_flags())


def _written_on(loop: asyncio.AbstractEventLoop) -> list[chats.Id]:
    return [message_id for message_id, generation in _running.items() if generation.ended.get_loop() is loop]


async def _poll_stop_flags() -> None:
    loop = asyncio.get_running_loop()
    while _written_on(loop):
        await asyncio.sleep(STOP_POLL_S)
        written = _written_on(loop)
        if not written:
            return
        try:
            flagged = await chats.astop_requested(message_ids=written)
        except Exception:  # Mongo may come back: keep watching (the replies go on meanwhile)
            logger.warning("Could not read the stop flags of %d replies", len(written), exc_info=True)
            continue
        _stop_signals.update(flagged)
