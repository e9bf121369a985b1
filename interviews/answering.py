"""The answer path shared by the pages and the API: post an answer, stream the reply, stop, retry, help.

The hot path (docs/architecture.md "Sending an answer"): `post_message` saves the user's words and
an empty `streaming` reply in one round trip; the reply is written by a task of its own (`replies`),
saved once at its end whatever ends it (done, error, stop), and read by `stream_reply` from any
offset, on any process, by as many connections as come and go meanwhile.

Who writes what: in a planned interview the app writes every question, hint, model answer and
closing line (composed when the reply is created and kept on it as its `draft`, so a retry asks the
same question); the model may only put a short acknowledgement before the question. The model's
text is filtered (at most two sentences; none that asks, grades or praises) and bounded in time and
tokens: when the model is slow, down or off-script the acknowledgement is dropped, never the
question. Only free coach chats are written by the model alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils.translation import gettext as _

from interviews import chats, evaluation, grader, kinds, plan, prompts, replies
from interviews.errors import ChatConflict, ChatNotFound, InvalidMessage, LimitExceeded, MessageTooLong, chat_id_or_404
from llm import client as llm

logger = logging.getLogger(__name__)

# A user's claim on their one reply-in-progress lasts until the reply ends, or this long if the
# process writing it dies (then the next message is accepted again).
REPLY_CLAIM_S = 300
IDEMPOTENCY_TTL_S = 10 * 60  # how long a message post's Idempotency-Key is remembered
RECONNECT_MS = 1000  # how soon a client that lost a reply's stream comes back (SSE `retry`)
StreamEvent = replies.StreamEvent


@dataclass
class Turn:
    chat: dict
    user_message: dict
    assistant_message: dict


@dataclass
class PendingReply:
    chat: dict
    message: dict


def clean_content(content: object) -> str:
    if not isinstance(content, str):
        raise InvalidMessage(_("A message must be text."))
    if not content.strip():
        raise InvalidMessage(_("Write something before sending."))
    if len(content) > settings.MESSAGE_MAX_CHARS:
        raise MessageTooLong(
            _("A message can be at most %(n)d characters; yours has %(m)d.")
            % {"n": settings.MESSAGE_MAX_CHARS, "m": len(content)}
        )
    return content.strip()


async def _check_rate(*, user_id: str) -> None:
    hits, retry_after = await chats.ahit_rate_limit(key=f"messages:{user_id}", window_s=60)
    if hits > settings.MESSAGES_PER_MINUTE:
        raise LimitExceeded(
            _("You can send %(n)d messages a minute. Take a breath and try again in %(s)d seconds.")
            % {"n": settings.MESSAGES_PER_MINUTE, "s": retry_after},
            retry_after=retry_after,
        )


def _finished_error(chat: dict) -> ChatConflict:
    return ChatConflict(str(kinds.get(chat.get("kind")).finished
                            or _("This interview is finished. Open its report or start a new one.")))


async def post_message(*, user_id: str, chat_id: str, content: object, inline: bool = False,
                       idempotency_key: str | None = None) -> Turn:
    """Save the user's answer and an empty `streaming` reply, and with `inline` start writing the reply
    here and now (the API, whose post reads it); without, its first reader starts it (the page's stream).

    Guarantees: the user's message is durably saved (journaled) before anything calls the model;
    four round trips at most (rate limit, ownership + plan advance, one insert for both). In a
    planned interview the reply's draft is the app's next question (or closing line), fixed here.
    With an `idempotency_key`, the same request sent again within IDEMPOTENCY_TTL_S (a client's retry
    after a network error) returns the first one's turn: one answer, one reply.
    """
    content = clean_content(content)
    chat_oid = chat_id_or_404(chat_id)
    # Both ids now, in order (messages sort by _id): the claim names the reply before it is saved.
    answer_id, reply_id = chats.new_id(), chats.new_id()
    if idempotency_key is not None:
        first = await chats.aclaim_idempotency_key(user_id=user_id, key=idempotency_key, chat_id=chat_oid,
                                                   answer_id=answer_id, reply_id=reply_id, ttl_s=IDEMPOTENCY_TTL_S)
        if first is not None:
            return await _repeated_turn(user_id=user_id, chat_oid=chat_oid, first=first)
    try:
        await _check_rate_and_claim(user_id=user_id, message_id=reply_id)
        try:
            return await _save_turn(user_id=user_id, chat_oid=chat_oid, content=content,
                                    answer_id=answer_id, reply_id=reply_id, inline=inline)
        except BaseException:
            await asyncio.shield(chats.arelease_user_reply(user_id=user_id, message_id=reply_id))
            raise
    except BaseException:
        if idempotency_key is not None:
            await asyncio.shield(chats.arelease_idempotency_key(user_id=user_id, key=idempotency_key,
                                                                answer_id=answer_id))
        raise


async def _repeated_turn(*, user_id: str, chat_oid: chats.Id, first: dict) -> Turn:
    if first["chat_id"] != chat_oid:
        raise ChatConflict(_("This Idempotency-Key was already used for another chat."))
    chat, answer, reply = await asyncio.gather(
        chats.aget_chat(user_id=user_id, chat_id=chat_oid),
        chats.aget_message(chat_id=chat_oid, message_id=first["answer_id"]),
        chats.aget_message(chat_id=chat_oid, message_id=first["reply_id"]),
    )
    if chat is None:
        raise ChatNotFound()
    if answer is None or reply is None:  # the first request is still saving them
        raise LimitExceeded(_("The same message is being sent already; try again in a moment."), retry_after=1)
    return Turn(chat=chat, user_message=answer, assistant_message=reply)


async def _check_rate_and_claim(*, user_id: str, message_id: chats.Id) -> None:
    """`_check_rate` and `_claim_reply` at once (one round trip of waiting, not two); a claim taken by
    a request over its rate is handed back."""
    rate, claim = await asyncio.gather(_check_rate(user_id=user_id),
                                       _claim_reply(user_id=user_id, message_id=message_id), return_exceptions=True)
    if isinstance(rate, BaseException):
        if claim is None:
            await asyncio.shield(chats.arelease_user_reply(user_id=user_id, message_id=message_id))
        raise rate
    if isinstance(claim, BaseException):
        raise claim


async def _claim_reply(*, user_id: str, message_id: chats.Id) -> None:
    """One reply generating per user at a time, across every process (a claim in MongoDB)."""
    if not await chats.aclaim_user_reply(user_id=user_id, message_id=message_id, ttl_s=REPLY_CLAIM_S):
        raise LimitExceeded(_("Wait for the current reply to finish (or stop it) before sending another."),
                            retry_after=2)


async def _save_turn(*, user_id: str, chat_oid: chats.Id, content: str, answer_id: chats.Id,
                     reply_id: chats.Id, inline: bool) -> Turn:
    chat = await chats.aclaim_turn(user_id=user_id, chat_id=chat_oid, preview=content)
    if chat is None:
        finished = await chats.aget_chat(user_id=user_id, chat_id=chat_oid)
        if finished is None:
            raise ChatNotFound()
        raise _finished_error(finished)
    kind = kinds.get(chat.get("kind"))
    planned = plan.questions(chat)
    answered = plan.current_index(chat) - 1
    answered_id = planned[answered]["id"] if 0 <= answered < len(planned) else None
    next_question = plan.current_question(chat)
    draft, follow_up = "", None
    if planned:
        draft = plan.question_text(chat, next_question["id"] if next_question else None,
                                   closing=kind.closing.get(chat.get("language", "en")))
    if planned and kind.coaching and answered_id is not None and settings.INTERVIEW_FOLLOW_UPS:
        probed = await _follow_up(chat=chat, question_id=answered_id, answer=content)
        if probed is not None:
            chat, next_question, follow_up = probed
            draft = plan.follow_up_text(chat, follow_up)
    user_message = chats.new_message(chat_id=chat_oid, user_id=user_id, role="user", kind="answer",
                                     content=content, question_id=answered_id)
    assistant_message = chats.new_message(chat_id=chat_oid, user_id=user_id, role="assistant", kind="reply",
                                          content="", status="streaming",
                                          question_id=next_question["id"] if next_question else None, draft=draft)
    user_message["_id"], assistant_message["_id"] = answer_id, reply_id
    if follow_up is not None:
        assistant_message["follow_up"] = follow_up
    if chat.get("next_seq") is not None:  # numbered by the claim (ensure_indexes numbers older chats)
        user_message["seq"], assistant_message["seq"] = chat["next_seq"] - 1, chat["next_seq"]
    if inline:  # saved claimed: this process writes it, no other connection starts one
        assistant_message["stream_claimed_at"] = datetime.now(UTC)
    await chats.ainsert_messages([user_message, assistant_message])
    if planned and next_question is None and plan.current_index(chat) == len(planned) and kind.on_last_answer:
        if await sync_to_async(kind.on_last_answer)(chat=chat):
            chat = {**chat, "status": "finished"}
    if inline:
        _start(chat=chat, message=assistant_message)
    return Turn(chat=chat, user_message=user_message, assistant_message=assistant_message)


async def _follow_up(*, chat: dict, question_id: str, answer: str) -> tuple[dict, dict, str] | None:
    """After a weak first answer, a probe for a key point it missed: (the chat, stepped back to the same
    question, that question, the point), or None for the next question. Graded offline, off the loop."""
    found = plan.question_by_id(chat, question_id)
    if found is None or plan.follow_up_asked(chat, question_id):  # before grading: that costs CPU
        return None
    rubric = evaluation.rubric_for(found[1], language=chat.get("language", "en"))
    result = await asyncio.to_thread(grader.grade_offline, rubric, answer)
    point = plan.follow_up_point(chat, question_id=question_id, score=result.score, missed=result.missed)
    if point is None:
        return None
    updated = await chats.aset_follow_up(chat_id=chat["_id"], question_id=question_id, point=point,
                                         current=plan.current_index(chat))
    return (updated, found[1], point) if updated is not None else None


async def retry_reply(*, user_id: str, chat_id: str, message_id: str, inline: bool = False) -> Turn:
    """Put a failed, stopped or interrupted reply back to `streaming` so it is written again (at once with
    `inline`, else by its first reader)."""
    chat_oid = chat_id_or_404(chat_id)
    message_oid = chats.parse_id(message_id)
    chat = await chats.aget_chat(user_id=user_id, chat_id=chat_oid)
    if chat is None or message_oid is None:
        raise ChatNotFound()
    if chat.get("status") == "finished":  # its report (or screening) is made of the replies as they were
        raise _finished_error(chat)
    await _check_rate_and_claim(user_id=user_id, message_id=message_oid)
    message = await chats.areset_message_for_retry(chat_id=chat_oid, message_id=message_oid, claimed=inline)
    if message is None:
        await chats.arelease_user_reply(user_id=user_id, message_id=message_oid)
        if await chats.aget_message(chat_id=chat_oid, message_id=message_oid) is None:
            raise ChatNotFound()
        raise ChatConflict(_("Only a failed or stopped reply can be retried."))  # "stopped" covers interrupted
    if inline:
        _start(chat=chat, message=message)
    return Turn(chat=chat, user_message={}, assistant_message=message)


def request_stop(*, user_id: str, chat_id: str) -> int:
    """Stop the chat's streaming reply wherever it streams; returns how many were asked to stop."""
    chat = chats.get_chat(user_id=user_id, chat_id=chat_id_or_404(chat_id))
    if chat is None:
        raise ChatNotFound()
    ids = chats.request_stop(chat_id=chat["_id"])
    replies.stop_here(ids)
    return len(ids)


async def ask_for_help(*, user_id: str, chat_id: str, kind: str) -> Turn:
    """A hint or a model answer for the current question, marked as used (the report says so).

    The app writes it from the question's key points and ideal answer (a capable model may phrase
    it, from the same points): each further hint shows one more key point, never the whole answer.
    """
    chat_oid = chat_id_or_404(chat_id)
    chat = await chats.aget_chat(user_id=user_id, chat_id=chat_oid)
    if chat is None:
        raise ChatNotFound()
    chat_kind = kinds.get(chat.get("kind"))
    if not plan.questions(chat):
        raise ChatConflict(_("Hints, model answers and reports are for practice interviews."))
    if not chat_kind.coaching:
        raise ChatConflict(str(chat_kind.no_coaching))
    if chat.get("status") == "finished":
        raise _finished_error(chat)
    question = plan.current_question(chat)
    if question is None:
        raise ChatConflict(_("All questions are answered; press Finish for your report."))
    await _check_rate(user_id=user_id)
    if kind == "hint":
        count = await chats.acount_hint(chat_id=chat_oid, question_id=question["id"])
        draft = plan.hint_text(chat, question, number=count)
    else:
        await chats.amark_model_answer_used(chat_id=chat_oid, question_id=question["id"])
        draft = plan.model_answer_text(chat, question)
    message = chats.new_message(chat_id=chat_oid, user_id=user_id, role="assistant", kind=kind, content="",
                                status="streaming", question_id=question["id"], draft=draft)
    await chats.ainsert_messages([message])
    return Turn(chat=chat, user_message={}, assistant_message=message)


async def find_reply(*, user_id: str, chat_id: str, message_id: str) -> PendingReply:
    """An assistant message of the user's chat. Its two reads and the count of the user's connections
    go to Mongo at once; a connection over STREAMS_PER_MINUTE is refused unless the reply has ended
    (it is only read back then). Raises ChatNotFound for a missing or foreign one.
    """
    chat_oid, message_oid = chat_id_or_404(chat_id), chats.parse_id(message_id)
    if message_oid is None:
        raise ChatNotFound()
    chat, message, (hits, retry_after) = await asyncio.gather(
        chats.aget_chat(user_id=user_id, chat_id=chat_oid),
        chats.aget_message(chat_id=chat_oid, message_id=message_oid),
        chats.ahit_rate_limit(key=f"streams:{user_id}", window_s=60),
    )
    if chat is None or message is None or message["role"] != "assistant":
        raise ChatNotFound()
    message = await chats.asettle_reply(message)  # its writer died: answer it as failed, never wait on it
    if message["status"] == "streaming" and hits > settings.STREAMS_PER_MINUTE:
        raise LimitExceeded(_("Too many reply connections; try again in a moment."), retry_after=retry_after)
    return PendingReply(chat=chat, message=message)


async def stream_reply(*, chat: dict, message: dict, offset: int = 0) -> AsyncIterator[StreamEvent]:
    """The reply's events after `offset` characters: `token` events, then one `done` (the saved message)
    or `error` event; each event's `offset` is the reply's length once it is applied (its SSE id).

    A reply is written once, by one generation in the process that claimed it (`replies`), whatever
    the number of readers: here this reads the generation of this process, or the text saved by the
    one writing it in another. A reply nobody claimed yet (the page's, started by its first reader) is
    claimed and started here. Closing the iterator ends this reader only: the reply is still written to
    its end and saved.
    """
    if message["status"] != "streaming":  # ended already: its final event at once
        content = message.get("content") or ""
        kind = "error" if message["status"] == "failed" else "done"
        yield StreamEvent(kind, message=message, detail=message.get("error") or "", offset=len(content))
        return
    generation = replies.running(message["_id"])
    if generation is None:
        # The history is read beside the claim: a reader that starts the reply needs it next.
        claimed, history = await asyncio.gather(
            chats.aclaim_stream(message_id=message["_id"], ttl_s=_claim_ttl_s()),
            chats.alist_recent_messages(chat_id=chat["_id"], limit=prompts.HISTORY_LIMIT, before=message))
        if claimed:
            generation = _start(chat=chat, message=message, history=history)
        else:  # another reader here may have claimed and started it meanwhile
            generation = replies.running(message["_id"])
    if generation is not None:
        events = replies.follow(generation, offset=offset)
    else:
        events = replies.attach(chat_id=chat["_id"], message=message, offset=offset)
    async with aclosing(events):
        async for event in events:
            yield event


def event_offset(value: str | None) -> int:
    """A reader's place in a reply: the id of the last SSE event it received (a character offset)."""
    if value is None or value == "":
        return 0
    if not value.isascii() or not value.isdigit():
        raise InvalidMessage(_("Last-Event-ID must be the id of an event of this reply (a number)."))
    return int(value)


def _claim_ttl_s() -> float:
    return settings.LLM_TIMEOUT_S + replies.STREAM_GRACE_S


def _start(*, chat: dict, message: dict, history: list[dict] | None = None) -> replies.Generation:
    """Write the reply (claimed by the caller) in a task of this process; see `replies.start`."""

    async def write(usage: dict) -> AsyncIterator[str]:
        prompt_history = history
        if prompt_history is None:
            prompt_history = await chats.alist_recent_messages(chat_id=chat["_id"], limit=prompts.HISTORY_LIMIT,
                                                               before=message)
        async with aclosing(_compose(chat=chat, message=message, history=prompt_history, usage=usage)) as text:
            async for delta in text:
                yield delta

    return replies.start(message=message, write=write)


def _compose(*, chat: dict, message: dict, history: list[dict], usage: dict) -> AsyncIterator[str]:
    """The reply's text as it is written: who writes it depends on the chat and the message."""
    draft = message.get("draft") or ""
    if message.get("kind") == "reply" and plan.questions(chat):
        return _interviewer_turn(chat=chat, history=history, draft=draft, usage=usage,
                                 follow_up=message.get("follow_up"))
    if message.get("kind") in ("hint", "model_answer"):
        return _app_text(draft)
    request = prompts.build_messages(system_prompt=chat.get("system_prompt") or prompts.FREE_CHAT_SYSTEM_PROMPT,
                                     history=history)
    return llm.stream(request, model=_model(chat), usage=usage)


async def _app_text(text: str) -> AsyncIterator[str]:
    yield text


async def _interviewer_turn(*, chat: dict, history: list[dict], draft: str, usage: dict,
                            follow_up: str | None = None) -> AsyncIterator[str]:
    acknowledged = False
    async for sentence in _acknowledgement(chat=chat, history=history, usage=usage):
        yield sentence if not acknowledged else f" {sentence}"
        acknowledged = True
    if follow_up:
        draft = await _phrased_follow_up(chat=chat, history=history, point=follow_up, usage=usage) or draft
    yield f"\n\n{draft}" if acknowledged else draft


async def _phrased_follow_up(*, chat: dict, history: list[dict], point: str, usage: dict) -> str | None:
    """The model's wording of a follow-up about `point`, or None (the app's own wording is used) when it is
    slow, down, or writes anything but one short question."""
    answer = next((m for m in reversed(history) if m["role"] == "user"), None)
    found = plan.question_by_id(chat, answer.get("question_id") if answer else None)
    if answer is None or found is None:
        return None
    prompt = plan.follow_up_prompt(chat, question=found[1]["text"], answer=answer["content"], point=point)
    text = ""
    try:
        async with asyncio.timeout(settings.ACK_TIMEOUT_S):
            async for token in llm.stream(prompt, model=_model(chat), usage=usage, connect_retries=0,
                                          options={"num_predict": 60, "temperature": 0.3, "stop": ["\n"]}):
                text += token
    except (llm.LLMError, TimeoutError) as error:
        logger.info("Follow-up in the app's words: %s", error or type(error).__name__)
        return None
    question = plan.acceptable_follow_up(text, language=chat.get("language", "en"))
    return plan.follow_up_labelled(chat, question) if question else None


async def _acknowledgement(*, chat: dict, history: list[dict], usage: dict) -> AsyncIterator[str]:
    """The model's short acknowledgement of the last answer, sentence by sentence, filtered; nothing
    at all when it is turned off, slow (ACK_TIMEOUT_S), down, or writes something else."""
    answer = next((m for m in reversed(history) if m["role"] == "user"), None)
    if settings.INTERVIEW_ACKNOWLEDGE not in ("model", "app") or answer is None:
        return
    if settings.INTERVIEW_ACKNOWLEDGE == "app":
        yield plan.app_acknowledgement(chat, question_id=answer.get("question_id"))
        return
    found = plan.question_by_id(chat, answer.get("question_id"))
    prompt = plan.acknowledgement_prompt(chat, question=found[1]["text"] if found else "", answer=answer["content"])
    upstream = llm.stream(prompt, model=_model(chat), usage=usage, connect_retries=0,
                          options={"num_predict": settings.ACK_NUM_PREDICT, "temperature": 0.2, "stop": ["\n", "?"]})
    deadline = asyncio.get_running_loop().time() + settings.ACK_TIMEOUT_S
    text, sent = "", 0
    try:
        while True:
            try:
                # The deadline wraps the read only, never a `yield`: fired while we are suspended there,
                # it would cancel whatever the consumer is doing.
                async with asyncio.timeout_at(deadline):
                    text += await anext(upstream)
            except StopAsyncIteration:
                return
            sentences = plan.complete_sentences(text)
            accepted = plan.acceptable_acknowledgement(sentences, language=chat.get("language", "en"))
            for sentence in accepted[sent:]:
                yield sentence
            sent = len(accepted)
            if len(accepted) < len(sentences) or sent >= plan.ACK_SENTENCES:
                return
    except (llm.LLMError, TimeoutError) as error:
        logger.info("Interviewer turn without an acknowledgement: %s", error or type(error).__name__)
    finally:
        await upstream.aclose()


def _model(chat: dict) -> str:
    return chat.get("model") or settings.OLLAMA_MODEL
