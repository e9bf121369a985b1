"""Grade answers from a JSONL file with the report's grader, e.g. to check it on your own questions.

    python manage.py grade_answers answers.jsonl > grades.jsonl
    cat answers.jsonl | python manage.py grade_answers -

Each input line: {"question": ..., "answer": ..., "key_points": [...], "ideal_answer": "...",
"language": "en"|"ru"}; key_points may be left out when there is an ideal answer. Each output line:
{"score", "verdict", "covered": [{"point", "quote"}], "missed", "evidence", "feedback"}, or
{"error"} for a line that cannot be graded (the others still are).
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from interviews import evaluation


class Command(BaseCommand):
    help = "Grade JSONL answers (question, answer, key_points, ideal_answer) offline; JSONL grades out."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a JSONL file, or - for standard input")
        parser.add_argument("--model", action="store_true", help="also ask the configured model (LLM_GRADING)")

    def handle(self, *args, path: str, model: bool, **options):
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        with stream:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    self.stdout.write(json.dumps(_grade_line(line, number, use_model=model), ensure_ascii=False))


def _grade_line(line: str, number: int, *, use_model: bool) -> dict:
    try:
        item = json.loads(line)
        question, answer = str(item["question"]), str(item.get("answer") or "")
    except (ValueError, KeyError, TypeError) as error:
        return {"line": number, "error": f"expected a JSON object with question and answer ({error})"}
    points = item.get("key_points") or []
    if not isinstance(points, list) or not all(isinstance(p, str) for p in points):
        return {"line": number, "error": "key_points must be a list of strings"}
    result = evaluation.grade_question(
        question={"id": str(number), "text": question, "ideal_answer": str(item.get("ideal_answer") or ""),
                  "key_points": points},
        answer=answer, language=str(item.get("language") or "en"), use_model=use_model)
    return {key: result[key] for key in ("score", "verdict", "covered", "missed", "evidence", "feedback")}
