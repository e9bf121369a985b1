"""A scripted fake Ollama server over real HTTP, for tests and benchmarks.

    server = FakeOllama().start()
    server.add_reply("Hello there", token_delay=0.01)
    server.add_failure("500")
    ... point settings.OLLAMA_HOST at server.url ...
    server.chat_requests[-1].body["messages"]
    server.stop()

Each POST /api/chat takes the next scripted item, in arrival order; with the script
empty it sends the default reply (or, when the request asks for `format`, a JSON value
built from the schema), so tests that don't care about the text still work. Benchmarks
can run it as a process: `python -m llm.fake --port 11436 --token-delay 0.02`.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import re
import threading
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from llm.protocol import Exchange, OllamaHTTPServer, RecordedRequest, chunk, estimate_tokens, serve_in_thread

DEFAULT_TEXT = "Thank you, that is helpful. Could you describe a recent project you are proud of?"


@dataclass(frozen=True)
class Reply:
    """A scripted answer: `text` is split into word tokens (a list gives the tokens exactly)."""

    text: str | list[str]
    token_delay: float = 0.0  # seconds between tokens
    first_token_delay: float = 0.0  # seconds before the first token

    @property
    def tokens(self) -> list[str]:
        if isinstance(self.text, list):
            return self.text
        # Split before each word that follows whitespace: "Hi there" -> ["Hi ", "there"].
        return [token for token in re.split(r"(?<=\s)(?=\S)", self.text) if token]


@dataclass(frozen=True)
class Failure:
    """A scripted failure: an HTTP status ("500", "503", "404"...), "hang" or "cut".

    "hang" accepts the request and never answers (until the client gives up);
    "cut" streams `after_tokens` tokens of `reply`, then drops the connection.
    """

    kind: str
    after_tokens: int = 0
    reply: Reply = Reply(DEFAULT_TEXT)

    def __post_init__(self) -> None:
        if not (self.kind in ("hang", "cut") or (self.kind.isdigit() and len(self.kind) == 3)):
            raise ValueError(f"unknown failure {self.kind!r}: use an HTTP status, 'hang' or 'cut'")


class FakeOllama:
    """Serves Ollama's API on 127.0.0.1 from a background thread; thread-safe."""

    model = "smollm2:latest"
    version = "0.0.0-fake"

    def __init__(self, *, default: Reply = Reply(DEFAULT_TEXT), host: str = "127.0.0.1", port: int = 0) -> None:
        self.default = default  # tests may swap it; reset() brings this one back
        self._initial_default = default
        self._address = (host, port)
        self._script: collections.deque[Reply | Failure] = collections.deque()
        self._lock = threading.Lock()
        self._http: OllamaHTTPServer | None = None
        self._requests: list[RecordedRequest] = []

    # Life cycle.

    def start(self) -> FakeOllama:
        """Listens (on the same port as before after a stop(), so a test can bring it back)."""
        self._http = OllamaHTTPServer(self._address, self, requests=self._requests)
        host, port = self._http.server_address[:2]
        self._address = (str(host), port)
        serve_in_thread(self._http)
        return self

    def stop(self) -> None:
        """Closes the port: new connections are refused; hanging requests are dropped."""
        if self._http is not None:
            self._http.stopping.set()
            self._http.shutdown()
            self._http.server_close()
            self._http = None

    @property
    def running(self) -> bool:
        return self._http is not None

    @property
    def url(self) -> str:
        return f"http://{self._address[0]}:{self._address[1]}"

    def reset(self) -> None:
        """Forgets the script and the recorded requests; restores the default reply."""
        with self._lock:
            self._script.clear()
        self._requests.clear()
        self.default = self._initial_default

    # Script.

    def add_reply(self, text: str | list[str], *, token_delay: float = 0.0, first_token_delay: float = 0.0) -> None:
        self._push(Reply(text, token_delay=token_delay, first_token_delay=first_token_delay))

    def add_failure(self, kind: str, *, after_tokens: int = 0, reply: Reply = Reply(DEFAULT_TEXT)) -> None:
        self._push(Failure(kind, after_tokens=after_tokens, reply=reply))

    def _push(self, item: Reply | Failure) -> None:
        with self._lock:
            self._script.append(item)

    def _next(self, body: dict[str, Any]) -> Reply | Failure:
        with self._lock:
            if self._script:
                return self._script.popleft()
        if body.get("format"):
            return Reply(json.dumps(example_for(body["format"])))
        return self.default

    # What was received.

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, oldest first."""
        return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The POST /api/chat requests; `.body["messages"]` is the prompt."""
        return [request for request in self._requests if request.path == "/api/chat"]

    # Answering (called by the HTTP layer, one thread per connection).

    def chat(self, exchange: Exchange, body: dict[str, Any]) -> None:
        item = self._next(body)
        model = str(body.get("model") or self.model)
        stream = body.get("stream", True) is not False
        if isinstance(item, Reply):
            exchange.send_chat(model=model, tokens=self._paced(exchange, item), stream=stream,
                               prompt_tokens=estimate_tokens(body.get("messages", [])),
                               num_predict=(body.get("options") or {}).get("num_predict"))
        elif item.kind == "hang":
            while exchange.wait(0.5):
                pass
            exchange.drop()
        elif item.kind == "cut":
            # A truncated chunked body, whatever `stream` asked for: the client must see a broken reply.
            exchange.start_stream()
            tokens = self._paced(exchange, item.reply)
            for token in itertools.islice(tokens, item.after_tokens):
                if not exchange.send_line(chunk(model, token)):
                    break
            tokens.close()
            exchange.drop()
        else:
            exchange.send_json(int(item.kind), {"error": f"scripted failure {item.kind}"})

    @staticmethod
    def _paced(exchange: Exchange, reply: Reply) -> Generator[str, None, None]:
        # Each token is due at a fixed time from the start, as a model's are: time spent sending one
        # (or a busy machine) delays that token, not every token after it.
        due = time.monotonic()
        for index, token in enumerate(reply.tokens):
            due += reply.first_token_delay if index == 0 else reply.token_delay
            if not exchange.wait_until(due):
                exchange.drop()  # the client left, or we are stopping: never claim the reply is done
                return
            yield token


def example_for(schema: Any) -> Any:
    """A small value valid for a JSON schema (the subset Ollama's `format` uses); `"json"` gives {}."""
    if not isinstance(schema, dict):
        return {}
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if schema.get(key):
            return example_for(schema[key][0])
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    match kind:
        case "object":
            return {name: example_for(sub) for name, sub in schema.get("properties", {}).items()}
        case "array":
            return [example_for(schema.get("items", {})) for _ in range(schema.get("minItems", 0))]
        case "integer" | "number":
            low, high = schema.get("minimum", 0), schema.get("maximum", schema.get("minimum", 0))
            return (low + high) // 2 if kind == "integer" else (low + high) / 2
        case "boolean":
            return True
        case "null":
            return None
        case _:
            length = schema.get("minLength") or min(2, schema.get("maxLength", 2))
            return ("ok" * length)[:length]


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake Ollama server that always gives the same reply.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11436)
    parser.add_argument("--text", default=DEFAULT_TEXT)
    parser.add_argument("--token-delay", type=float, default=0.0)
    parser.add_argument("--first-token-delay", type=float, default=0.0)
    args = parser.parse_args()
    default = Reply(args.text, token_delay=args.token_delay, first_token_delay=args.first_token_delay)
    server = OllamaHTTPServer((args.host, args.port), FakeOllama(default=default))
    print(f"Fake Ollama on http://{args.host}:{args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
