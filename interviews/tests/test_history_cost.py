"""A chat's pages and a reply's prompt history cost the same in a chat of any size: each is one find on
a two-sided range of message numbers, which reads at most limit + 1 index keys (measured with explain)."""

import asyncio

import pytest
from bson import ObjectId
from pymongo import monitoring

from interviews import chats, prompts, services
from interviews.views import PAGE_SIZE

pytestmark = pytest.mark.django_db(transaction=True)


class Commands(monitoring.CommandListener):
    def __init__(self):
        self.seen = []

    def started(self, event):
        self.seen.append((event.command_name, event.command))

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass

    def finds(self, collection):
        return [command for name, command in self.seen if name == "find" and command["find"] == collection]


@pytest.fixture
def commands(monkeypatch):
    listener = Commands()
    original = chats._client_options
    monkeypatch.setattr(chats, "_client_options", lambda: {**original(), "event_listeners": [listener]})
    chats.reset_clients()
    yield listener
    chats.reset_clients()


def keys_examined(mongo_db, command) -> int:
    query = {key: command[key] for key in ("find", "filter", "sort", "limit", "projection") if key in command}
    explained = mongo_db.command("explain", query, verbosity="executionStats")
    return explained["executionStats"]["totalKeysExamined"]


def chat_of(user, n: int) -> dict:
    chat = services.create_free_chat(user_id=str(user.pk), title=f"{n} messages")
    messages = [chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role=("user", "assistant")[i % 2],
                                  kind=("answer", "reply")[i % 2], content=f"message {i}") for i in range(n - 1)]
    chats.insert_messages(messages)
    return chat


@pytest.mark.parametrize("size", [100, 2000])
def test_a_page_reads_at_most_limit_plus_one_keys_at_any_size(user, mongo_db, commands, size):
    chat = chat_of(user, size)
    commands.seen.clear()
    read, items, before = services.chat_page(user_id=str(user.pk), chat_id=str(chat["_id"]), limit=PAGE_SIZE)
    assert [m["content"] for m in items] == [f"message {i}" for i in range(size - 1 - PAGE_SIZE, size - 1)]
    assert len(commands.finds("chats")) == 1  # the chat is read once: its owner and its last number
    [page] = commands.finds("messages")
    assert keys_examined(mongo_db, page) <= PAGE_SIZE + 1

    commands.seen.clear()
    _, older, _ = services.chat_page(user_id=str(user.pk), chat_id=str(chat["_id"]), limit=PAGE_SIZE, before=before)
    assert older[-1]["content"] == f"message {size - 2 - PAGE_SIZE}" and len(older) == PAGE_SIZE
    assert max(keys_examined(mongo_db, command) for command in commands.finds("messages")) <= PAGE_SIZE + 1


async def test_a_prompt_history_reads_at_most_limit_keys_at_any_size(user, mongo_db, commands):
    from asgiref.sync import sync_to_async

    chat = await sync_to_async(chat_of)(user, 1500)
    reply = (await sync_to_async(chats.list_messages)(chat_id=chat["_id"], limit=1))[0]
    commands.seen.clear()
    history = await chats.alist_recent_messages(chat_id=chat["_id"], limit=prompts.HISTORY_LIMIT, before=reply)
    assert [m["content"] for m in history][-1] == "message 1497" and len(history) == prompts.HISTORY_LIMIT
    [find] = commands.finds("messages")
    assert await asyncio.to_thread(keys_examined, mongo_db, find) <= prompts.HISTORY_LIMIT + 1


def test_chats_from_before_numbering_are_numbered_at_start_and_keep_their_order(user, mongo_db):
    chat = services.create_free_chat(user_id=str(user.pk), title="Old")
    mongo_db.chats.update_one({"_id": chat["_id"]}, {"$unset": {"next_seq": ""}})
    old = [{**chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role="user", kind="answer",
                                content=f"old {i}"), "_id": ObjectId()} for i in range(5)]
    mongo_db.messages.update_many({"chat_id": chat["_id"]}, {"$unset": {"seq": ""}})
    mongo_db.messages.insert_many(old)
    # Unnumbered, the chat still reads (by _id) …
    _, items, _ = services.chat_page(user_id=str(user.pk), chat_id=str(chat["_id"]), limit=3)
    assert [m["content"] for m in items] == ["old 2", "old 3", "old 4"]

    chats.ensure_indexes()  # … and once numbered, in the same order, new messages follow it
    assert [m["seq"] for m in mongo_db.messages.find({"chat_id": chat["_id"]}).sort("_id", 1)] == [1, 2, 3, 4, 5, 6]
    chats.insert_messages([chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role="user",
                                             kind="answer", content="new")])
    _, items, before = services.chat_page(user_id=str(user.pk), chat_id=str(chat["_id"]), limit=3)
    assert [m["content"] for m in items] == ["old 3", "old 4", "new"]
    _, items, before = services.chat_page(user_id=str(user.pk), chat_id=str(chat["_id"]), limit=3, before=before)
    assert [m["content"] for m in items] == ["old 0", "old 1", "old 2"] and before is not None
    _, items, before = services.chat_page(user_id=str(user.pk), chat_id=str(chat["_id"]), limit=3, before=before)
    assert [m["kind"] for m in items] == ["greeting"] and before is None
