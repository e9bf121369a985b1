"""Chat actions shared by the pages and the API: create, answer, stream a reply, stop, retry.

The hot path (DESIGN.md "Sending an answer"): `post_message` saves the user's words and an
empty `streaming` reply in one round trip; `stream_reply` builds the prompt, streams from
the model and saves the reply once, whatever ends it (done, error, stop, disconnect).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

from asgiref.sync import sync_to_async
from bson import ObjectId
from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews import chats, prompts
from llm import client as llm

logger = logging.getLogger(__name__)

STOP_POLL_S = 0.25
FREE_GREETING = (
    "Hi! I'm your interview coach. Tell me which role you're preparing for, ask me anything about "
    "interviews, or say **\"mock interview\"** and I'll ask you questions one at a time."
)


class ChatError(Exception):
    """A chat action refused with a reason a person can read; `status` is the HTTP answer."""

    status = 400

    def __init__(self, detail: str, *, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after


class ChatNotFound(ChatError):
    status = 404

    def __init__(self) -> None:
        super().__init__(_("Chat not found."))


class LimitExceeded(ChatError):
    status = 429


class InvalidMessage(ChatError):
    status = 422


class MessageTooLong(ChatError):
    status = 413


class ChatConflict(ChatError):
    status = 409


# ---------------------------------------------------------------- in-process registries

# Replies streaming in this process: message id → user id. A stop asked of this process is seen
# on the next token (_stop_signals); one asked of another sets a Mongo flag, which one poll per
# event loop reads for all the replies streaming here every 250 ms (not one read per reply).
_streaming: dict[ObjectId, str] = {}
_stop_signals: set[ObjectId] = set()
_stop_polls: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}  # one per event loop (uvicorn runs one)


def _user_is_generating(user_id: str) -> bool:
    return user_id in _streaming.values()


def _watch_stop_flags() -> None:
    """Start this event loop's stop poll unless it runs; a poll ends once no reply streams."""
    for loop, poll in list(_stop_polls.items()):
        if poll.done():
            del _stop_polls[loop]
    loop = asyncio.get_running_loop()
    if loop not in _stop_polls:
        _stop_polls[loop] = loop.create_task(_poll_stop_flags())


async def _poll_stop_flags() -> None:
    while _streaming:
        await asyncio.sleep(STOP_POLL_S)
        if not _streaming:
            return
        try:
            flagged = await chats.astop_requested(message_ids=list(_streaming))
        except Exception:  # Mongo may come back: keep watching (the replies stream on meanwhile)
            logger.warning("Could not read the stop flags of %d streaming replies", len(_streaming), exc_info=True)
            continue
        _stop_signals.update(message_id for message_id in flagged if message_id in _streaming)


# ---------------------------------------------------------------- chats

def chat_id_or_404(value: str) -> ObjectId:
    chat_id = chats.parse_id(value)
    if chat_id is None:
        raise ChatNotFound()
    return chat_id


def get_chat(*, user_id: str, chat_id: str) -> dict:
    chat = chats.get_chat(user_id=user_id, chat_id=chat_id_or_404(chat_id))
    if chat is None:
        raise ChatNotFound()
    return chat


def check_daily_chat_limit(*, user_id: str) -> None:
    since = timezone.now() - timedelta(days=1)
    if chats.count_chats_created_since(user_id=user_id, since=since) >= settings.CHATS_PER_DAY:
        raise LimitExceeded(
            _("You can start %(n)d chats a day. Continue an existing chat or come back tomorrow.")
            % {"n": settings.CHATS_PER_DAY},
            retry_after=3600,
        )


def create_free_chat(*, user_id: str, title: str = "") -> dict:
    """A coach chat without vacancy or persona, opened with a greeting (no model call)."""
    check_daily_chat_limit(user_id=user_id)
    chat = chats.new_chat_document(
        user_id=user_id,
        title=(title or "").strip()[:120] or _("Interview coach"),
        kind="free",
        system_prompt=prompts.FREE_CHAT_SYSTEM_PROMPT,
        plan={"questions": [], "current": 0},
    )
    greeting = chats.new_message(chat_id=chat["_id"], user_id=user_id, role="assistant", kind="greeting",
                                 content=FREE_GREETING)
    return chats.insert_chat(chat, greeting=greeting)


