"""The claims that keep one reply per user and one generation per reply, in the shared store."""

import pytest
from asgiref.sync import async_to_sync
from bson import ObjectId

from interviews import answering, chats, services
from interviews.errors import LimitExceeded


def test_a_users_reply_claim_is_exclusive_until_released(mongodb_server):
    first, second = ObjectId(), ObjectId()
    claim = async_to_sync(chats.aclaim_user_reply)
    assert claim(user_id="u1", message_id=first, ttl_s=60) is True
    assert claim(user_id="u1", message_id=second, ttl_s=60) is False
    assert claim(user_id="u2", message_id=second, ttl_s=60) is True  # per user
    async_to_sync(chats.arelease_user_reply)(user_id="u1", message_id=second)  # not the holder: no effect
    assert claim(user_id="u1", message_id=second, ttl_s=60) is False
    async_to_sync(chats.arelease_user_reply)(user_id="u1", message_id=first)
    assert claim(user_id="u1", message_id=second, ttl_s=60) is True


def test_an_expired_claim_is_taken_over(mongodb_server):
    """A process that died mid-reply never releases: its claim runs out instead."""
    claim = async_to_sync(chats.aclaim_user_reply)
    assert claim(user_id="u1", message_id=ObjectId(), ttl_s=-1) is True
    assert claim(user_id="u1", message_id=ObjectId(), ttl_s=60) is True
    assert claim(user_id="u1", message_id=ObjectId(), ttl_s=60) is False


def _pending_reply(user) -> dict:
    chat = services.create_free_chat(user_id=str(user.pk), title="Claims")
    return async_to_sync(answering.post_message)(user_id=str(user.pk), chat_id=str(chat["_id"]), content="Hi")


def test_a_reply_is_generated_by_one_stream_and_a_stale_claim_is_taken_over(db, user, mongo_db):
    turn = _pending_reply(user)
    claim = async_to_sync(chats.aclaim_stream)
    message_id = turn.assistant_message["_id"]
    assert claim(message_id=message_id, ttl_s=60) is True
    assert claim(message_id=message_id, ttl_s=60) is False
    assert claim(message_id=message_id, ttl_s=-1) is True  # the writer stopped writing: taken over
    mongo_db.messages.update_one({"_id": message_id}, {"$set": {"status": "complete"}})
    assert claim(message_id=message_id, ttl_s=-1) is False  # a finished reply is never generated again


def test_a_second_connection_gets_the_saved_reply_not_a_second_generation(db, user, fake_ollama, settings, mongo_db):
    settings.LLM_TIMEOUT_S = 5
    turn = _pending_reply(user)
    assert async_to_sync(chats.aclaim_stream)(message_id=turn.assistant_message["_id"], ttl_s=60)
    mongo_db.messages.update_one({"_id": turn.assistant_message["_id"]},
                                 {"$set": {"status": "failed", "error": "The model went away."}})

    async def events():
        return [event async for event in answering.stream_reply(chat=turn.chat, message=turn.assistant_message)]

    (event,) = async_to_sync(events)()
    assert event.kind == "error" and event.detail == "The model went away."
    assert fake_ollama.chat_requests == []


def test_connections_to_live_replies_are_rate_limited(db, user, settings):
    settings.STREAMS_PER_MINUTE = 2
    turn = _pending_reply(user)
    find = async_to_sync(answering.find_reply)
    arguments = {"user_id": str(user.pk), "chat_id": str(turn.chat["_id"]),
                 "message_id": str(turn.assistant_message["_id"])}
    find(**arguments)
    find(**arguments)
    with pytest.raises(LimitExceeded) as refused:
        find(**arguments)
    assert refused.value.status == 429 and refused.value.retry_after >= 1
