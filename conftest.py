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
