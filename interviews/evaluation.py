"""Scoring a finished interview, question by question, against each question's rubric.

Each planned question is graded by `interviews.grader` (abstention rules, the offline rubric
grader, and the model beside it where LLM_GRADING is on). The overall score counts every planned
question, unanswered ones as 0, so skipping questions can't lift it; the report says how many were
answered and how they were graded.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from interviews import chats, kinds, plan, practice_queue
from interviews.grader import Rubric, grade

logger = logging.getLogger(__name__)


def answers_by_question(messages: list[dict]) -> tuple[dict[str, str], set[str]]:
    """The candidate's words per question id, and the ids where a hint or model answer was shown."""
    answers: dict[str, list[str]] = {}
    helped: set[str] = set()
    for message in messages:
        if message["role"] == "user" and message.get("question_id"):
            answers.setdefault(message["question_id"], []).append(message["content"])
        if message.get("kind") in ("hint", "model_answer") and message.get("question_id"):
            helped.add(message["question_id"])
    return {qid: "\n".join(parts) for qid, parts in answers.items()}, helped


def rubric_for(question: dict, *, language: str) -> Rubric:
    question = plan.with_key_points(question)
    return Rubric(question=question["text"], ideal_answer=question.get("ideal_answer") or "",
                  key_points=tuple(question["key_points"]), language=language)


def grade_question(*, question: dict, answer: str, language: str = "en", use_model: bool | None = None) -> dict:
    """One question's line of the report (`use_model`: None follows LLM_GRADING)."""
    result = grade(rubric_for(question, language=language), answer, use_model=use_model)
    return {"id": question["id"], "question": question["text"], "topic": question.get("topic", ""),
            "answer": answer, "ideal_answer": question.get("ideal_answer", ""), **result.as_dict()}


def method_label(questions: list[dict]) -> dict:
    """How the report was graded, for its label."""
    models = sorted({q["model"] for q in questions if q.get("method") == "model" and q.get("model")})
    return {"method": "model" if models else "rubric", "models": models}


def evaluate_chat(*, chat_id: str) -> dict:
    """Grade every planned question of a finished chat and store the report on the chat.

    Idempotent: a rerun overwrites the previous evaluation. Progress is written as it goes so the
    report page can show it. The offline grader needs no model, so a report is always produced.
    """
    oid = chats.parse_id(chat_id)
    chat = chats.find_chat_for_work(chat_id=oid) if oid else None
    if chat is None:
        return {}
    questions = plan.questions(chat)
    language = chat.get("language", "en")
    answers, helped = answers_by_question(chats.chat_messages_for_report(chat_id=oid))
    # queued_at doubles as a heartbeat: Finish queues the job again only once it stops moving.
    chats.set_chat_fields(chat_id=oid, changes={"evaluation": {
        "status": "pending", "queued_at": datetime.now(UTC), "progress": {"done": 0, "total": len(questions)}}})
    results = []
    for index, question in enumerate(questions):
        if index:
            chats.set_chat_fields(chat_id=oid, changes={"evaluation.queued_at": datetime.now(UTC),
                                                        "evaluation.progress": {"done": index, "total": len(questions)}})
        result = grade_question(question=question, answer=answers.get(question["id"], ""), language=language)
        result["used_hint"] = question["id"] in helped
        results.append(result)
    evaluation = summarise(results)
    evaluation.update(evaluated_at=datetime.now(UTC), progress={"done": len(questions), "total": len(questions)})
    on_evaluated = kinds.get(chat.get("kind")).on_evaluated
    if on_evaluated is not None:
        evaluation.update(on_evaluated(chat=chat, evaluation=evaluation))
    chats.set_chat_fields(chat_id=oid, changes={"evaluation": evaluation})
    practice_queue.record_evaluation(chat=chat, evaluation=evaluation)
    return evaluation


def summarise(results: list[dict]) -> dict:
    """The report's totals: the overall counts every planned question (unanswered = 0)."""
    scored = [r["score"] for r in results if r["score"] is not None]
    answered = sum(1 for r in results if r["verdict"] != "not_answered")
    overall = round(sum(scored) / len(results), 1) if results else None
    return {
        "status": "ready",
        "overall": overall,
        "answered_count": answered,
        "question_count": len(results),
        "scored_count": len(scored),
        "unanswered_count": len(results) - answered,
        "questions": results,
        **method_label(results),
    }
