"""Chat and message documents → the JSON shapes the API returns (and pages reuse)."""

from interviews import plan
from interviews.rendering import render_markdown


def chat_out(chat: dict) -> dict:
    questions = plan.questions(chat)
    current = plan.current_question(chat) if chat.get("status", "active") != "finished" else None
    return {
        "id": str(chat["_id"]),
        "title": chat.get("title", ""),
        "kind": chat.get("kind", "free"),
        "vacancy_id": chat.get("vacancy_id"),
        "persona_id": chat.get("persona_id"),
        "status": chat.get("status", "active"),
        "language": chat.get("language", ""),  # the interview's (its vacancy's), when it has one
        "message_count": chat.get("message_count", 0),
        "last_message_preview": chat.get("last_message_preview", ""),
        "question_count": len(questions),
        "current_question": min(plan.current_index(chat), len(questions)),
        # The open question, verbatim (the chat list's projection leaves question texts out).
        "current_question_text": (current or {}).get("text"),
        "created_at": chat["created_at"],
        "updated_at": chat["updated_at"],
    }


def message_out(message: dict) -> dict:
    return {
        "id": str(message["_id"]),
        "chat_id": str(message["chat_id"]),
        "role": message["role"],
        "kind": message.get("kind", "reply"),
        "content": message.get("content", ""),
        "html": render_markdown(message.get("content", "")),
        "status": message.get("status", "complete"),
        "error": message.get("error"),
        "question_id": message.get("question_id"),
        "meta": message.get("meta") or {},
        "created_at": message["created_at"],
    }
