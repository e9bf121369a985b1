"""The only module that touches MongoDB: chats and messages as plain functions.

Clients are created lazily, one per process (sync for pages/tasks, async for streams).
Every filter is built here from typed arguments; request data never becomes a filter.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import threading
import time
import weakref
from datetime import UTC, datetime, timedelta

from bson import ObjectId
from bson.errors import InvalidId
from django.conf import settings
from django.utils.translation import gettext as _
from pymongo import ASCENDING, DESCENDING, AsyncMongoClient, MongoClient, ReturnDocument, UpdateOne
from pymongo.errors import DuplicateKeyError, PyMongoError
from pymongo.write_concern import WriteConcern

from onlyjobless.errors import Unavailable

_lock = threading.Lock()
_sync_client: MongoClient | None = None
# An async client belongs to the event loop it was created on (tests and async_to_sync
# run several loops), so there is one per loop; uvicorn has just one.
_async_clients: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class ChatsUnavailable(Unavailable):
    """MongoDB could not be reached or refused the operation; pages and the API answer it as any ServiceError."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(_("Chats are unavailable right now. Please try again in a minute."))
        self.reason = reason  # for the log: what the store said


def _or_unavailable(function):
    """Calls raise ChatsUnavailable, not PyMongo's errors: callers need not know pymongo."""

    if inspect.iscoroutinefunction(function):
        @functools.wraps(function)
        async def async_wrapper(*args, **kwargs):
            try:
                return await function(*args, **kwargs)
            except PyMongoError as error:
                raise ChatsUnavailable(str(error)) from error

        return async_wrapper

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except PyMongoError as error:
            raise ChatsUnavailable(str(error)) from error

    return wrapper


def _client_options() -> dict:
    return {
        "serverSelectionTimeoutMS": settings.MONGODB_TIMEOUT_MS,
        "connectTimeoutMS": settings.MONGODB_TIMEOUT_MS,
        "tz_aware": True,
        "uuidRepresentation": "standard",
    }


# The databases are private: every other module goes through the named functions below, so each
# query MongoDB sees is written (and indexed) here.
def _sync_db():
    global _sync_client
    if _sync_client is None:
        with _lock:
            if _sync_client is None:
                _sync_client = MongoClient(settings.MONGODB_URI, **_client_options())
    return _sync_client[settings.MONGODB_DB]


def _async_db():
    loop = asyncio.get_running_loop()
    client = _async_clients.get(loop)
    if client is None:
        client = _async_clients[loop] = AsyncMongoClient(settings.MONGODB_URI, **_client_options())
    return client[settings.MONGODB_DB]


def reset_clients() -> None:
    """Forget the clients (tests point settings at another server)."""
    global _sync_client
    if _sync_client is not None:
        _sync_client.close()
    _sync_client = None
    _async_clients.clear()


def durable_write_concern() -> WriteConcern:
    # A user's words must survive a crash right after we acknowledge them: journaled writes,
    # and majority when the URI names a replica set.
    if "replicaSet=" in settings.MONGODB_URI:
        return WriteConcern(w="majority", j=True)
    return WriteConcern(j=True)


INDEXES = {
    "chats": [
        [("user_id", ASCENDING), ("deleted_at", ASCENDING), ("updated_at", DESCENDING)],
        [("user_id", ASCENDING), ("created_at", DESCENDING)],
    ],
    "messages": [[("chat_id", ASCENDING), ("seq", ASCENDING)], [("chat_id", ASCENDING), ("_id", DESCENDING)],
                 [("user_id", ASCENDING)]],
}


def ensure_indexes() -> None:
    """Create the collections' indexes and number the messages of chats older than numbering (idempotent;
    run before serving: `manage.py ensure_indexes`, which `make run` and the image run at start)."""
    db = _sync_db()
    for collection, indexes in INDEXES.items():
        for keys in indexes:
            db[collection].create_index(keys)
    db.rate_limits.create_index("expires_at", expireAfterSeconds=0)
    db.idempotency.create_index("expires_at", expireAfterSeconds=0)
    number_messages()


