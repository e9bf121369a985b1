"""Grading calibration: do the report's grades agree with grades a person gave?

Run from the project root:  python bench/grading.py [--model]

The hand-graded set is `bench/calibration/questions.jsonl`: per question (English and Russian,
technical, behavioural and screening), an ideal answer, key points and seven answers graded by
hand (excellent, good, partial, wrong-on-topic, off-topic, gibberish, a non-answer). Each answer
goes through `interviews.grader.grade`, the function the report uses. Reported per grader:
mean and minimum per-question Spearman with the hand grades, mean absolute error, how often
excellent > partial > off-topic holds strictly, abstentions on gibberish and non-answers (no
score is right), false abstentions on real answers, and CPU time per answer.

`--model` adds the configured model (OLLAMA_HOST / OLLAMA_MODEL) as a second grader beside the
offline one, as LLM_GRADING does; without a reachable server it says so and skips.
The weights were fitted on this set (bench/calibration/fit.py prints held-out folds too).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench.calibration.fit import load, spearman  # noqa: E402
from bench.report import table  # noqa: E402

ABSTAIN_LABELS = ("gibberish", "non_answer")


def run(questions: list[dict], *, use_model: bool) -> dict:
    from interviews.grader import Rubric, grade

    per_q, errors, ordered, abstained, false_abstained, cpu = [], [], 0, 0, 0, []
    for q in questions:
        rubric = Rubric(question=q["question"], ideal_answer=q["ideal_answer"], key_points=tuple(q["key_points"]),
                        language=q["language"])
        truth, got, by_label = [], [], {}
        for a in q["answers"]:
            started = time.process_time()
            result = grade(rubric, a["text"], use_model=use_model)
            cpu.append(time.process_time() - started)
            score = 0 if result.score is None else result.score
            truth.append(a["grade"])
            got.append(score)
            by_label[a["label"]] = score
            errors.append(abs(score - a["grade"]))
            if a["label"] in ABSTAIN_LABELS:
                abstained += result.score is None
            elif result.score is None:
                false_abstained += 1
        per_q.append(spearman(truth, got))
        ordered += by_label["excellent"] > by_label["partial"] > by_label["off_topic"]
    n = len(questions)
    return {"mean_rho": statistics.mean(per_q), "min_rho": min(per_q), "mae": statistics.mean(errors),
            "ordered": ordered / n, "abstained": abstained / (2 * n),
            "false_abstained": false_abstained, "cpu_ms": 1000 * statistics.mean(cpu)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", action="store_true", help="also grade with the configured model")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlyjobless.settings")
    import django

    django.setup()
    from django.conf import settings

    questions = load()
    rows = [("offline (rubric)", run(questions, use_model=False))]
    if args.model:
        from llm import client as llm

        try:
            llm.chat_json_sync([{"role": "user", "content": "Say {}"}], schema={"type": "object"}, retries=0)
            rows.append((f"rubric + {settings.OLLAMA_MODEL}", run(questions, use_model=True)))
        except llm.LLMError as error:
            print(f"(no model at {settings.OLLAMA_HOST}: {error}; skipped)")
    report_s = _report_seconds(questions)
    langs = {q["language"] for q in questions}
    print(f"Grading calibration: {len(questions)} questions ({', '.join(sorted(langs))}), "
          f"{sum(len(q['answers']) for q in questions)} hand-graded answers")
    print(table(["grader", "Spearman mean", "min", "MAE", "exc>part>off", "abstains on junk", "false abst.",
                 "CPU ms/answer"],
                [[name, f"{r['mean_rho']:.2f}", f"{r['min_rho']:.2f}", f"{r['mae']:.1f}", f"{r['ordered']:.0%}",
                  f"{r['abstained']:.0%}", str(r["false_abstained"]), f"{r['cpu_ms']:.0f}"] for name, r in rows]))
    print(f"A 5-question report (five excellent answers graded as the worker does, rubrics not yet "
          f"embedded): {report_s:.2f} s wall")


def _report_seconds(questions: list[dict]) -> float:
    """Wall time to grade a five-question interview offline, as `evaluation.evaluate_chat` does after Finish."""
    from interviews import embeddings
    from interviews.evaluation import grade_question

    embeddings._cache.clear()  # a worker meets a chat's rubrics for the first time
    started = time.perf_counter()
    for q in questions[:5]:
        question = {"id": q["id"], "text": q["question"], "ideal_answer": q["ideal_answer"], "key_points": q["key_points"]}
        grade_question(question=question, answer=q["answers"][0]["text"], language=q["language"], use_model=False)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
