"""The one module that talks to Ollama (the only one importing `ollama`).

Settings are read at call time, so tests can point OLLAMA_HOST anywhere: OLLAMA_HOST (or
OLLAMA_HOSTS, several servers tried in turn), OLLAMA_MODEL, LLM_TIMEOUT_S (connect, and the
longest silence while waiting for the next bytes: a long reply that keeps streaming is never
cut), LLM_CONNECT_RETRIES, LLM_NUM_CTX, LLM_NUM_PREDICT (a cap on every reply's length).

Streams read Ollama's NDJSON with httpx and `json.loads` (the `ollama` package builds a pydantic
object per token, several times the cost of the parse); the rest goes through `ollama`.

Every failure is an `LLMError` whose `user_message` can be shown as it is.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import time
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable
from functools import cache
from typing import Any, TypeVar

import httpx
import ollama
from asgiref.sync import async_to_sync
from django.conf import settings

Messages = list[dict[str, Any]]
T = TypeVar("T")

_BACKOFF_S = 0.2  # first pause between connection attempts; doubles each time
# A host that refused or failed a stream before its first token goes to the back of the line for
# this long: the next streams start on the other hosts at once instead of trying it first again.
HOST_DOWN_S = 30.0
# A retry that repeats a temperature-0 request would repeat the same bad output.
_RETRY_TEMPERATURE = 0.3
# What a failing server or network looks like through `ollama` (a ConnectError arrives
# raw from a stream, as the builtin ConnectionError from a plain request).
_TRANSPORT_ERRORS = (httpx.HTTPError, ollama.ResponseError, ConnectionError, json.JSONDecodeError)


class LLMError(Exception):
    """The model gave no usable reply. `str(error)` is for logs, `user_message` for people."""

    user_message = "The interviewer could not answer. Please try again."


class LLMUnavailable(LLMError):
    """The server is unreachable, failing (5xx), lacks the model, or dropped the reply."""

    user_message = "The interviewer is unavailable right now. Please try again in a minute."


class LLMTimeout(LLMError):
    """The server went silent for longer than LLM_TIMEOUT_S."""

    user_message = "The interviewer took too long to answer. Please try again."


class LLMBadOutput(LLMError):
    """The model's structured answer was not the JSON object asked for."""

    user_message = "The model's answer could not be read. Please try again."


async def stream(messages: Messages, *, model: str | None = None, options: dict[str, Any] | None = None,
                 usage: dict[str, Any] | None = None, connect_retries: int | None = None) -> AsyncGenerator[str, None]:
    """Yields the reply's text deltas (never empty strings) as the model produces them.

    Connection failures and 502/503/504 are retried LLM_CONNECT_RETRIES times with
    exponential backoff, but only before the first delta: after that any failure raises
    (`LLMUnavailable`, `LLMTimeout`), so text is never repeated. `connect_retries` overrides
    the setting (0 for optional text that must not delay what follows it). Closing the generator
    (`aclose()`, or `async with contextlib.aclosing(stream(...))` around a loop that
    breaks) closes the HTTP stream at once, which stops Ollama generating. A bare
    `break` also closes it, but only when the event loop finalises the generator.

    `usage`, if given, is filled however the stream ends: model, ttft_ms and duration_ms
    always; prompt_tokens, completion_tokens and done_reason ("stop", or "length" when
    LLM_NUM_PREDICT cut the reply) when the model finished, else None.
    """
    model = model or settings.OLLAMA_MODEL
    started = time.perf_counter()
    first_delta_at: float | None = None
    last: dict[str, Any] | None = None
    host = None
    retries = settings.LLM_CONNECT_RETRIES if connect_retries is None else connect_retries
    body = {"model": model, "messages": messages, "options": _options(options), "stream": True}
    try:
        for attempt in range(retries + 1):
            for host in _hosts_to_try():
                try:
                    async with _streaming_client(host).stream("POST", "/api/chat", json=body) as response:
                        if response.status_code >= 400:
                            raise _response_error(response.status_code, await response.aread())
                        # Read on past the `done` part to the end of the response (the server ends it
                        # at once), so the connection goes back to the pool for the next reply.
                        async for line in response.aiter_lines():
                            if not line:
                                continue
                            part = json.loads(line)
                            if "error" in part:
                                raise ollama.ResponseError(part["error"], -1)
                            content = (part.get("message") or {}).get("content")
                            if content:
                                first_delta_at = first_delta_at or time.perf_counter()
                                yield content
                            if part.get("done"):
                                last = part
                    if last is not None:
                        return
                    raise LLMUnavailable(f"{host} ended the stream before it was done")
                except _TRANSPORT_ERRORS as exc:
                    if first_delta_at is not None or not _retryable(exc):
                        raise _translate(exc, host) from exc
                    _mark_down(host)
                    failure = exc
            if attempt == retries:
                raise _translate(failure, host) from failure
            await asyncio.sleep(_BACKOFF_S * 2**attempt)
    finally:
        if usage is not None:
            usage.update(
                model=model,
                host=host,
                ttft_ms=None if first_delta_at is None else round((first_delta_at - started) * 1000, 1),
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                prompt_tokens=(last or {}).get("prompt_eval_count"),
                completion_tokens=(last or {}).get("eval_count"),
                done_reason=(last or {}).get("done_reason"),
            )