@_or_unavailable
def number_messages() -> int:
    """Give every message of a chat made before per-chat sequence numbers its `seq` (in `_id` order, as
    they were shown) and the chat its `next_seq`; returns how many chats were numbered."""
    db = _sync_db()
    numbered = 0
    for chat in db.chats.find({"next_seq": None}, {"_id": 1}):
        ids = [message["_id"] for message in db.messages.find({"chat_id": chat["_id"]}, {"_id": 1}).sort("_id", ASCENDING)]
        if ids:
            db.messages.bulk_write([UpdateOne({"_id": message_id}, {"$set": {"seq": seq}})
                                    for seq, message_id in enumerate(ids, start=1)])
        db.chats.update_one({"_id": chat["_id"], "next_seq": None}, {"$set": {"next_seq": len(ids)}})
        numbered += 1
    return numbered


# Chat and message ids are MongoDB ObjectIds; other modules name the type and make new ones through
# these two, so bson stays behind this module like pymongo.
Id = ObjectId


def new_id() -> ObjectId:
    """A new id; ids made in one process increase, so messages sort by them in the order they were made."""
    return ObjectId()


def parse_id(value: str) -> ObjectId | None:
    """A path id → ObjectId, or None (the caller answers 404)."""
    try:
        return ObjectId(str(value))
    except (InvalidId, TypeError):
        return None


def ping(*, timeout_ms: int = 1000) -> bool:
    client = MongoClient(settings.MONGODB_URI, serverSelectionTimeoutMS=timeout_ms, connectTimeoutMS=timeout_ms)
    try:
        client.admin.command("ping")
        return True
    except Exception:
        return False
    finally:
        client.close()


@_or_unavailable
def delete_user_data(*, user_id: str) -> None:
    """Hard-delete every chat and message of a user (account deletion)."""
    db = _sync_db()
    wc = durable_write_concern()
    db.get_collection("messages", write_concern=wc).delete_many({"user_id": user_id})
    db.get_collection("chats", write_concern=wc).delete_many({"user_id": user_id})


# ---------------------------------------------------------------- chats

PREVIEW_CHARS = 140


def _now() -> datetime:
    return datetime.now(UTC)


def _chats(db, *, durable: bool = False):
    return db.get_collection("chats", write_concern=durable_write_concern()) if durable else db.chats


def _messages(db, *, durable: bool = False):
    return db.get_collection("messages", write_concern=durable_write_concern()) if durable else db.messages


def _owned(*, user_id: str, chat_id: ObjectId) -> dict:
    # The one ownership filter: another user's chat and a soft-deleted chat look the same (absent).
    return {"_id": chat_id, "user_id": user_id, "deleted_at": None}


def new_chat_document(
    *,
    user_id: str,
    title: str,
    kind: str,
    system_prompt: str,
    vacancy_id: int | None = None,
    persona_id: int | None = None,
    question_set_version: int | None = None,
    plan: dict | None = None,
    extra: dict | None = None,
) -> dict:
    now = _now()
    return {
        "_id": ObjectId(),
        "user_id": user_id,
        "title": title,
        "kind": kind,
        "vacancy_id": vacancy_id,
        "persona_id": persona_id,
        "question_set_version": question_set_version,
        # The prompt is snapshotted so answering never needs Postgres and a persona edit
        # doesn't change an interview half-way.
        "system_prompt": system_prompt,
        "plan": plan,
        "status": "active",
        "evaluation": None,
        "message_count": 0,
        # Messages are numbered 1, 2, … in their chat (`seq`); this is the last number given.
        "next_seq": 0,
        "last_message_preview": "",
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        **(extra or {}),
    }


@_or_unavailable
def insert_chat(chat: dict, *, greeting: dict | None = None) -> dict:
    """Save a new chat (and its first assistant message, if any); raises ChatsUnavailable when Mongo is down.

    The greeting goes first: a chat appears in the user's list only once both are saved (a greeting
    without its chat is never shown), so a failure in between never leaves an empty chat behind.
    """
    db = _sync_db()
    if greeting is not None:
        chat["message_count"] = 1
        chat["next_seq"] = greeting["seq"] = 1
        chat["last_message_preview"] = greeting["content"][:PREVIEW_CHARS]
        _messages(db, durable=True).insert_one(greeting)
    _chats(db, durable=True).insert_one(chat)
    return chat


