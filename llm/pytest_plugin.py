"""Pytest fixtures for the fake Ollama server (loaded by the top-level conftest).

One fake server runs for the whole session and the app points at it from the start,
so no test can reach a real model by accident, and tests that don't care about the
model still get a reply. Each test starts with an empty script and no recorded requests.

    def test_it_streams_the_reply(fake_ollama):
        fake_ollama.add_reply("Tell me about yourself.")
        ...
        assert fake_ollama.chat_requests[-1].body["messages"][-1]["content"] == "..."
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings

from llm.fake import FakeOllama

# Short enough that a "hang" test takes moments, long enough for a loaded CI machine.
TEST_TIMEOUT_S = 2.0


@pytest.fixture(scope="session")
def fake_ollama_server() -> Iterator[FakeOllama]:
    """The session's fake server. Tests want `fake_ollama`, which also resets it."""
    server = FakeOllama().start()
    saved = (django_settings.OLLAMA_HOST, django_settings.LLM_TIMEOUT_S, os.environ.get("OLLAMA_HOST"))
    django_settings.OLLAMA_HOST = server.url
    django_settings.LLM_TIMEOUT_S = TEST_TIMEOUT_S
    os.environ["OLLAMA_HOST"] = server.url  # servers that tests start as subprocesses, too
    yield server
    django_settings.OLLAMA_HOST, django_settings.LLM_TIMEOUT_S, environ_host = saved
    if environ_host is None:
        os.environ.pop("OLLAMA_HOST", None)
    else:
        os.environ["OLLAMA_HOST"] = environ_host
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_fake_ollama(fake_ollama_server: FakeOllama) -> FakeOllama:
    if not fake_ollama_server.running:  # a test stopped it to play a dead server
        fake_ollama_server.start()
    fake_ollama_server.reset()
    return fake_ollama_server


@pytest.fixture
def fake_ollama(_fresh_fake_ollama: FakeOllama, settings) -> FakeOllama:
    """The fake server, with an empty script, that the app's settings point at."""
    settings.OLLAMA_HOST = _fresh_fake_ollama.url
    settings.LLM_TIMEOUT_S = TEST_TIMEOUT_S
    return _fresh_fake_ollama