def start_chat(*, user, title: str = "", vacancy_id: int | None = None, persona_id: int | None = None,
               focus_skills: list[str] | None = None) -> dict:
    """A practice interview when a vacancy or persona is given, else a free coach chat.

    `focus_skills` (with a vacancy) builds the plan around those skills, e.g. the ones the
    candidate's resume is missing."""
    if vacancy_id is None and persona_id is None:
        return create_free_chat(user_id=str(user.pk), title=title)
    from interviews import practice

    skills = _clean_focus_skills(focus_skills)
    if skills and vacancy_id is None:
        raise InvalidMessage(_("Choose a vacancy to practise its skills."))
    return practice.start_interview(user=user, title=title, vacancy_id=vacancy_id, persona_id=persona_id,
                                    focus_skills=skills)


def _clean_focus_skills(skills) -> list[str]:
    from interviews.practice import FOCUS_SKILLS_MAX

    if skills is None:
        return []
    if not isinstance(skills, list) or not all(isinstance(skill, str) for skill in skills):
        raise InvalidMessage(_("Skills to focus on must be a list of names."))
    cleaned = list(dict.fromkeys(skill.strip()[:60] for skill in skills if skill.strip()))
    if len(cleaned) > FOCUS_SKILLS_MAX:
        raise InvalidMessage(_("Focus on at most %(n)d skills at a time.") % {"n": FOCUS_SKILLS_MAX})
    return cleaned


def rename_chat(*, user_id: str, chat_id: str, title: str) -> dict:
    title = (title or "").strip()
    if not title:
        raise InvalidMessage(_("A chat title cannot be empty."))
    if len(title) > 120:
        raise InvalidMessage(_("A chat title can be at most 120 characters."))
    chat = chats.update_chat(user_id=user_id, chat_id=chat_id_or_404(chat_id), changes={"title": title})
    if chat is None:
        raise ChatNotFound()
    return chat


def delete_chat(*, user_id: str, chat_id: str) -> None:
    """Soft-delete an own chat. A screening chat belongs to its application (the employer reads it) and stays."""
    chat = get_chat(user_id=user_id, chat_id=chat_id)
    if chat.get("kind") == "screening":
        raise ChatConflict(_("This screening belongs to your job application: the employer reads it, so it "
                             "can't be deleted."))
    if not chats.soft_delete_chat(user_id=user_id, chat_id=chat["_id"]):
        raise ChatNotFound()


def delete_all_chats(*, user_id: str) -> int:
    """Soft-delete the user's chats except screenings, which belong to their applications; returns how many."""
    return chats.soft_delete_all(user_id=user_id, keep_kind="screening")


def list_chats(*, user_id: str, limit: int = 20, cursor: str | None = None) -> tuple[list[dict], str | None]:
    """A page of chats, newest activity first, and the cursor of the next page (or None)."""
    after = _decode_cursor(cursor) if cursor else None
    items = chats.list_chats(user_id=user_id, limit=limit + 1, after=after)
    next_cursor = _encode_cursor(items[limit - 1]) if len(items) > limit else None
    return items[:limit], next_cursor


def _encode_cursor(chat: dict) -> str:
    return f"{int(chat['updated_at'].timestamp() * 1_000_000)}.{chat['_id']}"


def _decode_cursor(cursor: str):
    try:
        micros, last_id = cursor.split(".", 1)
        from datetime import UTC, datetime

        updated_at = datetime.fromtimestamp(int(micros) / 1_000_000, UTC)
        return updated_at, ObjectId(last_id)
    except Exception as error:
        raise InvalidMessage(_("The cursor is not valid; start from the first page.")) from error


def list_messages(*, user_id: str, chat_id: str, limit: int = 50, before: str | None = None) -> tuple[list[dict], str | None]:
    """A page of a chat's messages, oldest → newest, ending just before `before`."""
    chat = get_chat(user_id=user_id, chat_id=chat_id)
    before_id = None
    if before:
        before_id = chats.parse_id(before)
        if before_id is None:
            raise InvalidMessage(_("`before` must be a message id."))
    items = chats.list_messages(chat_id=chat["_id"], limit=limit + 1, before=before_id)
    has_more = len(items) > limit
    items = items[1:] if has_more else items
    return items, (str(items[0]["_id"]) if has_more and items else None)


# ---------------------------------------------------------------- answering

@dataclass
class Turn:
    chat: dict
    user_message: dict
    assistant_message: dict