@_or_unavailable
def discard_chat(*, chat_id: ObjectId) -> None:
    """Remove a chat that its caller could not link to anything (e.g. its application's save failed)."""
    db = _sync_db()
    _messages(db, durable=True).delete_many({"chat_id": chat_id})
    _chats(db, durable=True).delete_one({"_id": chat_id})


@_or_unavailable
def get_chat(*, user_id: str, chat_id: ObjectId) -> dict | None:
    return _sync_db().chats.find_one(_owned(user_id=user_id, chat_id=chat_id))


@_or_unavailable
def find_chat(*, chat_id: ObjectId, user_id: str, kind: str) -> dict | None:
    """A chat of this user and kind, even soft-deleted: for background work, and for callers that
    authorised the read another way (an employer reading the screening chat of an application to their
    vacancy names the application's candidate and `screening`, so no other chat can be read by its id)."""
    return _sync_db().chats.find_one({"_id": chat_id, "user_id": user_id, "kind": kind})


@_or_unavailable
def find_chat_for_work(*, chat_id: ObjectId) -> dict | None:
    """A chat by id alone, for background work that was queued for it (evaluation)."""
    return _sync_db().chats.find_one({"_id": chat_id})


async def aget_chat(*, user_id: str, chat_id: ObjectId) -> dict | None:
    return await _async_db().chats.find_one(_owned(user_id=user_id, chat_id=chat_id))


@_or_unavailable
def list_chats(*, user_id: str, limit: int, after: tuple[datetime, ObjectId] | None = None) -> list[dict]:
    """Newest activity first; `after` is the (updated_at, _id) of the last chat of the previous page."""
    query: dict = {"user_id": user_id, "deleted_at": None}
    if after is not None:
        updated_at, last_id = after
        query["$or"] = [{"updated_at": {"$lt": updated_at}}, {"updated_at": updated_at, "_id": {"$lt": last_id}}]
    # The plan's question ids stay (the list shows "2/8 questions"); their long texts don't travel.
    projection = {"system_prompt": 0, "evaluation": 0, "plan.questions.text": 0, "plan.questions.ideal_answer": 0}
    cursor = _sync_db().chats.find(query, projection)
    return list(cursor.sort([("updated_at", DESCENDING), ("_id", DESCENDING)]).limit(limit))


@_or_unavailable
def count_chats_created_since(*, user_id: str, since: datetime) -> int:
    # Deleted chats count too, so deleting doesn't reset the daily allowance.
    return _sync_db().chats.count_documents({"user_id": user_id, "created_at": {"$gte": since}})


@_or_unavailable
def count_all_chats(*, timeout_ms: int = 1000) -> int:
    """Chats of every user, not deleted (the operator's overview); answers within about `timeout_ms`."""
    return _sync_db().chats.count_documents({"deleted_at": None}, maxTimeMS=timeout_ms)


@_or_unavailable
def chat_creation_times_since(*, user_id: str, since: datetime) -> list[datetime]:
    """When the user's chats created since `since` were created, oldest first (deleted ones too, as the
    daily allowance counts them): the allowance page says when the oldest frees a place."""
    cursor = _sync_db().chats.find({"user_id": user_id, "created_at": {"$gte": since}}, {"created_at": 1, "_id": 0})
    return sorted(found["created_at"] for found in cursor)


@_or_unavailable
def update_chat(*, user_id: str, chat_id: ObjectId, changes: dict) -> dict | None:
    """Set fields on an owned chat; returns the updated chat or None when absent."""
    return _chats(_sync_db(), durable=True).find_one_and_update(
        _owned(user_id=user_id, chat_id=chat_id),
        {"$set": {**changes, "updated_at": _now()}},
        return_document=ReturnDocument.AFTER,
    )


