"""Guards that must hold across app processes (production runs several): two real uvicorn servers
on the test databases, parallel requests spread over both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.db import connection

from conftest import free_port, token_for
from interviews import answering, chats, services

ROOT = Path(__file__).resolve().parents[2]
LOGS = Path(tempfile.gettempdir())  # the servers' stderr, to read when a test fails


def _database_url() -> str:
    db = connection.settings_dict
    user = f"{db['USER']}@" if db.get("USER") else ""
    return f"postgres://{user}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _start(port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "MONGODB_URI": settings.MONGODB_URI,
           "MONGODB_DB": settings.MONGODB_DB, "OLLAMA_HOST": settings.OLLAMA_HOST,
           "SECRET_KEY": settings.SECRET_KEY, "DJANGO_SETTINGS_MODULE": "onlyjobless.settings",
           "LLM_TIMEOUT_S": str(int(settings.LLM_TIMEOUT_S)), "DB_POOL_MIN_SIZE": "1",
           "MESSAGES_PER_MINUTE": "100"}  # the reply claim, not the per-minute limit, is under test
    return subprocess.Popen([sys.executable, "-m", "uvicorn", "onlyjobless.asgi:application", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=open(LOGS / f"uvicorn-{port}.log", "w"))  # noqa: SIM115 (the process owns it)


@pytest.fixture
def two_servers(transactional_db, fake_ollama) -> Iterator[list[str]]:
    ports = [free_port(), free_port()]
    processes = [_start(port) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        deadline = time.monotonic() + 60
        for url, process in zip(urls, processes, strict=True):
            while True:
                try:
                    httpx.get(f"{url}/health", timeout=1)
                    break
                except httpx.HTTPError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"uvicorn did not start; see {LOGS}/uvicorn-*.log")
                    time.sleep(0.2)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _in_parallel(calls: list) -> list:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_twenty_parallel_answers_over_two_processes_make_one_reply(two_servers, user, fake_ollama):
    chat = services.create_free_chat(user_id=str(user.pk), title="Parallel")
    fake_ollama.add_reply(["slow "] * 20, token_delay=0.05)  # about a second: the others arrive meanwhile
    headers = {"Authorization": f"Bearer {token_for(user)}"}

    def post(index: int):
        url = f"{two_servers[index % 2]}/api/chats/{chat['_id']}/messages"
        return lambda: httpx.post(url, json={"content": f"answer {index}"}, headers=headers, timeout=30)

    responses = _in_parallel([post(index) for index in range(20)])
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [429] * 19, statuses
    refused = [response for response in responses if response.status_code == 429]
    assert all(response.headers["Retry-After"] and "current reply" in response.json()["detail"] for response in refused)
    assert len(fake_ollama.chat_requests) == 1
    stored = chats.list_messages(chat_id=chat["_id"], limit=100)
    users = [message for message in stored if message["role"] == "user"]
    accepted = next(response for response in responses if response.status_code == 201).json()
    assert [message["content"] for message in users] == [accepted["user_message"]["content"]]  # none lost, none doubled
    # The claim ends with the reply: the next answer is accepted.
    fake_ollama.add_reply("Next.")
    assert httpx.post(f"{two_servers[1]}/api/chats/{chat['_id']}/messages", json={"content": "one more"},
                      headers=headers, timeout=30).status_code == 201


def test_ten_connections_to_one_pending_reply_start_one_generation(two_servers, user, client, fake_ollama):
    chat = services.create_free_chat(user_id=str(user.pk), title="Ten tabs")
    fake_ollama.add_reply(["word "] * 10, token_delay=0.1)
    turn = async_to_sync(answering.post_message)(user_id=str(user.pk), chat_id=str(chat["_id"]), content="Hello")
    client.force_login(user)
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    path = f"/chats/{chat['_id']}/messages/{turn.assistant_message['_id']}/stream"

    def connect(index: int):
        return lambda: httpx.get(f"{two_servers[index % 2]}{path}", cookies=cookies, timeout=30)

    responses = _in_parallel([connect(index) for index in range(10)])
    assert [response.status_code for response in responses] == [200] * 10
    assert len(fake_ollama.chat_requests) == 1
    # Every connection ends with the same saved reply: the writer's own, the others attached to it.
    assert all("event: done" in response.text and "word word" in response.text for response in responses)
    saved = chats.get_message(chat_id=chat["_id"], message_id=turn.assistant_message["_id"])
    assert saved["status"] == "complete" and saved["content"].strip() == " ".join(["word"] * 10)


def test_twenty_parallel_wrong_passwords_over_two_processes_count_as_twenty(two_servers, user):
    """Counted before the password is checked, in one upsert: 5 are checked, 15 refused, whatever the timing."""

    def guess(index: int):
        url = f"{two_servers[index % 2]}/api/auth/token"
        return lambda: httpx.post(url, json={"username": "alice", "password": f"wrong-{index}"}, timeout=30)

    statuses = sorted(response.status_code for response in _in_parallel([guess(index) for index in range(20)]))
    assert statuses == [401] * 5 + [429] * 15, statuses


def test_one_message_sent_five_times_at_once_with_one_key_is_saved_once(two_servers, user, fake_ollama):
    chat = services.create_free_chat(user_id=str(user.pk), title="Flaky network")
    fake_ollama.add_reply(["ok "] * 10, token_delay=0.05)
    headers = {"Authorization": f"Bearer {token_for(user)}", "Idempotency-Key": "client-retry-7"}

    def post(index: int):
        url = f"{two_servers[index % 2]}/api/chats/{chat['_id']}/messages"
        return lambda: httpx.post(url, json={"content": "My one answer"}, headers=headers, timeout=30)

    statuses = [response.status_code for response in _in_parallel([post(index) for index in range(5)])]
    assert set(statuses) <= {201, 429} and 201 in statuses, statuses  # 429: "being sent already", Retry-After 1
    users = [m for m in chats.list_messages(chat_id=chat["_id"], limit=50) if m["role"] == "user"]
    assert [m["content"] for m in users] == ["My one answer"]
    assert len(fake_ollama.chat_requests) == 1


def _events(lines) -> list[tuple[str, dict, str | None]]:
    """(event, data, id) of SSE lines as they arrive; stops at the stream's end."""
    event, data, event_id = None, None, None
    for line in lines:
        if line.startswith("id: "):
            event_id = line[4:]
        elif line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            data = json.loads(line[6:])
        elif not line and event:
            yield event, data, event_id
            event, data, event_id = None, None, None