async def chat_json(messages: Messages, *, schema: dict[str, Any], model: str | None = None,
                    options: dict[str, Any] | None = None, retries: int = 0,
                    connect_retries: int | None = None) -> dict[str, Any]:
    """Asks for one JSON object matching `schema` (Ollama's `format`) and returns it parsed.

    Temperature defaults to 0. Guarantees a dict holding every key the schema lists as
    `required`; nothing else is checked here: the server's grammar shapes the rest, but
    not every server enforces bounds such as `maximum`, so callers check the values.
    Invalid output raises `LLMBadOutput`, after `retries` further attempts; those run at
    temperature >= 0.3, because at 0 the same prompt gives the same bad output again.
    Connection failures are retried as in `stream`.
    """
    model = model or settings.OLLAMA_MODEL
    request_options = {"temperature": 0, **(options or {})}
    content = ""
    async with _client() as client:
        for attempt in range(retries + 1):
            if attempt:
                request_options["temperature"] = max(request_options["temperature"], _RETRY_TEMPERATURE)
            response = await _with_connect_retries(lambda: client.chat(
                model=model, messages=messages, format=schema, options=_options(request_options), stream=False),
                retries=connect_retries)
            content = response.message.content or ""
            try:
                value = json.loads(content)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict) and all(key in value for key in schema.get("required", [])):
                return value
    raise LLMBadOutput(f"{model} gave no valid JSON object in {retries + 1} attempt(s); last: {content[:200]!r}")


def chat_json_sync(messages: Messages, *, schema: dict[str, Any], model: str | None = None,
                   options: dict[str, Any] | None = None, retries: int = 0) -> dict[str, Any]:
    """`chat_json` for synchronous code (background tasks); not for use inside an event loop."""
    return async_to_sync(chat_json)(messages, schema=schema, model=model, options=options, retries=retries)


async def is_available(timeout: float = 1.0) -> bool:
    """Whether the server answers GET /api/tags; returns within `timeout` seconds, never raises."""
    try:
        async with asyncio.timeout(timeout), _client(timeout=timeout) as client:
            await client.list()
        return True
    except Exception:  # a health probe answers "down" whatever went wrong
        return False


def ping(timeout: float = 1.0) -> bool:
    """`is_available` for synchronous code (GET /health)."""
    return async_to_sync(is_available)(timeout)


@cache
def _ssl_context() -> ssl.SSLContext:
    # Building a context loads the CA bundle (about 40 ms); sharing one makes a client ~1 ms.
    return ssl.create_default_context()


def _client(*, timeout: float | None = None, **options: Any) -> ollama.AsyncClient:
    # A client per call (but see _streaming_client): async clients belong to one event loop,
    # and the sync wrappers run on their own loops.
    return ollama.AsyncClient(host=_hosts_to_try()[0], timeout=timeout or settings.LLM_TIMEOUT_S,
                              verify=_ssl_context(), **options)