@_or_unavailable
def claim_evaluation(*, user_id: str, chat_id: ObjectId, total: int, stale_s: float) -> dict | None:
    """Finish an owned chat and mark its evaluation queued, unless one is queued already (and not
    older than `stale_s`, when its job is taken as lost) or done. Returns the chat when this caller
    should queue the job, else None: one atomic update, so two Finish presses queue one job."""
    now = _now()
    claimable = {"$or": [{"status": {"$ne": "finished"}}, {"evaluation": None}, {"evaluation.status": "failed"},
                         {"evaluation.status": "pending", "evaluation.queued_at": {"$lt": now - timedelta(seconds=stale_s)}},
                         {"evaluation.status": "pending", "evaluation.queued_at": None}]}
    return _chats(_sync_db(), durable=True).find_one_and_update(
        {**_owned(user_id=user_id, chat_id=chat_id), **claimable},
        {"$set": {"status": "finished", "updated_at": now,
                  "evaluation": {"status": "pending", "queued_at": now, "progress": {"done": 0, "total": total}}}},
        return_document=ReturnDocument.AFTER,
    )


@_or_unavailable
def set_chat_fields(*, chat_id: ObjectId, changes: dict) -> None:
    """Background work (evaluation) records results without bumping the chat's activity time."""
    _chats(_sync_db(), durable=True).update_one({"_id": chat_id}, {"$set": changes})


@_or_unavailable
def soft_delete_chat(*, user_id: str, chat_id: ObjectId) -> bool:
    result = _chats(_sync_db(), durable=True).update_one(
        _owned(user_id=user_id, chat_id=chat_id), {"$set": {"deleted_at": _now()}}
    )
    return result.matched_count == 1


@_or_unavailable
def soft_delete_all(*, user_id: str, keep_kinds: list[str]) -> int:
    """Soft-delete the user's chats except those of `keep_kinds`; returns how many."""
    result = _chats(_sync_db(), durable=True).update_many(
        {"user_id": user_id, "deleted_at": None, "kind": {"$nin": list(keep_kinds)}}, {"$set": {"deleted_at": _now()}}
    )
    return result.modified_count


async def aclaim_turn(*, user_id: str, chat_id: ObjectId, preview: str) -> dict | None:
    """Ownership check, activity bump, plan advance and the turn's two message numbers in one round trip:
    the chat after (its `next_seq` is the reply's number, the answer's is one less), or None (404).

    An answer moves `plan.current` to the next planned question; the app, not the model, advances it.
    A finished chat is returned unchanged, for the caller to refuse.
    """
    changes: dict = {"updated_at": _now(), "last_message_preview": preview[:PREVIEW_CHARS]}
    return await _chats(_async_db()).find_one_and_update(
        {**_owned(user_id=user_id, chat_id=chat_id), "status": {"$ne": "finished"}},
        {"$set": changes, "$inc": {"message_count": 2, "plan.current": 1, "next_seq": 2}},
        projection={"evaluation": 0},
        return_document=ReturnDocument.AFTER,
    )


@_or_unavailable
async def aset_follow_up(*, chat_id: ObjectId, question_id: str, point: str, current: int) -> dict | None:
    """Record a follow-up probe for `question_id` and step `plan.current` back to it, so the next answer
    counts toward the same question; only while the plan is where the caller saw it (`current`) and no
    follow-up was asked for it yet. The chat after, or None when something moved meanwhile."""
    return await _chats(_async_db()).find_one_and_update(
        {"_id": chat_id, "plan.current": current, f"plan.follow_ups.{question_id}": {"$exists": False}},
        {"$set": {f"plan.follow_ups.{question_id}": point}, "$inc": {"plan.current": -1}},
        projection={"evaluation": 0}, return_document=ReturnDocument.AFTER)


# ---------------------------------------------------------------- messages

