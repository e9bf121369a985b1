"""The fake Ollama server itself, spoken to with plain httpx."""

import asyncio
import contextlib
import json
import threading
import time

import httpx
import pytest

from llm.fake import DEFAULT_TEXT, FakeOllama, Reply, example_for


def chat_body(**extra) -> dict:
    return {"model": "smollm2", "messages": [{"role": "user", "content": "Hi"}], **extra}


async def stream_lines(url: str, body: dict, http: httpx.AsyncClient | None = None) -> list[dict]:
    async with contextlib.AsyncExitStack() as stack:
        http = http or await stack.enter_async_context(httpx.AsyncClient())
        async with http.stream("POST", f"{url}/api/chat", json=body) as response:
            assert response.headers["content-type"] == "application/x-ndjson"
            return [json.loads(line) async for line in response.aiter_lines()]


async def test_it_streams_scripted_tokens_as_ndjson_then_a_done_line(fake_ollama):
    fake_ollama.add_reply("Hello there, candidate")

    lines = await stream_lines(fake_ollama.url, chat_body())

    assert [line["message"]["content"] for line in lines[:-1]] == ["Hello ", "there, ", "candidate"]
    assert not any(line["done"] for line in lines[:-1])
    assert lines[-1]["done"] is True
    assert lines[-1]["done_reason"] == "stop"
    assert lines[-1]["eval_count"] == 3
    assert lines[-1]["model"] == "smollm2"


async def test_it_answers_in_one_object_when_not_streaming(fake_ollama):
    fake_ollama.add_reply("Hello there")

    async with httpx.AsyncClient(base_url=fake_ollama.url) as http:
        reply = (await http.post("/api/chat", json=chat_body(stream=False))).json()

    assert reply["message"] == {"role": "assistant", "content": "Hello there"}
    assert reply["done"] is True


async def test_it_sends_the_default_reply_when_the_script_is_empty(fake_ollama):
    lines = await stream_lines(fake_ollama.url, chat_body())

    assert "".join(line["message"]["content"] for line in lines) == DEFAULT_TEXT


async def test_it_reports_length_when_num_predict_is_reached(fake_ollama):
    fake_ollama.add_reply("one two three")

    lines = await stream_lines(fake_ollama.url, chat_body(options={"num_predict": 3}))

    assert lines[-1]["done_reason"] == "length"


async def test_it_answers_format_requests_with_json_valid_for_the_schema(fake_ollama):
    schema = {"type": "object", "required": ["score", "feedback", "verdict"], "properties": {
        "score": {"type": ["integer", "null"], "minimum": 0, "maximum": 10},
        "feedback": {"type": "string", "maxLength": 300},
        "verdict": {"enum": ["hire", "no hire"]},
        "evidence": {"type": "array", "items": {"type": "string"}}}}

    async with httpx.AsyncClient(base_url=fake_ollama.url) as http:
        reply = (await http.post("/api/chat", json=chat_body(stream=False, format=schema))).json()

    assert json.loads(reply["message"]["content"]) == {"score": 5, "feedback": "ok", "verdict": "hire", "evidence": []}


def test_it_builds_example_values_within_the_schema_bounds():
    assert example_for({"type": "string", "minLength": 5}) == "okoko"
    assert example_for({"type": "string", "maxLength": 1}) == "o"
    assert example_for({"type": "number", "minimum": 1, "maximum": 2}) == 1.5
    assert example_for({"anyOf": [{"type": "boolean"}, {"type": "null"}]}) is True
    assert example_for({"type": "array", "items": {"type": "integer"}, "minItems": 2}) == [0, 0]
    assert example_for("json") == {}


async def test_it_records_every_request_with_its_body(fake_ollama):
    async with httpx.AsyncClient(base_url=fake_ollama.url) as http:
        await http.get("/api/version")
        await http.post("/api/chat", json=chat_body(stream=False))

    assert [(r.method, r.path) for r in fake_ollama.requests] == [("GET", "/api/version"), ("POST", "/api/chat")]
    assert fake_ollama.chat_requests[0].body == chat_body(stream=False)
    assert not fake_ollama.chat_requests[0].client_closed


async def test_it_serves_tags_version_and_show(fake_ollama):
    async with httpx.AsyncClient(base_url=fake_ollama.url) as http:
        tags = (await http.get("/api/tags")).json()
        version = (await http.get("/api/version")).json()
        show = await http.post("/api/show", json={"model": "smollm2"})
        missing = await http.get("/api/nothing")

    assert tags["models"][0]["name"] == "smollm2:latest"
    assert version == {"version": "0.0.0-fake"}
    assert show.status_code == 200
    assert missing.status_code == 404


async def test_it_serves_many_slow_streams_at_once(fake_ollama):
    fake_ollama.default = Reply(["word "] * 10, token_delay=0.05)
    started = time.monotonic()

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=None)) as http:
        results = await asyncio.gather(*(stream_lines(fake_ollama.url, chat_body(), http) for _ in range(60)))

    assert all(len(lines) == 11 and lines[-1]["done"] for lines in results)
    assert time.monotonic() - started < 3  # one after another would take 30 s


async def test_it_scripts_status_failures(fake_ollama):
    fake_ollama.add_failure("503")

    async with httpx.AsyncClient(base_url=fake_ollama.url) as http:
        response = await http.post("/api/chat", json=chat_body())

    assert response.status_code == 503
    assert "error" in response.json()


def test_it_refuses_unknown_failures():
    with pytest.raises(ValueError):
        FakeOllama().add_failure("explode")


async def test_it_cuts_the_stream_after_the_given_tokens(fake_ollama):
    fake_ollama.add_failure("cut", after_tokens=2)
    received = []

    with pytest.raises(httpx.RemoteProtocolError):
        async with httpx.AsyncClient(base_url=fake_ollama.url) as http, \
                http.stream("POST", "/api/chat", json=chat_body()) as response:
            async for line in response.aiter_lines():
                received.append(json.loads(line))

    assert len(received) == 2
    assert not fake_ollama.chat_requests[0].client_closed


async def test_it_notices_when_the_client_leaves_a_hanging_request(fake_ollama):
    fake_ollama.add_failure("hang")

    with pytest.raises(httpx.ReadTimeout):
        async with httpx.AsyncClient(base_url=fake_ollama.url, timeout=0.2) as http:
            await http.post("/api/chat", json=chat_body())

    request = fake_ollama.chat_requests[0]
    assert await asyncio.to_thread(request.wait_finished, 1.0)
    assert request.client_closed


def test_it_refuses_connections_after_stop_and_comes_back_on_the_same_port():
    server = FakeOllama().start()
    url = server.url
    server.stop()

    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/api/version")

    server.start()
    try:
        assert server.url == url
        assert httpx.get(f"{url}/api/version").status_code == 200
    finally:
        server.stop()


def test_it_releases_hanging_requests_when_it_stops():
    server = FakeOllama().start()
    server.add_failure("hang")

    with httpx.Client(base_url=server.url, timeout=5) as http:
        started = time.monotonic()
        threading.Timer(0.2, server.stop).start()
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/api/chat", json=chat_body())

    assert time.monotonic() - started < 2
