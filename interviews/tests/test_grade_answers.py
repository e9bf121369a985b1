import io
import json

from django.core.management import call_command

LINES = [
    {"question": "What is a database index?", "ideal_answer": "A B-tree kept sorted; fast reads, slower writes.",
     "key_points": ["An index is a sorted structure such as a B-tree", "It makes lookups fast",
                    "It slows down writes and takes space"],
     "answer": "An index is a B-tree kept in sorted order. It makes lookups fast. Every insert must update it, "
               "so writes get slower and it takes disk space."},
    {"question": "What is a database index?", "key_points": ["An index is a sorted structure such as a B-tree"],
     "answer": "I don't know."},
]


def test_it_grades_each_line_and_reports_bad_ones(tmp_path):
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join([json.dumps(LINES[0]), "not json", json.dumps(LINES[1])]) + "\n")
    out = io.StringIO()
    call_command("grade_answers", str(path), stdout=out)
    strong, bad, unanswered = (json.loads(line) for line in out.getvalue().splitlines())
    assert strong["verdict"] == "scored" and strong["score"] >= 7 and not strong["missed"]
    assert all(c["quote"] in LINES[0]["answer"] for c in strong["covered"])
    assert bad["line"] == 2 and "question and answer" in bad["error"]
    assert unanswered["verdict"] == "not_answered" and unanswered["score"] is None
