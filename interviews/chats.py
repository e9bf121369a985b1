"""The only module that touches MongoDB: chats and messages as plain functions.

Clients are created lazily, one per process (sync for pages/tasks, async for streams).
Every filter is built here from typed arguments; request data never becomes a filter.
"""

from __future__ import annotations

import threading

from bson import ObjectId
from bson.errors import InvalidId
from django.conf import settings
from pymongo import ASCENDING, DESCENDING, AsyncMongoClient, MongoClient
from pymongo.write_concern import WriteConcern

_lock = threading.Lock()
_sync_client: MongoClient | None = None
_async_client: AsyncMongoClient | None = None


class ChatsUnavailable(Exception):
    """MongoDB could not be reached."""


def _client_options() -> dict:
    return {
        "serverSelectionTimeoutMS": settings.MONGODB_TIMEOUT_MS,
        "connectTimeoutMS": settings.MONGODB_TIMEOUT_MS,
        "tz_aware": True,
        "uuidRepresentation": "standard",
    }


def sync_db():
    global _sync_client
    if _sync_client is None:
        with _lock:
            if _sync_client is None:
                _sync_client = MongoClient(settings.MONGODB_URI, **_client_options())
    return _sync_client[settings.MONGODB_DB]


def async_db():
    global _async_client
    if _async_client is None:
        _async_client = AsyncMongoClient(settings.MONGODB_URI, **_client_options())
    return _async_client[settings.MONGODB_DB]


def reset_clients() -> None:
    """Forget the clients (tests point settings at another server)."""
    global _sync_client, _async_client
    if _sync_client is not None:
        _sync_client.close()
    _sync_client = None
    _async_client = None


def durable_write_concern() -> WriteConcern:
    # A user's words must survive a crash right after we acknowledge them: journaled writes,
    # and majority when the URI names a replica set.
    if "replicaSet=" in settings.MONGODB_URI:
        return WriteConcern(w="majority", j=True)
    return WriteConcern(j=True)


INDEXES = {
    "chats": [[("user_id", ASCENDING), ("deleted_at", ASCENDING), ("updated_at", DESCENDING)]],
    "messages": [[("chat_id", ASCENDING), ("_id", DESCENDING)]],
}


def ensure_indexes() -> None:
    """Create the collections' indexes (idempotent)."""
    db = sync_db()
    for collection, indexes in INDEXES.items():
        for keys in indexes:
            db[collection].create_index(keys)


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


def delete_user_data(*, user_id: str) -> None:
    """Hard-delete every chat and message of a user (account deletion)."""
    db = sync_db()
    wc = durable_write_concern()
    db.get_collection("messages", write_concern=wc).delete_many({"user_id": user_id})
    db.get_collection("chats", write_concern=wc).delete_many({"user_id": user_id})