def clean_content(content) -> str:
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
    if _user_is_generating(user_id):
        raise LimitExceeded(_("Wait for the current reply to finish (or stop it) before sending another."),
                            retry_after=2)
    hits, retry_after = await chats.ahit_rate_limit(key=f"messages:{user_id}", window_s=60)
    if hits > settings.MESSAGES_PER_MINUTE:
        raise LimitExceeded(
            _("You can send %(n)d messages a minute. Take a breath and try again in %(s)d seconds.")
            % {"n": settings.MESSAGES_PER_MINUTE, "s": retry_after},
            retry_after=retry_after,
        )


async def post_message(*, user_id: str, chat_id: str, content) -> Turn:
    """Save the user's answer and an empty `streaming` reply; the model is called later by `stream_reply`.

    Guarantees: the user's message is durably saved (journaled) before anything calls the
    model; four round trips at most (rate limit, ownership + activity, one insert for both).
    """
    content = clean_content(content)
    chat_oid = chat_id_or_404(chat_id)
    await _check_rate(user_id=user_id)
    chat = await chats.aclaim_turn(user_id=user_id, chat_id=chat_oid, preview=content)
    if chat is None:
        finished = await chats.aget_chat(user_id=user_id, chat_id=chat_oid)
        if finished is None:
            raise ChatNotFound()
        if finished.get("kind") == "screening":
            raise ChatConflict(_("This screening is finished: your answers were sent to the employer. Follow your "
                                 "application on the Applications page."))
        raise ChatConflict(_("This interview is finished. Open its report or start a new one."))
    plan = chat.get("plan") or {}
    answered_index = plan.get("current", 1) - 1
    questions = plan.get("questions") or []
    question_id = questions[answered_index]["id"] if 0 <= answered_index < len(questions) else None
    user_message = chats.new_message(chat_id=chat_oid, user_id=user_id, role="user", kind="answer",
                                     content=content, question_id=question_id)
    assistant_message = chats.new_message(chat_id=chat_oid, user_id=user_id, role="assistant", kind="reply",
                                          content="", status="streaming")
    await chats.ainsert_messages([user_message, assistant_message])
    if chat.get("kind") == "screening" and questions and plan.get("current") == len(questions):
        # The last planned answer ends a screening: the employer's assessment starts without waiting for Finish.
        from applications.services import screening_answered

        if await sync_to_async(screening_answered)(chat=chat):
            chat = {**chat, "status": "finished"}
    return Turn(chat=chat, user_message=user_message, assistant_message=assistant_message)


async def retry_reply(*, user_id: str, chat_id: str, message_id: str) -> Turn:
    """Put a failed or stopped reply back to `streaming` so `stream_reply` can write it again."""
    chat_oid = chat_id_or_404(chat_id)
    message_oid = chats.parse_id(message_id)
    chat = await chats.aget_chat(user_id=user_id, chat_id=chat_oid)
    if chat is None or message_oid is None:
        raise ChatNotFound()
    await _check_rate(user_id=user_id)
    message = await chats.areset_message_for_retry(chat_id=chat_oid, message_id=message_oid)
    if message is None:
        if await chats.aget_message(chat_id=chat_oid, message_id=message_oid) is None:
            raise ChatNotFound()
        raise ChatConflict(_("Only a failed or stopped reply can be retried."))
    return Turn(chat=chat, user_message={}, assistant_message=message)


def request_stop(*, user_id: str, chat_id: str) -> int:
    """Stop the chat's streaming reply wherever it streams; returns how many were asked to stop."""
    chat = get_chat(user_id=user_id, chat_id=chat_id)
    ids = chats.request_stop(chat_id=chat["_id"])
    _stop_signals.update(ids)
    return len(ids)


@dataclass
class StreamEvent:
    kind: str  # "token" | "done" | "error"
    delta: str = ""
    message: dict | None = None
    detail: str = ""


def _instruction_for(chat: dict, message: dict) -> str | None:
    from interviews import practice

    return practice.turn_instruction(chat, message) if chat.get("kind") in ("practice", "screening") else None


@dataclass
class PendingReply:
    chat: dict
    message: dict
    history: list[dict]  # the prompt's messages before `message`, oldest first


