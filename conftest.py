"""Shared fixtures: a real SecantusDB (in memory, once per run), users, API clients."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from pymongo import MongoClient

# Imported here (not in settings) so tests see the same fake LLM server fixture everywhere.
pytest_plugins = ["llm.pytest_plugin"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _secantus_command(port: int) -> list[str]:
    executable = shutil.which("secantusd-py", path=str(Path(sys.executable).parent)) or "secantusd-py"
    return [executable, "--host", "127.0.0.1", "--port", str(port), "--storage-path", ":memory:", "--log-level", "WARNING"]


@pytest.fixture(scope="session", autouse=True)
def mongodb_server():
    """One in-memory SecantusDB for the whole run; the app's settings point at it."""
    port = free_port()
    process = subprocess.Popen(_secantus_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    uri = f"mongodb://127.0.0.1:{port}/?directConnection=true"
    client = MongoClient(uri, serverSelectionTimeoutMS=500)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.admin.command("ping")
            break
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"SecantusDB did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    settings.MONGODB_URI = uri
    settings.MONGODB_DB = f"test_onlyjobless_{os.getpid()}"
    from interviews import chats

    chats.reset_clients()
    chats.ensure_indexes()
    yield client
    client.close()
    chats.reset_clients()
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(autouse=True)
def clean_mongodb(mongodb_server):
    """Each test starts with empty collections (indexes stay)."""
    yield
    db = mongodb_server[settings.MONGODB_DB]
    for name in db.list_collection_names():
        db[name].delete_many({})


@pytest.fixture
def mongo_db(mongodb_server):
    return mongodb_server[settings.MONGODB_DB]


@pytest.fixture
def mongo_commands(monkeypatch):
    """The names of the commands the app's MongoDB clients send from now on, in order (handshakes too)."""
    from pymongo import monitoring

    from interviews import chats

    commands: list[str] = []

    class Listener(monitoring.CommandListener):
        def started(self, event):
            commands.append(event.command_name)

        def succeeded(self, event):
            pass

        def failed(self, event):
            pass

    original = chats._client_options
    monkeypatch.setattr(chats, "_client_options", lambda: {**original(), "event_listeners": [Listener()]})
    chats.reset_clients()
    yield commands
    chats.reset_clients()


@pytest.fixture
def mongodb_down(settings):
    """MongoDB unreachable for this test: a real connection refused, quickly, through the real driver."""
    from interviews import chats

    settings.MONGODB_URI = "mongodb://127.0.0.1:1/?directConnection=true"
    settings.MONGODB_TIMEOUT_MS = 200
    chats.reset_clients()
    yield
    chats.reset_clients()  # pytest-django's `settings` restores the URI after this


class ApiClient:
    """Django's test client speaking JSON to /api with an optional Bearer token."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token

    def _headers(self, headers):
        extra = dict(headers or {})
        if self.token:
            extra.setdefault("Authorization", f"Bearer {self.token}")
        return extra

    def get(self, path, params=None, headers=None):
        return self.client.get(path, params or {}, headers=self._headers(headers))

    def delete(self, path, headers=None):
        return self.client.delete(path, headers=self._headers(headers))

    def post(self, path, data=None, headers=None, **kwargs):
        return self.client.post(path, data if data is not None else {}, content_type=kwargs.pop("content_type", "application/json"),
                                headers=self._headers(headers), **kwargs)

    def patch(self, path, data=None, headers=None):
        return self.client.patch(path, data or {}, content_type="application/json", headers=self._headers(headers))

    def put(self, path, data=None, headers=None):
        return self.client.put(path, data or {}, content_type="application/json", headers=self._headers(headers))


def token_for(user) -> str:
    from rest_framework_simplejwt.tokens import RefreshToken

    return str(RefreshToken.for_user(user).access_token)


@pytest.fixture
def user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(username="alice")


@pytest.fixture
def stranger(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(username="mallory")


@pytest.fixture
def employer(db):
    from accounts.tests.factories import EmployerFactory

    return EmployerFactory(username="hiring_boss")


@pytest.fixture
def anon_api(client):
    return ApiClient(client)


@pytest.fixture
def api(client, user):
    """The JSON API as `user`."""
    return ApiClient(client, token_for(user))


@pytest.fixture
def stranger_api(db, stranger):
    from django.test import Client

    return ApiClient(Client(), token_for(stranger))


@pytest.fixture
def employer_api(db, employer):
    from django.test import Client

    return ApiClient(Client(), token_for(employer))


@pytest.fixture
def user_client(client, user):
    """A browser session logged in as `user`."""
    client.force_login(user)
    return client
