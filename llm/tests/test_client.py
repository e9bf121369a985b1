"""llm.client against the fake server, over HTTP (streams through httpx, JSON and pings through `ollama`)."""

import asyncio
import contextlib
import socket
import time

import pytest

from llm import client
from llm.fake import FakeOllama

SCHEMA = {
    "type": "object",
    "properties": {"score": {"type": ["integer", "null"], "minimum": 0, "maximum": 10},
                   "feedback": {"type": "string", "maxLength": 200}},
    "required": ["score", "feedback"],
}
MESSAGES = [{"role": "system", "content": "You are an interviewer."}, {"role": "user", "content": "Hello"}]


async def collect(**kwargs) -> list[str]:
    return [delta async for delta in client.stream(MESSAGES, **kwargs)]


@pytest.fixture(autouse=True)
def _every_host_up():
    """A host another test saw fail would go last for a while: each test starts with all of them up."""
    client._down_until.clear()
    yield
    client._down_until.clear()


@pytest.fixture
def stopped_server(settings):
    """A fake whose port is closed: connections are refused."""
    server = FakeOllama().start()
    server.stop()
    settings.OLLAMA_HOST = server.url
    settings.LLM_CONNECT_RETRIES = 2
    yield server
    server.stop()


async def test_it_streams_deltas_in_order(fake_ollama):
    fake_ollama.add_reply(["Tell", " me", " about", " yourself."], token_delay=0.01)

    assert await collect() == ["Tell", " me", " about", " yourself."]


async def test_it_sends_the_prompt_model_and_capped_options(fake_ollama, settings):
    settings.OLLAMA_MODEL = "interviewer"
    settings.LLM_NUM_CTX = 2048
    settings.LLM_NUM_PREDICT = 100

    await collect(options={"temperature": 0.5, "num_predict": 5000})
    await collect(options={"num_predict": 10})

    first, second = (request.body for request in fake_ollama.chat_requests)
    assert first["model"] == "interviewer"
    assert first["messages"] == MESSAGES
    assert first["stream"] is True
    assert first["options"] == {"temperature": 0.5, "num_predict": 100, "num_ctx": 2048}
    assert second["options"]["num_predict"] == 10


async def test_it_fills_usage_when_the_reply_is_done(fake_ollama):
    fake_ollama.add_reply("One two three", first_token_delay=0.05)
    usage: dict = {}

    await collect(model="other-model", usage=usage)

    assert usage["model"] == "other-model"
    assert usage["completion_tokens"] == 3
    assert usage["prompt_tokens"] > 0
    assert usage["done_reason"] == "stop"
    assert 50 <= usage["ttft_ms"] <= usage["duration_ms"]


async def test_it_retries_a_refused_connection_until_the_server_is_back(stopped_server):
    asyncio.get_running_loop().call_later(0.3, stopped_server.start)

    assert "".join(await collect()) == stopped_server.default.text


async def test_it_gives_up_on_a_refused_connection_after_the_retries(stopped_server):
    started = time.monotonic()

    with pytest.raises(client.LLMUnavailable) as caught:
        await collect()

    assert time.monotonic() - started >= 0.2 + 0.4  # two backoff pauses
    assert caught.value.user_message


async def test_it_retries_a_busy_server(fake_ollama):
    fake_ollama.add_failure("503")
    fake_ollama.add_reply("Ready now")

    assert "".join(await collect()) == "Ready now"
    assert len(fake_ollama.chat_requests) == 2


async def test_it_turns_a_server_error_into_unavailable_without_retrying(fake_ollama):
    fake_ollama.add_failure("500")

    with pytest.raises(client.LLMUnavailable):
        await collect()

    assert len(fake_ollama.chat_requests) == 1


async def test_it_reports_a_missing_model_as_unavailable(fake_ollama):
    fake_ollama.add_failure("404")

    with pytest.raises(client.LLMUnavailable, match="does not have the model"):
        await collect()


async def test_it_times_out_quickly_when_the_server_hangs(fake_ollama, settings):
    settings.LLM_TIMEOUT_S = 0.3
    fake_ollama.add_failure("hang")
    started = time.monotonic()

    with pytest.raises(client.LLMTimeout):
        await collect()

    assert time.monotonic() - started < 1.5
    assert len(fake_ollama.chat_requests) == 1
    assert fake_ollama.chat_requests[0].wait_finished()
    assert fake_ollama.chat_requests[0].client_closed


async def test_it_raises_after_the_partial_deltas_when_the_stream_is_cut(fake_ollama):
    fake_ollama.add_failure("cut", after_tokens=3)
    received = []

    with pytest.raises(client.LLMUnavailable):
        async for delta in client.stream(MESSAGES):
            received.append(delta)

    assert len(received) == 3
    assert len(fake_ollama.chat_requests) == 1  # no retry once text went out