def new_message(
    *,
    chat_id: ObjectId,
    user_id: str,
    role: str,
    kind: str,
    content: str,
    status: str = "complete",
    question_id: str | None = None,
    draft: str = "",
) -> dict:
    """A message document. `draft` is the app's own text for a reply it writes (a question, a hint):
    kept on the message, so a retry writes the same."""
    return {
        "_id": ObjectId(),
        "chat_id": chat_id,
        "user_id": user_id,
        "role": role,
        "kind": kind,
        "content": content,
        "status": status,
        "question_id": question_id,
        "meta": {},
        "draft": draft,
        "created_at": _now(),
    }


def _unnumbered(messages: list[dict]) -> dict[ObjectId, list[dict]]:
    by_chat: dict[ObjectId, list[dict]] = {}
    for message in messages:
        if "seq" not in message:
            by_chat.setdefault(message["chat_id"], []).append(message)
    return by_chat


def _number(messages: list[dict], last: dict | None) -> None:
    if last is not None and last.get("next_seq") is not None:
        for seq, message in enumerate(messages, start=last["next_seq"] - len(messages) + 1):
            message["seq"] = seq


async def ainsert_messages(messages: list[dict]) -> None:
    """One journaled round trip for a turn's messages (the user's words must not be lost); messages
    without a `seq` get the next numbers of their chat first (a turn's come from `aclaim_turn`)."""
    for chat_id, unnumbered in _unnumbered(messages).items():
        _number(unnumbered, await _chats(_async_db()).find_one_and_update(
            {"_id": chat_id}, {"$inc": {"next_seq": len(unnumbered)}}, projection={"next_seq": 1},
            return_document=ReturnDocument.AFTER))
    await _messages(_async_db(), durable=True).insert_many(messages, ordered=True)


@_or_unavailable
def insert_messages(messages: list[dict]) -> None:
    for chat_id, unnumbered in _unnumbered(messages).items():
        _number(unnumbered, _chats(_sync_db()).find_one_and_update(
            {"_id": chat_id}, {"$inc": {"next_seq": len(unnumbered)}}, projection={"next_seq": 1},
            return_document=ReturnDocument.AFTER))
    _messages(_sync_db(), durable=True).insert_many(messages, ordered=True)


def _seq_range(chat_id: ObjectId, *, below: int, limit: int) -> dict:
    # Bounded on both sides: SecantusDB reads the whole chat's keys for a one-sided range, even with a
    # limit; a two-sided range on (chat_id, seq) reads `limit` keys whatever the chat's size.
    return {"chat_id": chat_id, "seq": {"$gte": max(below - limit, 1), "$lt": below}}


def _before_id(chat_id: ObjectId, before: ObjectId | None) -> dict:
    # A chat not numbered yet (ensure_indexes numbers them at start): by _id, reading its whole index.
    return {"chat_id": chat_id, **({"_id": {"$lt": before}} if before is not None else {})}


@_or_unavailable
def list_messages(*, chat_id: ObjectId, limit: int, before: ObjectId | None = None,
                  chat: dict | None = None) -> list[dict]:
    """Up to `limit` messages older than `before` (else the newest), oldest → newest: one find on a
    range of message numbers, after a read of `before`'s number (or of the chat, unless given)."""
    db = _sync_db()
    if before is not None:
        below = (db.messages.find_one({"_id": before, "chat_id": chat_id}, {"seq": 1}) or {}).get("seq")
    else:
        chat = chat or db.chats.find_one({"_id": chat_id}, {"next_seq": 1}) or {}
        below = chat["next_seq"] + 1 if chat.get("next_seq") is not None else None
    if below is None:
        newest_first = list(db.messages.find(_before_id(chat_id, before)).sort("_id", DESCENDING).limit(limit))
        return newest_first[::-1]
    return list(db.messages.find(_seq_range(chat_id, below=below, limit=limit)).sort("seq", ASCENDING))


_HISTORY_FIELDS = {"role": 1, "kind": 1, "content": 1, "status": 1, "question_id": 1}


