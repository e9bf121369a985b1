"""The chat store (an on-disk SecantusDB, as `make run` keeps it) killed with SIGKILL mid-reply and at
the reply's final save: the stream still ends, the user's answer is never lost, and once the store is
back the reply is shown as failed with the text it saved, and Retry writes it."""

import signal
import subprocess
import time

import pytest
from asgiref.sync import sync_to_async
from pymongo import MongoClient

from conftest import _secantus_command, free_port
from interviews import answering, chats, replies, services

pytestmark = pytest.mark.django_db(transaction=True)


class DiskStore:
    def __init__(self, path):
        self.port, self.path = free_port(), path
        self.uri = f"mongodb://127.0.0.1:{self.port}/?directConnection=true"
        self.process = None

    def start(self) -> None:
        command = _secantus_command(self.port)
        command[command.index(":memory:")] = str(self.path)
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = MongoClient(self.uri, serverSelectionTimeoutMS=300)
        deadline = time.monotonic() + 30
        try:
            while True:
                try:
                    client.admin.command("ping")
                    return
                except Exception:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("SecantusDB did not start") from None
                    time.sleep(0.1)
        finally:
            client.close()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def messages(self, db_name: str) -> list[dict]:
        client = MongoClient(self.uri, serverSelectionTimeoutMS=2000, tz_aware=True)
        try:
            return list(client[db_name].messages.find({}).sort("_id", 1))
        finally:
            client.close()

    def age_reply(self, db_name: str, message_id) -> None:
        """As if the reply's writer had gone quiet an hour ago."""
        from datetime import UTC, datetime, timedelta

        client = MongoClient(self.uri, serverSelectionTimeoutMS=2000)
        try:
            client[db_name].messages.update_one({"_id": message_id}, {"$set": {
                "stream_claimed_at": datetime.now(UTC) - timedelta(hours=1)}})
        finally:
            client.close()


@pytest.fixture
def disk_store(settings, tmp_path):
    store = DiskStore(tmp_path / "chats")
    store.start()
    settings.MONGODB_URI = store.uri
    settings.MONGODB_TIMEOUT_MS = 300
    chats.reset_clients()
    chats.ensure_indexes()
    yield store
    if store.process.poll() is None:
        store.process.terminate()
        store.process.wait(timeout=10)
    chats.reset_clients()


def _restart(store: DiskStore) -> None:
    store.start()
    chats.reset_clients()  # as a process would reconnect: the old pool's sockets are dead


async def test_a_store_killed_mid_reply_ends_the_stream_and_keeps_the_answer(disk_store, settings, fake_ollama, user,
                                                                            monkeypatch):
    monkeypatch.setattr(replies, "PARTIAL_SAVE_S", 0.2)
    chat = await sync_to_async(services.create_free_chat)(user_id=str(user.pk), title="Practice")
    fake_ollama.add_reply(["tok "] * 40, token_delay=0.05)
    turn = await answering.post_message(user_id=str(user.pk), chat_id=str(chat["_id"]), content="My answer")
    stream = answering.stream_reply(chat=turn.chat, message=turn.assistant_message)
    events = [await anext(stream) for _ in range(15)]  # 0.75 s: a few partial saves
    await sync_to_async(disk_store.kill)()
    events += [event async for event in stream]

    assert [event.kind for event in events[:-1]] == ["token"] * 40
    assert events[-1].kind == "error" and "could not be saved" in events[-1].detail
    assert events[-1].message["content"] == "tok " * 40  # the reader keeps what it was shown

    await sync_to_async(_restart)(disk_store)
    stored = await sync_to_async(disk_store.messages)(settings.MONGODB_DB)
    answer, reply = stored[-2], stored[-1]
    assert answer["role"] == "user" and answer["content"] == "My answer"  # never lost
    assert reply["status"] == "streaming" and 0 < len(reply["content"]) < len("tok " * 40)
    partial = reply["content"]

    await sync_to_async(disk_store.age_reply)(settings.MONGODB_DB, reply["_id"])
    items, _ = await sync_to_async(services.list_messages)(user_id=str(user.pk), chat_id=str(chat["_id"]))
    assert items[-1]["status"] == "failed" and items[-1]["content"] == partial
    assert "interrupted" in items[-1]["error"]

    fake_ollama.add_reply("A fresh reply.")
    retried = await answering.retry_reply(user_id=str(user.pk), chat_id=str(chat["_id"]),
                                          message_id=str(reply["_id"]))
    final = [event async for event in answering.stream_reply(chat=retried.chat, message=retried.assistant_message)]
    assert final[-1].kind == "done" and final[-1].message["content"] == "A fresh reply."


async def test_a_store_killed_at_the_final_save_still_ends_the_stream(disk_store, settings, fake_ollama, user,
                                                                     monkeypatch):
    chat = await sync_to_async(services.create_free_chat)(user_id=str(user.pk), title="Practice")
    fake_ollama.add_reply(["tok "] * 5)
    turn = await answering.post_message(user_id=str(user.pk), chat_id=str(chat["_id"]), content="My answer")
    real_finish = chats.afinish_message

    async def killed_first(**kwargs):
        await sync_to_async(disk_store.kill)()
        return await real_finish(**kwargs)

    monkeypatch.setattr(chats, "afinish_message", killed_first)
    events = [event async for event in answering.stream_reply(chat=turn.chat, message=turn.assistant_message)]
    assert events[-1].kind == "error" and events[-1].message["status"] == "failed"

    await sync_to_async(_restart)(disk_store)
    stored = await sync_to_async(disk_store.messages)(settings.MONGODB_DB)
    assert stored[-2]["content"] == "My answer" and stored[-1]["status"] == "streaming"
    await sync_to_async(disk_store.age_reply)(settings.MONGODB_DB, stored[-1]["_id"])
    page = await answering.find_reply(user_id=str(user.pk), chat_id=str(chat["_id"]),
                                      message_id=str(stored[-1]["_id"]))
    assert page.message["status"] == "failed"  # a reload shows it failed, with Retry, not a reply stuck writing