async def find_reply(*, user_id: str, chat_id: str, message_id: str) -> PendingReply:
    """An assistant message of the user's chat, with the history its prompt needs.

    The three reads go to Mongo at once (the history is read before ownership is known, and
    dropped if the chat is not the user's). Raises ChatNotFound for a missing or foreign one.
    """
    chat_oid, message_oid = chat_id_or_404(chat_id), chats.parse_id(message_id)
    if message_oid is None:
        raise ChatNotFound()
    chat, message, history = await asyncio.gather(
        chats.aget_chat(user_id=user_id, chat_id=chat_oid),
        chats.aget_message(chat_id=chat_oid, message_id=message_oid),
        chats.alist_recent_messages(chat_id=chat_oid, limit=prompts.HISTORY_LIMIT, before=message_oid),
    )
    if chat is None or message is None or message["role"] != "assistant":
        raise ChatNotFound()
    return PendingReply(chat=chat, message=message, history=history)


async def stream_reply(*, chat: dict, message: dict, history: list[dict] | None = None) -> AsyncIterator[StreamEvent]:
    """Stream the reply for `message` (status streaming) and save it once when it ends.

    Yields `token` events, then one `done` (the saved message) or `error` event. The save
    happens even when the consumer goes away (disconnect) and is shielded from cancellation.
    No database work per token; the stop flag in Mongo is read every 250 ms, beside the
    stream (a token never waits for it); no Postgres connection is held while streaming.
    `history` (from `find_reply`) saves a round trip; without it, it is read here.
    """
    message_id = message["_id"]
    # Handing back the request's Postgres connection takes a thread hop: it overlaps the reads
    # and the model's first token instead of delaying them.
    release = asyncio.ensure_future(sync_to_async(_release_postgres)())
    if history is None:
        history = await chats.alist_recent_messages(chat_id=chat["_id"], limit=prompts.HISTORY_LIMIT, before=message_id)
    request = prompts.build_messages(system_prompt=chat.get("system_prompt") or prompts.FREE_CHAT_SYSTEM_PROMPT,
                                     history=history, instruction=_instruction_for(chat, message))
    _streaming[message_id] = message["user_id"]
    _watch_stop_flags()
    parts: list[str] = []
    usage: dict = {}
    status, error = "complete", None
    try:
        upstream = llm.stream(request, usage=usage)
        try:
            async for delta in upstream:
                parts.append(delta)
                yield StreamEvent("token", delta=delta)
                if message_id in _stop_signals:
                    status = "stopped"
                    break
        finally:
            await upstream.aclose()  # ends the Ollama request at once on stop or disconnect
    except llm.LLMError as exc:
        logger.warning("LLM failed for message %s: %s", message_id, exc)
        status, error = "failed", exc.user_message
    except (asyncio.CancelledError, GeneratorExit):
        status = "stopped"  # the client went away: keep what was written
        raise
    finally:
        _streaming.pop(message_id, None)
        _stop_signals.discard(message_id)
        final = {**message, "content": "".join(parts), "status": status, "error": error, "meta": _meta(usage)}
        await asyncio.shield(chats.afinish_message(message_id=message_id, content=final["content"],
                                                   status=status, meta=final["meta"], error=error))
        await asyncio.shield(release)
    if status == "failed":
        yield StreamEvent("error", detail=error or "", message=final)
    else:
        yield StreamEvent("done", message=final)


def _release_postgres() -> None:
    # A reply needs no Postgres, but the request's session lookup left a connection open that would
    # sit idle for the whole stream: one per open stream. With a pool, closing returns it there.
    # (Inside a test's transaction it stays.)
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def _meta(usage: dict) -> dict:
    keys = ("model", "prompt_tokens", "completion_tokens", "ttft_ms", "duration_ms")
    return {key: usage.get(key) for key in keys}


# ---------------------------------------------------------------- practice: help, finish, report

def _practice_chat(chat: dict) -> dict:
    if not (chat.get("plan") or {}).get("questions"):
        raise ChatConflict(_("Hints, model answers and reports are for practice interviews."))
    return chat


def _not_screening(chat: dict) -> dict:
    # A screening is the employer's look at the candidate's own words: no coaching, and the score is theirs.
    if chat.get("kind") == "screening":
        raise ChatConflict(_("This is an employer's screening: there are no hints, model answers or reports. "
                             "Your application's status is on the Applications page."))
    return chat