def test_a_lost_stream_resumes_on_another_process_from_its_last_event_id(two_servers, user, fake_ollama):
    chat = services.create_free_chat(user_id=str(user.pk), title="Flaky network")
    words = [f"w{index} " for index in range(30)]
    fake_ollama.add_reply(words, token_delay=0.1)  # 3 s: the first process writes it all along
    auth = {"Authorization": f"Bearer {token_for(user)}"}
    seen, last_id, reply_id = "", None, None
    with httpx.stream("POST", f"{two_servers[0]}/api/chats/{chat['_id']}/messages", json={"content": "Hi"},
                      headers={**auth, "Accept": "text/event-stream"}, timeout=30) as response:
        for event, data, event_id in _events(response.iter_lines()):
            if event == "reply":
                reply_id = data["id"]
            elif event == "token":
                seen, last_id = seen + data["delta"], event_id
                if len(seen) > 10:
                    break  # the connection is lost here
    assert last_id == str(len(seen))

    resumed = httpx.get(f"{two_servers[1]}/api/chats/{chat['_id']}/messages/{reply_id}/stream",
                        headers={**auth, "Last-Event-ID": last_id}, timeout=30)
    events = list(_events(resumed.text.split("\n")))
    assert seen + "".join(data["delta"] for event, data, _ in events if event == "token") == "".join(words)
    assert events[-1][0] == "done" and events[-1][1]["content"] == "".join(words)
    assert events[-1][2] == str(len("".join(words)))
    assert len(fake_ollama.chat_requests) == 1  # written once, by the first process


def test_a_reply_nobody_reads_is_written_to_its_end_and_stop_works_from_another_process(two_servers, user,
                                                                                       fake_ollama):
    chat = services.create_free_chat(user_id=str(user.pk), title="Gone")
    auth = {"Authorization": f"Bearer {token_for(user)}"}

    def post_and_leave() -> str:
        with httpx.stream("POST", f"{two_servers[0]}/api/chats/{chat['_id']}/messages", json={"content": "Hi"},
                          headers={**auth, "Accept": "text/event-stream"}, timeout=30) as response:
            for event, data, _ in _events(response.iter_lines()):
                if event == "token":
                    return data and reply_id
                if event == "reply":
                    reply_id = data["id"]
        raise AssertionError("no token")

    def saved(reply_id: str, status: str) -> dict:
        deadline = time.monotonic() + 20
        while True:
            message = chats.get_message(chat_id=chat["_id"], message_id=chats.parse_id(reply_id))
            if message["status"] == status or time.monotonic() > deadline:
                return message
            time.sleep(0.1)

    fake_ollama.add_reply(["tok "] * 10, token_delay=0.1)
    reply_id = post_and_leave()
    assert saved(reply_id, "complete")["content"] == "tok " * 10  # no client came back: written and saved

    fake_ollama.add_reply(["tok "] * 100, token_delay=0.1)
    reply_id = post_and_leave()
    stopping = httpx.post(f"{two_servers[1]}/api/chats/{chat['_id']}/stop", headers=auth, timeout=30)
    assert stopping.json() == {"stopping": 1}
    stopped = saved(reply_id, "stopped")
    assert stopped["status"] == "stopped" and 0 < len(stopped["content"]) < len("tok " * 100)
