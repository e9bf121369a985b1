"""Ollama's HTTP API, server side: shared by the fake server (tests, benchmarks) and
the local model server.

It speaks what `llm/client.py` (through the `ollama` package) expects: NDJSON lines
over chunked HTTP/1.1 for streams, one JSON object otherwise, `{"error": ...}` bodies
for failures. Every connection gets its own thread, so slow streams never hold each
other up; a backend that must serialise work (one local model) takes its own lock.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import select
import socket
import sys
import threading
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

log = logging.getLogger(__name__)


class Backend(Protocol):
    """What a server answers with. `chat` owns the whole reply to POST /api/chat."""

    model: str  # the name /api/tags lists
    version: str  # what /api/version reports

    def chat(self, exchange: Exchange, body: dict[str, Any]) -> None: ...


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    body: Any  # the parsed JSON body; None when there was none
    client_closed: bool = False  # the client hung up before the reply was complete
    finished: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    def wait_finished(self, timeout: float = 2.0) -> bool:
        """True once the server is done with this request (replied, failed or saw the client leave)."""
        return self.finished.wait(timeout)


class OllamaHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a benchmark opens 50+ streams at once; the default backlog is 5

    def __init__(self, address: tuple[str, int], backend: Backend, *,
                 requests: list[RecordedRequest] | None = None) -> None:
        """With a `requests` list, every request received is appended to it."""
        super().__init__(address, Exchange)
        self.backend = backend
        self.requests = requests
        # Set before shutdown so handlers waiting on purpose (hangs, delays) give up.
        self.stopping = threading.Event()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that resets its connection is no server error
        log.exception("error serving %s", client_address)


class Exchange(BaseHTTPRequestHandler):
    """One client connection, and the helpers backends use to answer on it."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # each token is one small write that must leave at once
    server: OllamaHTTPServer

    def setup(self) -> None:
        super().setup()
        self.record: RecordedRequest | None = None
        self._gone = False  # the client hung up
        self._dropped = False  # we cut the connection on purpose

    def do_GET(self) -> None:
        self._serve(body=None)

    def do_POST(self) -> None:
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"null")
        except (ValueError, json.JSONDecodeError):
            self.send_json(400, {"error": "invalid JSON body"})
            return
        self._serve(body=body)

    def _serve(self, *, body: Any) -> None:
        self.record = RecordedRequest(method=self.command, path=self.path, body=body)
        if self.server.requests is not None:
            self.server.requests.append(self.record)  # list.append is atomic: no lock needed
        try:
            self._route(body)
        finally:
            self.record.finished.set()

    def _route(self, body: Any) -> None:
        backend = self.server.backend
        match self.command, self.path:
            case "GET", "/":
                self._send_bytes(200, b"Ollama is running", "text/plain; charset=utf-8")
            case "GET", "/api/version":
                self.send_json(200, {"version": backend.version})
            case "GET", "/api/tags":
                self.send_json(200, {"models": [model_entry(backend.model)]})
            case "POST", "/api/show":
                self.send_json(200, {"modelfile": "", "parameters": "", "template": "", "model_info": {},
                                     "details": model_entry(backend.model)["details"], "capabilities": ["completion"]})
            case "POST", "/api/chat" if isinstance(body, dict) and isinstance(body.get("messages", []), list):
                backend.chat(self, body)
            case "POST", "/api/chat":
                self.send_json(400, {"error": "a JSON object with a list of messages is required"})
            case _:
                self.send_json(404, {"error": f"{self.command} {self.path} not found"})

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    # Answering.

    def send_json(self, status: int, payload: Any) -> bool:
        return self._send_bytes(status, json.dumps(payload).encode(), "application/json; charset=utf-8")

    def _send_bytes(self, status: int, data: bytes, content_type: str) -> bool:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return True
        except OSError:
            self._mark_gone()
            return False

    def start_stream(self) -> bool:
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            return True
        except OSError:
            self._mark_gone()
            return False

    def send_line(self, payload: Any) -> bool:
        """One NDJSON line as one HTTP chunk; False when the client is gone."""
        data = json.dumps(payload).encode() + b"\n"
        return self._write_chunk(f"{len(data):X}\r\n".encode() + data + b"\r\n")

    def end_stream(self) -> bool:
        return self._write_chunk(b"0\r\n\r\n")

    def _write_chunk(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            return True
        except OSError:
            self._mark_gone()
            return False

    def send_chat(self, *, model: str, tokens: Generator[str, None, None], stream: bool,
                  prompt_tokens: int, num_predict: int | None = None) -> bool:
        """Answers a chat request from `tokens`, the way Ollama does.

        Returns True when the whole reply went out. When the client hangs up, `tokens` is
        closed at once (that is what stops a model generating) and nothing more is sent.
        If `tokens` raises, the client gets a 500 or, mid-stream, an `{"error"}` line.
        """
        started = time.monotonic_ns()
        sent: list[str] = []
        streaming = False
        try:
            for token in tokens:
                if self.client_gone():
                    return False
                if stream:
                    if not streaming:
                        streaming = self.start_stream()
                    if not self.send_line(chunk(model, token)):
                        return False
                sent.append(token)
            if self.client_gone():
                return False
            done_reason = "length" if num_predict is not None and 0 <= num_predict <= len(sent) else "stop"
            last = final_chunk(model, "" if stream else "".join(sent), prompt_tokens=prompt_tokens,
                               completion_tokens=len(sent), started_ns=started, done_reason=done_reason)
            if not stream:
                return self.send_json(200, last)
            return (streaming or self.start_stream()) and self.send_line(last) and self.end_stream()
        except Exception as exc:  # the model failed: report it the way Ollama does, keep serving
            log.exception("generation failed")
            if streaming:
                self.send_line({"error": str(exc)})
                self.end_stream()
            else:
                self.send_json(500, {"error": str(exc)})
            return False
        finally:
            tokens.close()

    # Watching the client.

    def client_gone(self) -> bool:
        """Whether the client hung up (or we cut the connection); costs one poll, no waiting."""
        if not (self._gone or self._dropped) and self._readable(0):
            self._check_eof()
        return self._gone or self._dropped

    def wait(self, seconds: float) -> bool:
        """Sleeps up to `seconds`, waking at once if the client hangs up or the server stops.

        Returns False in those two cases, True when the time simply passed.
        """
        return self.wait_until(time.monotonic() + seconds)

    def wait_until(self, deadline: float) -> bool:
        """`wait` until a `time.monotonic()` deadline: tokens paced by deadlines don't drift."""
        while not (self.server.stopping.is_set() or self.client_gone()):
            left = deadline - time.monotonic()
            if left <= 0:
                return True
            if self._readable(min(left, 0.1)):
                self._check_eof()
        return False

    def drop(self) -> None:
        """Cuts the connection without finishing the reply, as a crashing server would."""
        self._dropped = True
        self.close_connection = True
        with contextlib.suppress(OSError):  # the client may have closed it already
            self.connection.shutdown(socket.SHUT_RDWR)

    def _readable(self, timeout_s: float) -> bool:
        # poll, not select: select breaks on descriptors above 1024, which a benchmark reaches.
        poller = select.poll()
        poller.register(self.connection, select.POLLIN | select.POLLHUP | select.POLLERR)
        # Rounded up: the last fraction of a millisecond is slept, not spun through with 0 ms polls.
        return bool(poller.poll(math.ceil(timeout_s * 1000)))

    def _check_eof(self) -> None:
        try:
            if not self.connection.recv(1, socket.MSG_PEEK):
                self._mark_gone()
        except OSError:
            self._mark_gone()

    def _mark_gone(self) -> None:
        self.close_connection = True
        if not self._gone and not self._dropped:
            self._gone = True
            if self.record is not None:
                self.record.client_closed = True


def serve_in_thread(server: OllamaHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name=f"ollama-http-{server.server_address[1]}", daemon=True)
    thread.start()
    return thread


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def chunk(model: str, content: str) -> dict[str, Any]:
    return {"model": model, "created_at": _now(), "message": {"role": "assistant", "content": content}, "done": False}


def final_chunk(model: str, content: str, *, prompt_tokens: int, completion_tokens: int, started_ns: int,
                done_reason: str = "stop") -> dict[str, Any]:
    total_ns = time.monotonic_ns() - started_ns
    return {**chunk(model, content), "done": True, "done_reason": done_reason, "total_duration": total_ns,
            "load_duration": 0, "prompt_eval_count": prompt_tokens, "prompt_eval_duration": 0,
            "eval_count": completion_tokens, "eval_duration": total_ns}


def model_entry(name: str) -> dict[str, Any]:
    return {"name": name, "model": name, "modified_at": _now(), "size": 0, "digest": "",
            "details": {"format": "gguf", "family": "llama", "families": ["llama"],
                        "parameter_size": "", "quantization_level": ""}}


def estimate_tokens(messages: list[Any]) -> int:
    """A rough prompt size (about four characters a token) for prompt_eval_count."""
    chars = sum(len(str(m.get("content", ""))) for m in messages if isinstance(m, dict))
    return max(1, chars // 4)