async def alist_recent_messages(*, chat_id: ObjectId, limit: int, before: dict) -> list[dict]:
    """The newest `limit` messages before the message `before`, oldest → newest (the prompt's history)."""
    if before.get("seq") is None:
        cursor = _async_db().messages.find(_before_id(chat_id, before["_id"]), _HISTORY_FIELDS)
        newest_first = await cursor.sort("_id", DESCENDING).limit(limit).to_list()
        return newest_first[::-1]
    cursor = _async_db().messages.find(_seq_range(chat_id, below=before["seq"], limit=limit), _HISTORY_FIELDS)
    return await cursor.sort("seq", ASCENDING).to_list()


@_or_unavailable
def get_message(*, chat_id: ObjectId, message_id: ObjectId) -> dict | None:
    return _sync_db().messages.find_one({"_id": message_id, "chat_id": chat_id})


async def aget_message(*, chat_id: ObjectId, message_id: ObjectId) -> dict | None:
    return await _async_db().messages.find_one({"_id": message_id, "chat_id": chat_id})


@_or_unavailable
async def asave_partial(*, message_id: ObjectId, content: str) -> None:
    """The text so far of a reply being written, about once a second (never per token); it doubles as
    the writer's heartbeat: a reply whose heartbeat stops is taken as abandoned (`reply_abandoned`)."""
    await _messages(_async_db()).update_one({"_id": message_id, "status": "streaming"},
                                           {"$set": {"content": content, "stream_claimed_at": _now()}})


# _MESSAGES_UPDATE: messages change through update_one (then a find when the caller needs the message),
# never find_one_and_update: SecantusDB's findAndModify reads the whole collection when it changes a
# document (~0.5 s at 10,000 messages, measured), its update by _id one document.

# A reply's writer saves its text about once a second; one silent for the LLM's own timeout and this
# grace beyond it is taken as dead (its process died, its final save failed, no client ever came).
ABANDONED_GRACE_S = 30


def _abandoned_after_s() -> float:
    return settings.LLM_TIMEOUT_S + ABANDONED_GRACE_S


def reply_abandoned(message: dict) -> bool:
    """A `streaming` reply nobody has written for a while, counted from its writer's last heartbeat,
    else from when it was put to streaming (created, or reset by a retry)."""
    if message.get("status") != "streaming":
        return False
    since = message.get("stream_claimed_at") or message.get("streaming_since") or message.get("created_at")
    return since is not None and (_now() - since).total_seconds() > _abandoned_after_s()


def _fail_abandoned(message: dict) -> tuple[dict, dict]:
    # The reply as it was read abandoned: unchanged since (no heartbeat, no retry). Equality, not an
    # $or of age conditions, which SecantusDB answers by reading every message.
    query = {"_id": message["_id"], "status": "streaming", "stream_claimed_at": message.get("stream_claimed_at"),
             "streaming_since": message.get("streaming_since")}
    error = _("This reply was interrupted before it was finished. Retry to write it again.")
    return query, {"$set": {"status": "failed", "error": error}}


@_or_unavailable
def settle_reply(message: dict) -> dict:
    """`message` as it should be shown: an abandoned reply is marked failed first, keeping the text it
    saved, so Retry works (one conditional update, so its writer coming back in between wins)."""
    if not reply_abandoned(message):
        return message
    query, update = _fail_abandoned(message)
    messages = _messages(_sync_db(), durable=True)
    messages.update_one(query, update)  # see _MESSAGES_UPDATE
    return messages.find_one({"_id": message["_id"]}) or message


@_or_unavailable
async def asettle_reply(message: dict) -> dict:
    if not reply_abandoned(message):
        return message
    query, update = _fail_abandoned(message)
    messages = _messages(_async_db(), durable=True)
    await messages.update_one(query, update)  # see _MESSAGES_UPDATE
    return await messages.find_one({"_id": message["_id"]}) or message


@_or_unavailable
async def afinish_message(*, message_id: ObjectId, content: str, status: str, meta: dict, error: str | None = None) -> None:
    """The single save of a streamed reply: final text, status and usage."""
    await _messages(_async_db(), durable=True).update_one(
        {"_id": message_id},
        {"$set": {"content": content, "status": status, "meta": meta, "error": error}, "$unset": {"stop_requested": ""}},
    )


# ---------------------------------------------------------------- claims every process sees

