"""Chat and message endpoints (JSON, or SSE when the client asks for text/event-stream)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from accounts.tokens import AsyncJWTAuth
from interviews import answering, services
from interviews.errors import InvalidMessage, ReplyFailed
from interviews.feedback import COMMENT_MAX_CHARS
from interviews.serializers import chat_out, message_out
from onlyjobless.sse import sse_json, sse_response, sse_retry

IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._:-]{1,100}")

router = Router(tags=["chats"])


class ChatOut(Schema):
    id: str
    title: str
    kind: str
    vacancy_id: int | None
    persona_id: int | None
    status: str
    message_count: int
    last_message_preview: str
    question_count: int
    current_question: int
    current_question_text: str | None
    created_at: datetime
    updated_at: datetime


class MessageOut(Schema):
    id: str
    chat_id: str
    role: str
    kind: str
    content: str
    html: str
    status: str
    error: str | None
    question_id: str | None
    meta: dict
    created_at: datetime


class ChatPage(Schema):
    items: list[ChatOut]
    next_cursor: str | None


class MessagePage(Schema):
    items: list[MessageOut]
    next_before: str | None


class ChatCreateIn(Schema):
    title: str | None = Field(default=None, max_length=services.TITLE_MAX_CHARS)
    vacancy_id: int | None = None
    persona_id: int | None = None
    focus_skills: list[str] | None = Field(default=None, max_length=10)


class ChatUpdateIn(Schema):
    title: str = Field(max_length=500)


class MessageIn(Schema):
    content: Any  # checked by the service: text only, so nothing else reaches a query


class TurnOut(Schema):
    user_message: MessageOut | None
    assistant_message: MessageOut


def _user_id(request: HttpRequest) -> str:
    return str(request.auth.pk)


@router.get("/chats", response=ChatPage)
def list_chats(request: HttpRequest, limit: int = Query(20, ge=1, le=100), cursor: str | None = None):
    items, next_cursor = services.list_chats(user_id=_user_id(request), limit=limit, cursor=cursor)
    return {"items": [chat_out(chat) for chat in items], "next_cursor": next_cursor}


@router.post("/chats", response={201: ChatOut})
def create_chat(request: HttpRequest, payload: ChatCreateIn):
    chat = services.start_chat(user=request.auth, title=payload.title or "", vacancy_id=payload.vacancy_id,
                               persona_id=payload.persona_id, focus_skills=payload.focus_skills)
    return Status(201, chat_out(chat))


@router.delete("/chats", response={204: None})
def clear_chats(request: HttpRequest):
    """Delete every chat except those that belong to something else (a screening: its job application)."""
    services.delete_all_chats(user_id=_user_id(request))
    return Status(204, None)


@router.get("/chats/{chat_id}", response=ChatOut)
def get_chat(request: HttpRequest, chat_id: str):
    return chat_out(services.get_chat(user_id=_user_id(request), chat_id=chat_id))


@router.patch("/chats/{chat_id}", response=ChatOut)
def rename_chat(request: HttpRequest, chat_id: str, payload: ChatUpdateIn):
    return chat_out(services.rename_chat(user_id=_user_id(request), chat_id=chat_id, title=payload.title))


@router.delete("/chats/{chat_id}", response={204: None})
def delete_chat(request: HttpRequest, chat_id: str):
    """Delete a chat; one that belongs to something else (a screening: its job application) is a 409."""
    services.delete_chat(user_id=_user_id(request), chat_id=chat_id)
    return Status(204, None)


@router.get("/chats/{chat_id}/messages", response=MessagePage)
def list_messages(request: HttpRequest, chat_id: str, limit: int = Query(50, ge=1, le=100), before: str | None = None):
    items, next_before = services.list_messages(user_id=_user_id(request), chat_id=chat_id, limit=limit,
                                            before=before)
    return {"items": [message_out(m) for m in items], "next_before": next_before}


@router.post("/chats/{chat_id}/stop")
def stop(request: HttpRequest, chat_id: str):
    stopped = answering.request_stop(user_id=_user_id(request), chat_id=chat_id)
    return {"stopping": stopped}


# ---------------------------------------------------------------- answering (async: streams)

async def _sse_events(events: AsyncIterator[answering.StreamEvent], *, turn: answering.Turn | None = None
                      ) -> AsyncIterator[bytes]:
    yield sse_retry(answering.RECONNECT_MS)
    if turn is not None:
        if turn.user_message:
            yield sse_json("user", message_out(turn.user_message))
        # The reply's id, so a client that loses this stream can attach to the reply's own.
        yield sse_json("reply", message_out(turn.assistant_message))
    async for event in events:
        if event.kind == "token":
            yield sse_json("token", {"delta": event.delta}, event_id=event.offset)
        elif event.kind == "done":
            yield sse_json("done", message_out(event.message), event_id=event.offset)
        else:
            yield sse_json("error", {"detail": event.detail, "message": message_out(event.message)},
                           event_id=event.offset)


async def _answer(request: HttpRequest, turn: answering.Turn):
    events = answering.stream_reply(chat=turn.chat, message=turn.assistant_message)
    if "text/event-stream" in request.headers.get("Accept", ""):
        return sse_response(_sse_events(events, turn=turn))
    final = None
    async for event in events:
        if event.kind in ("done", "error"):
            final = event
    if final.kind == "error":
        # The user's message is saved; the failed reply can be retried.
        raise ReplyFailed(final.detail, message_id=str(final.message["_id"]))
    return Status(201, {"user_message": message_out(turn.user_message) if turn.user_message else None,
                        "assistant_message": message_out(final.message)})


def _idempotency_key(request: HttpRequest) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.fullmatch(key):
        raise InvalidMessage("Idempotency-Key: 1 to 100 letters, digits, '-', '_', '.' or ':'.")
    return key


@router.post("/chats/{chat_id}/messages", auth=AsyncJWTAuth(), response={201: TurnOut})
async def post_message(request: HttpRequest, chat_id: str, payload: MessageIn):
    turn = await answering.post_message(user_id=_user_id(request), chat_id=chat_id, content=payload.content,
                                    inline=True, idempotency_key=_idempotency_key(request))
    return await _answer(request, turn)


@router.get("/chats/{chat_id}/messages/{message_id}/stream", auth=AsyncJWTAuth())
async def stream(request: HttpRequest, chat_id: str, message_id: str):
    """A reply as SSE, from the character offset in `Last-Event-ID` (0 without): a reply being written
    continues to its end (from whichever process writes it); a finished one sends its `done` at once."""
    offset = answering.event_offset(request.headers.get("Last-Event-ID"))
    reply = await answering.find_reply(user_id=_user_id(request), chat_id=chat_id, message_id=message_id)
    events = answering.stream_reply(chat=reply.chat, message=reply.message, offset=offset)
    return sse_response(_sse_events(events))


@router.post("/chats/{chat_id}/messages/{message_id}/retry", auth=AsyncJWTAuth(), response={201: TurnOut})
async def retry(request: HttpRequest, chat_id: str, message_id: str):
    turn = await answering.retry_reply(user_id=_user_id(request), chat_id=chat_id, message_id=message_id, inline=True)
    return await _answer(request, turn)


async def _help(request: HttpRequest, chat_id: str, kind: str):
    turn = await answering.ask_for_help(user_id=_user_id(request), chat_id=chat_id, kind=kind)
    return await _answer(request, turn)


@router.post("/chats/{chat_id}/hint", auth=AsyncJWTAuth(), response={201: TurnOut})
async def hint(request: HttpRequest, chat_id: str):
    return await _help(request, chat_id, "hint")


@router.post("/chats/{chat_id}/model-answer", auth=AsyncJWTAuth(), response={201: TurnOut})
async def model_answer(request: HttpRequest, chat_id: str):
    return await _help(request, chat_id, "model_answer")


# ---------------------------------------------------------------- reports and feedback

class CoveredPoint(Schema):
    point: str
    quote: str


class ReportQuestion(Schema):
    id: str
    question: str
    topic: str
    answer: str
    score: int | None
    verdict: str
    feedback: str
    evidence: str
    ideal_answer: str
    used_hint: bool
    covered: list[CoveredPoint] = []
    missed: list[str] = []
    method: str = "rubric"
    model: str = ""
    abstained: str = ""
    offline_score: int | None = None
    score_range: list[int] | None = None


class ReportOut(Schema):
    status: str
    overall: float | None
    detail: str | None = None
    method: str | None = None
    models: list[str] = []
    answered_count: int | None = None
    question_count: int | None = None
    scored_count: int | None = None
    unanswered_count: int | None = None
    progress: dict | None = None
    questions: list[ReportQuestion]
    # A rehearsal's: what the employer's screening would compute {status, relevance_score, strengths,
    # rejection_reasons, skill_match, improve}.
    relevance: dict | None = None
    # A negotiation's: {low, high, currency, offer, counter, final, market, vacancy_range}.
    negotiation: dict | None = None


class FeedbackIn(Schema):
    rating: int = Field(ge=1, le=5)
    comment: str = Field(default="", max_length=COMMENT_MAX_CHARS)
    allow_training: bool = False


class FeedbackOut(Schema):
    id: int
    rating: int
    comment: str
    allow_training: bool
    persona_rating: float
    persona_ratings_count: int


@router.post("/chats/{chat_id}/finish", response={202: ReportOut})
def finish(request: HttpRequest, chat_id: str):
    chat = services.finish_interview(user=request.auth, chat_id=chat_id)
    # A kind with its own finish (a screening: the employer's assessment) has no report here.
    return Status(202, {**(chat.get("evaluation") or {"status": "pending"}), "overall": None, "questions": []})


@router.get("/chats/{chat_id}/report", response=ReportOut)
def get_report(request: HttpRequest, chat_id: str):
    result = services.report(user_id=_user_id(request), chat_id=chat_id)
    result.pop("chat")
    return result


@router.post("/chats/{chat_id}/retry-mistakes", response={201: ChatOut})
def retry_mistakes(request: HttpRequest, chat_id: str):
    chat = services.retry_mistakes(user=request.auth, chat_id=chat_id)
    return Status(201, chat_out(chat))


@router.post("/chats/{chat_id}/feedback", response={201: FeedbackOut})
def feedback(request: HttpRequest, chat_id: str, payload: FeedbackIn):
    item = services.rate_chat_persona(user=request.auth, chat_id=chat_id, **payload.dict())
    return Status(201, {"id": item.pk, "rating": item.rating, "comment": item.comment,
                        "allow_training": item.allow_training, "persona_rating": float(item.persona.rating),
                        "persona_ratings_count": item.persona.ratings_count})
