"""The interview plan: the app, not the model, decides which question comes next."""

from __future__ import annotations


def current_question(chat: dict) -> dict | None:
    plan = chat.get("plan") or {}
    questions = plan.get("questions") or []
    index = plan.get("current", 0)
    return questions[index] if 0 <= index < len(questions) else None


def turn_instruction(chat: dict) -> str | None:
    """What this assistant turn must do: acknowledge briefly, then ask plan.current (or wrap up)."""
    plan = chat.get("plan") or {}
    questions = plan.get("questions") or []
    if not questions:
        return None
    question = current_question(chat)
    if question is None:
        return (
            "The candidate has answered the last planned question. Thank them in one or two sentences, "
            "do not ask any new question, and tell them to press Finish to get their scored report."
        )
    number = plan.get("current", 0) + 1
    return (
        f"Acknowledge the candidate's last answer in one or two sentences without grading it and without "
        f"revealing a model answer. Then ask question {number} of {len(questions)}, exactly as written:\n"
        f"\"{question['text']}\""
    )


def start_interview(*, user, title: str, vacancy_id: int | None, persona_id: int | None) -> dict:
    from interviews.services import InvalidMessage

    raise InvalidMessage("Practice interviews with a vacancy or persona are not available yet.")


def new_chat_context(*, request) -> dict:
    """What the "new interview" page offers."""
    return {"personas": [], "vacancies": [], "selected_vacancy": None}


def chat_page_context(*, chat: dict) -> dict:
    """Progress through the plan, for the chat window's header."""
    plan = chat.get("plan") or {}
    questions = plan.get("questions") or []
    current = min(plan.get("current", 0), len(questions))
    return {
        "is_practice": chat.get("kind") in ("practice", "screening") and bool(questions),
        "questions": questions,
        "question_number": min(current + 1, len(questions)),
        "question_total": len(questions),
        "answered_all": bool(questions) and plan.get("current", 0) >= len(questions),
    }