async def aclaim_idempotency_key(*, user_id: str, key: str, chat_id: ObjectId, answer_id: ObjectId,
                                 reply_id: ObjectId, ttl_s: float) -> dict | None:
    """Record that `key` makes this answer: None for the first request with it, else the first one's
    record ({chat_id, answer_id, reply_id}), so a repeated request returns that turn instead of a second.
    An expired record (TTL indexes sweep only once a minute) is replaced."""
    now = _now()
    record = {"chat_id": chat_id, "answer_id": answer_id, "reply_id": reply_id,
              "expires_at": now + timedelta(seconds=ttl_s)}
    keys = _async_db().idempotency
    try:
        await keys.insert_one({"_id": f"{user_id}:{key}", **record})
        return None
    except DuplicateKeyError:
        first = await keys.find_one({"_id": f"{user_id}:{key}"})
    if first is None or first["expires_at"] < now:
        await keys.replace_one({"_id": f"{user_id}:{key}"}, record, upsert=True)
        return None
    return first


async def arelease_idempotency_key(*, user_id: str, key: str, answer_id: ObjectId) -> None:
    """The request that claimed `key` failed before saving: a retry with it may try again."""
    await _async_db().idempotency.delete_one({"_id": f"{user_id}:{key}", "answer_id": answer_id})


async def aclaim_user_reply(*, user_id: str, message_id: ObjectId, ttl_s: float) -> bool:
    """Claim the user's one reply-in-progress for `message_id`: True for exactly one caller across
    every process until it is released or `ttl_s` passes (a crashed process frees it that way).

    An insert on a fixed `_id` is atomic in MongoDB, so 20 parallel posts get one True.
    """
    now = _now()
    key = f"reply:{user_id}"
    claim = {"message_id": message_id, "expires_at": datetime.fromtimestamp(now.timestamp() + ttl_s, UTC)}
    claims = _async_db().claims
    try:
        await claims.insert_one({"_id": key, **claim})
        return True
    except DuplicateKeyError:
        held = await claims.find_one({"_id": key})
    if held is None:  # released meanwhile: the next try claims it
        return False
    if held["expires_at"] >= now:
        # Not expired, but its reply may have ended without releasing it (the store went down at its
        # final save): then it is free, or the user could not retry for the claim's whole TTL.
        holder = await _async_db().messages.find_one(
            {"_id": held["message_id"]}, {"status": 1, "stream_claimed_at": 1, "streaming_since": 1, "created_at": 1})
        if holder is None or (holder["status"] == "streaming" and not reply_abandoned(holder)):
            return False  # still being written (or not saved yet by the request that claimed it)
    taken = await claims.find_one_and_update({"_id": key, "message_id": held["message_id"]}, {"$set": claim})
    return taken is not None


async def arelease_user_reply(*, user_id: str, message_id: ObjectId) -> None:
    await _async_db().claims.delete_one({"_id": f"reply:{user_id}", "message_id": message_id})


async def aclaim_stream(*, message_id: ObjectId, ttl_s: float) -> bool:
    """Claim the writing of a `streaming` reply: one generation per message, whatever the number of
    connections or processes; a claim older than `ttl_s` (its writer died) can be taken over."""
    now = _now()
    stale = datetime.fromtimestamp(now.timestamp() - ttl_s, UTC)
    taken = await _messages(_async_db()).update_one(
        {"_id": message_id, "status": "streaming",
         # Unclaimed or stale, without an $or (SecantusDB reads every message for one beside an _id).
         "stream_claimed_at": {"$not": {"$gte": stale}}},
        {"$set": {"stream_claimed_at": now}})
    return taken.modified_count == 1


async def areset_message_for_retry(*, chat_id: ObjectId, message_id: ObjectId, claimed: bool = False) -> dict | None:
    """A failed, stopped or interrupted reply goes back to streaming, empty; returns it, or None if not retryable."""
    messages = _messages(_async_db(), durable=True)
    reset = await messages.update_one(  # see _MESSAGES_UPDATE
        {"_id": message_id, "chat_id": chat_id, "role": "assistant", "status": {"$in": ["failed", "stopped", "interrupted"]}},
        {"$set": {"content": "", "status": "streaming", "error": None, "meta": {}, "streaming_since": _now(),
                  "stream_claimed_at": _now() if claimed else None}},
    )
    return await messages.find_one({"_id": message_id}) if reset.modified_count else None