async def ask_for_help(*, user_id: str, chat_id: str, kind: str) -> Turn:
    """A hint or a model answer for the current question, streamed like any reply and marked as used."""
    from interviews import practice

    chat_oid = chat_id_or_404(chat_id)
    chat = await chats.aget_chat(user_id=user_id, chat_id=chat_oid)
    if chat is None:
        raise ChatNotFound()
    _not_screening(_practice_chat(chat))
    if chat.get("status") == "finished":
        raise ChatConflict(_("This interview is finished. Open its report or start a new one."))
    question = practice.current_question(chat)
    if question is None:
        raise ChatConflict(_("All questions are answered; press Finish for your report."))
    await _check_rate(user_id=user_id)
    used = "plan.hints_used" if kind == "hint" else "plan.model_answers_used"
    await chats.amark_help_used(chat_id=chat_oid, field=used, question_id=question["id"])
    message = chats.new_message(chat_id=chat_oid, user_id=user_id, role="assistant", kind=kind, content="",
                                status="streaming", question_id=question["id"])
    await chats.ainsert_messages([message])
    return Turn(chat=chat, user_message={}, assistant_message=message)


def finish_interview(*, user, chat_id: str) -> dict:
    """Close the interview, add its minutes to the user's progress and queue the evaluation.

    Finishing again re-queues the evaluation (it overwrites, never duplicates). A screening chat
    is closed by its application instead (the assessment is the employer's, not a report).
    """
    from interviews import practice
    from interviews.models import Persona
    from interviews.progress import change_progress
    from interviews.tasks import evaluate_chat_task

    chat = _practice_chat(get_chat(user_id=str(user.pk), chat_id=chat_id))
    if chat.get("kind") == "screening":
        from applications.services import finish_screening

        return finish_screening(candidate=user, chat=chat)
    first_finish = chat.get("status") != "finished"
    chat = chats.update_chat(user_id=str(user.pk), chat_id=chat["_id"], changes={
        "status": "finished", "evaluation": {"status": "pending", "progress": {"done": 0, "total": len(chat["plan"]["questions"])}},
    })
    if first_finish and chat.get("persona_id"):
        persona = Persona.objects.filter(pk=chat["persona_id"]).first()
        if persona is not None:
            change_progress(user=user, persona=persona, op="add", minutes=practice.practice_minutes(chat))
    evaluate_chat_task.enqueue(str(chat["_id"]))
    return chat


def report(*, user_id: str, chat_id: str) -> dict:
    """The report of a practice chat: pending (not finished or being evaluated), ready or failed."""
    chat = _not_screening(_practice_chat(get_chat(user_id=user_id, chat_id=chat_id)))
    evaluation = chat.get("evaluation") or {"status": "pending"}
    return {"chat": chat, **evaluation, "questions": evaluation.get("questions", []),
            "overall": evaluation.get("overall")}


def retry_mistakes(*, user, chat_id: str) -> dict:
    """A new practice chat with the questions scored below 6 or not answered."""
    from interviews import practice

    chat = _not_screening(_practice_chat(get_chat(user_id=str(user.pk), chat_id=chat_id)))
    evaluation = chat.get("evaluation") or {}
    if evaluation.get("status") != "ready":
        raise ChatConflict(_("The report is not ready yet."))
    weak = practice.weak_question_ids(evaluation)
    if not weak:
        raise ChatConflict(_("No weak questions to retry: every question scored 6 or more."))
    questions = [q for q in chat["plan"]["questions"] if q["id"] in set(weak)]
    return practice.start_interview(user=user, title=(_("Retry: %(title)s") % {"title": chat["title"]})[:120],
                                    vacancy_id=chat.get("vacancy_id"), persona_id=chat.get("persona_id"),
                                    plan_questions=questions)


def rate_chat_persona(*, user, chat_id: str, rating: int, comment: str = "", allow_training: bool = False):
    from interviews.feedback import rate_persona
    from interviews.models import Persona

    chat = _not_screening(get_chat(user_id=str(user.pk), chat_id=chat_id))
    persona = Persona.objects.filter(pk=chat.get("persona_id")).first() if chat.get("persona_id") else None
    if persona is None:
        raise ChatConflict(_("This chat has no interviewer to rate."))
    return rate_persona(user=user, persona=persona, chat_id=str(chat["_id"]), rating=rating, comment=comment,
                        allow_training=allow_training)
