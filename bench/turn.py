"""Interviewer turn with the offline model: time to first token, and what the model adds.

Run from the project root:  python bench/turn.py [--turns 16]

Starts the offline server (`python -m llm.local_server`, SmolLM2-135M through llama.cpp) on a
free port, or uses OLLAMA_HOST when it is set, and plays interviewer turns the way a chat does:
`answering._interviewer_turn`, the model's filtered acknowledgement then the app's next question.
Time to first token is what the candidate waits for: the first accepted sentence of the
acknowledgement, or the question itself when the acknowledgement is dropped or times out.
Prints the percentiles and every acknowledgement (kept or dropped), to be read.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench.report import percentile, table  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server() -> tuple[str, subprocess.Popen | None]:
    if os.environ.get("OLLAMA_HOST"):
        return os.environ["OLLAMA_HOST"], None
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "llm.local_server", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return f"http://127.0.0.1:{port}", process
        time.sleep(0.2)
    process.kill()
    raise SystemExit("the offline LLM server did not start (is llama-cpp-python installed? `make local-llm`)")


def _samples(count: int) -> list[tuple[str, str, str, str]]:
    """(language, question, answer, next question) from the demo vacancies: answers are the first
    sentences of the ideal answers, as a candidate would give them."""
    from demo.data import VACANCIES

    rows = []
    for vacancy in VACANCIES:
        questions = vacancy["questions"]
        for first, second in zip(questions, questions[1:], strict=False):
            rows.append((vacancy["language"], first["text"], first["ideal_answer"].split(". ")[0] + ".", second["text"]))
            break
    return (rows * 2)[:count]


async def _turn(language: str, question: str, answer: str, next_question: str) -> tuple[float, str, str]:
    from interviews import answering, plan

    chat = {"language": language, "plan": {"questions": [{"id": "1", "text": question}, {"id": "2", "text": next_question}]}}
    history = [{"role": "user", "content": answer, "question_id": "1"}]
    draft = plan.question_text(chat, "2")
    started = time.perf_counter()
    first, text = None, ""
    async for piece in answering._interviewer_turn(chat=chat, history=history, draft=str(draft), usage={}):
        first = first or time.perf_counter() - started
        text += piece
    ack = text.split("\n\n", 1)[0] if "\n\n" in text else ""
    return first or 0.0, ack, text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=16)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlyjobless.settings")
    import django

    django.setup()
    from django.conf import settings

    host, process = _server()
    settings.OLLAMA_HOST = host
    try:
        results = [asyncio.run(_turn(*sample)) for sample in _samples(args.turns)]
    finally:
        if process:
            process.terminate()
    ttft = [r[0] * 1000 for r in results]
    print(f"Interviewer turn, {len(results)} turns, model {settings.OLLAMA_MODEL} at {host}")
    print(table(["metric", "ms"], [["TTFT p50", f"{percentile(ttft, 0.5):.0f}"], ["TTFT p90", f"{percentile(ttft, 0.9):.0f}"],
                                   ["TTFT max", f"{max(ttft):.0f}"]]))
    kept = sum(1 for r in results if r[1])
    print(f"\nAcknowledgements kept: {kept} of {len(results)} (a dropped one leaves just the question)")
    for seconds, ack, _ in results:
        print(f"  {seconds * 1000:6.0f} ms  {ack or '(none)'}")


if __name__ == "__main__":
    main()