async def test_it_fills_usage_without_token_counts_when_the_stream_fails(fake_ollama):
    fake_ollama.add_failure("cut", after_tokens=1)
    usage: dict = {}

    with pytest.raises(client.LLMUnavailable):
        await collect(usage=usage)

    assert usage["ttft_ms"] is not None
    assert usage["completion_tokens"] is None


async def test_it_closes_the_upstream_stream_at_once_on_aclose(fake_ollama):
    fake_ollama.add_reply(["token "] * 200, token_delay=0.05)
    deltas = client.stream(MESSAGES)

    assert await anext(deltas) == "token "
    await deltas.aclose()

    request = fake_ollama.chat_requests[0]
    assert await asyncio.to_thread(request.wait_finished, 1.0)
    assert request.client_closed


async def test_it_closes_the_upstream_stream_when_an_aclosing_loop_breaks(fake_ollama):
    fake_ollama.add_reply(["token "] * 200, token_delay=0.05)

    async with contextlib.aclosing(client.stream(MESSAGES)) as deltas:
        async for _ in deltas:
            break

    request = fake_ollama.chat_requests[0]
    assert await asyncio.to_thread(request.wait_finished, 1.0)
    assert request.client_closed


async def test_it_parses_the_json_reply_at_temperature_zero(fake_ollama):
    fake_ollama.add_reply('{"score": 7, "feedback": "Clear answer."}')

    assert await client.chat_json(MESSAGES, schema=SCHEMA) == {"score": 7, "feedback": "Clear answer."}
    body = fake_ollama.chat_requests[0].body
    assert body["format"] == SCHEMA
    assert body["stream"] is False
    assert body["options"]["temperature"] == 0


async def test_it_raises_bad_output_on_invalid_json(fake_ollama):
    fake_ollama.add_reply('{"score": 7, "feedb')

    with pytest.raises(client.LLMBadOutput):
        await client.chat_json(MESSAGES, schema=SCHEMA)


async def test_it_raises_bad_output_when_a_required_key_is_missing(fake_ollama):
    fake_ollama.add_reply('{"score": 7}')

    with pytest.raises(client.LLMBadOutput):
        await client.chat_json(MESSAGES, schema=SCHEMA)


async def test_it_retries_invalid_json_warmer_when_asked(fake_ollama):
    fake_ollama.add_reply("not json")
    fake_ollama.add_reply('{"score": null, "feedback": "No answer given."}')

    result = await client.chat_json(MESSAGES, schema=SCHEMA, retries=1)

    assert result == {"score": None, "feedback": "No answer given."}
    assert [r.body["options"]["temperature"] for r in fake_ollama.chat_requests] == [0, 0.3]


async def test_it_turns_a_json_request_timeout_into_llm_timeout(fake_ollama, settings):
    settings.LLM_TIMEOUT_S = 0.3
    fake_ollama.add_failure("hang")

    with pytest.raises(client.LLMTimeout):
        await client.chat_json(MESSAGES, schema=SCHEMA)


def test_it_offers_chat_json_to_synchronous_code(fake_ollama):
    fake_ollama.add_reply('{"score": 3, "feedback": "Too vague."}')

    assert client.chat_json_sync(MESSAGES, schema=SCHEMA) == {"score": 3, "feedback": "Too vague."}


def test_it_pings_a_live_server(fake_ollama):
    assert client.ping(timeout=1.0) is True


def test_it_pings_a_dead_port_quickly(stopped_server):
    started = time.monotonic()

    assert client.ping(timeout=1.0) is False
    assert time.monotonic() - started < 0.5


async def test_it_gives_up_on_a_silent_server_within_the_timeout(settings):
    # Accepts connections (the kernel does, from the backlog) but never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.OLLAMA_HOST = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()

        assert await client.is_available(timeout=0.3) is False
        assert time.monotonic() - started < 1.0


async def test_it_starts_on_the_next_host_when_the_first_is_down(stopped_server, fake_ollama, settings):
    settings.OLLAMA_HOSTS = [stopped_server.url, fake_ollama.url]
    fake_ollama.add_reply(["From", " the", " second."])
    usage: dict = {}
    assert await collect(usage=usage) == ["From", " the", " second."]
    assert usage["host"] == fake_ollama.url
    assert client._hosts_to_try()[0] == fake_ollama.url  # the failed host goes last for a while


async def test_a_busy_host_hands_the_stream_to_the_next_but_a_started_reply_never_moves(fake_ollama, settings):
    second = FakeOllama().start()
    try:
        settings.OLLAMA_HOSTS = [fake_ollama.url, second.url]
        fake_ollama.add_failure("503")
        second.add_reply(["Second", " host."])
        assert await collect() == ["Second", " host."]

        client._down_until.clear()
        fake_ollama.add_failure("cut", after_tokens=2)
        with pytest.raises(client.LLMUnavailable):
            await collect()
        assert len(second.chat_requests) == 1  # text was sent: the reply is not written again elsewhere
    finally:
        second.stop()