@_or_unavailable
def request_stop(*, chat_id: ObjectId) -> list[ObjectId]:
    """Flag the chat's streaming replies to stop (seen by whichever process streams them)."""
    db = _sync_db()
    ids = [m["_id"] for m in db.messages.find({"chat_id": chat_id, "status": "streaming"}, {"_id": 1})]
    if ids:
        db.messages.update_many({"_id": {"$in": ids}}, {"$set": {"stop_requested": True}})
    return ids


async def astop_requested(*, message_ids: list[ObjectId]) -> list[ObjectId]:
    """Which of these messages were flagged to stop (one read for all of a process's streams)."""
    cursor = _async_db().messages.find({"_id": {"$in": message_ids}, "stop_requested": True}, {"_id": 1})
    return [found["_id"] async for found in cursor]


@_or_unavailable
def chat_messages_for_report(*, chat_id: ObjectId) -> list[dict]:
    """Every message of a chat in order, with no user filter (evaluation and screening assessment read a
    whole interview once; an employer reads a screening transcript, authorised by the application)."""
    return list(_sync_db().messages.find({"chat_id": chat_id}).sort("_id", ASCENDING))


# ---------------------------------------------------------------- limits

async def ahit_rate_limit(*, key: str, window_s: int) -> tuple[int, int]:
    """Count one hit in the current fixed window; returns (hits so far, seconds until the window ends).

    One round trip, shared by every process; expired windows are removed by a TTL index.
    """
    now = time.time()
    window_start = int(now // window_s) * window_s
    doc = None
    # Two first hits of a window race to insert it: the loser (DuplicateKeyError on MongoDB, no
    # document on SecantusDB) finds it inserted on the next try and counts there.
    for _attempt in range(3):
        try:
            doc = await _async_db().rate_limits.find_one_and_update(
                {"_id": f"{key}:{window_start}"},
                {"$inc": {"hits": 1},
                 "$setOnInsert": {"expires_at": datetime.fromtimestamp(window_start + window_s, UTC)}},
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:
            continue
        if doc is not None:
            break
    if doc is None:
        raise ChatsUnavailable("the rate limit window could not be counted")
    return doc["hits"], max(1, int(window_start + window_s - now + 0.999))


async def acount_hint(*, chat_id: ObjectId, question_id: str) -> int:
    """Count one more hint for a question (and mark it as helped); returns how many it has had."""
    chat = await _chats(_async_db()).find_one_and_update(
        {"_id": chat_id},
        {"$inc": {f"plan.hints.{question_id}": 1}, "$addToSet": {"plan.hints_used": question_id},
         "$set": {"updated_at": _now()}},
        projection={f"plan.hints.{question_id}": 1},
        return_document=ReturnDocument.AFTER,
    )
    return ((chat or {}).get("plan") or {}).get("hints", {}).get(question_id, 1)


async def amark_model_answer_used(*, chat_id: ObjectId, question_id: str) -> None:
    await _chats(_async_db()).update_one({"_id": chat_id}, {"$addToSet": {"plan.model_answers_used": question_id},
                                                          "$set": {"updated_at": _now()}})


@_or_unavailable
def list_evaluated_chats(*, user_id: str, kind: str, limit: int) -> list[dict]:
    """The user's chats of one kind with a ready report, newest activity first, without their prompt and
    plan (a candidate picking practice reports to share with an application). Served by the
    (user_id, deleted_at, updated_at) index; kind and report status filter what it walks."""
    query = {"user_id": user_id, "deleted_at": None, "kind": kind, "evaluation.status": "ready"}
    cursor = _sync_db().chats.find(query, {"system_prompt": 0, "plan": 0})
    return list(cursor.sort([("updated_at", DESCENDING), ("_id", DESCENDING)]).limit(limit))