def hosts() -> list[str]:
    """The Ollama servers to use, in order of preference: OLLAMA_HOSTS, else OLLAMA_HOST."""
    return list(settings.OLLAMA_HOSTS) or [settings.OLLAMA_HOST]


_down_until: dict[str, float] = {}  # host → when it may go first again


def _hosts_to_try() -> list[str]:
    """Every host: those that failed within HOST_DOWN_S last, the latest failure last (they may be
    back: they are still tried, after the others)."""
    now = time.monotonic()
    return sorted(hosts(), key=lambda host: max(_down_until.get(host, 0), now))


def _mark_down(host: str) -> None:
    _down_until[host] = time.monotonic() + HOST_DOWN_S


def _response_error(status: int, body: bytes) -> ollama.ResponseError:
    try:
        error = json.loads(body).get("error") or body.decode(errors="replace")
    except (ValueError, AttributeError):
        error = body.decode(errors="replace")
    return ollama.ResponseError(error, status)


# Streams share one client per event loop (uvicorn runs one), host and timeout, and so its open
# connections: a reply skips building a client and connecting (~1 ms). A stream closed before its
# end closes its connection, which stops the model at once.
_streaming_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[str, float], httpx.AsyncClient]] = (
    weakref.WeakKeyDictionary())


def _streaming_client(host: str) -> httpx.AsyncClient:
    clients = _streaming_clients.setdefault(asyncio.get_running_loop(), {})
    key = (host, settings.LLM_TIMEOUT_S)
    if key not in clients:
        # No cap on connections: each open stream holds one, and streams must not queue for them.
        clients[key] = httpx.AsyncClient(base_url=host, timeout=settings.LLM_TIMEOUT_S, verify=_ssl_context(),
                                         limits=httpx.Limits(max_connections=None, max_keepalive_connections=20),
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
    return clients[key]


def _options(options: dict[str, Any] | None) -> dict[str, Any]:
    merged = {"num_ctx": settings.LLM_NUM_CTX, **(options or {})}
    cap = settings.LLM_NUM_PREDICT
    requested = merged.get("num_predict")
    # Ollama reads a negative num_predict as "no limit": the cap applies then too.
    merged["num_predict"] = cap if requested is None or requested < 0 else min(requested, cap)
    return merged


async def _with_connect_retries(call: Callable[[], Awaitable[T]], *, retries: int | None = None) -> T:
    retries = settings.LLM_CONNECT_RETRIES if retries is None else retries
    for attempt in range(retries + 1):
        try:
            return await call()
        except _TRANSPORT_ERRORS as exc:
            if not _retryable(exc) or attempt == retries:
                raise _translate(exc) from exc
        await asyncio.sleep(_BACKOFF_S * 2**attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _retryable(exc: BaseException) -> bool:
    """A failed connection or a busy server: worth another try while no text has gone out."""
    if isinstance(exc, ollama.ResponseError):
        return exc.status_code in (502, 503, 504)
    return isinstance(exc, (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, ConnectionError))


def _translate(exc: BaseException, host: str | None = None) -> LLMError:
    host = host or settings.OLLAMA_HOST
    if isinstance(exc, httpx.TimeoutException):
        return LLMTimeout(f"{host} sent nothing for {settings.LLM_TIMEOUT_S} s ({type(exc).__name__})")
    if isinstance(exc, ollama.ResponseError):
        if exc.status_code == 404:
            return LLMUnavailable(f"{host} does not have the model: {exc.error}")
        if exc.status_code >= 500 or exc.status_code == -1:  # -1: an {"error"} line mid-stream
            return LLMUnavailable(f"{host} failed ({exc.status_code}): {exc.error}")
        return LLMError(f"{host} refused the request ({exc.status_code}): {exc.error}")
    if isinstance(exc, json.JSONDecodeError):
        return LLMUnavailable(f"{host} sent a malformed response: {exc}")
    return LLMUnavailable(f"cannot reach {host}: {type(exc).__name__}: {exc}")
