"""A finished, scored practice interview, made through the services (no model needed: the offline grader)."""

from interviews import chats, evaluation, plan, services


def answer(user, chat: dict, question_index: int, content: str) -> None:
    question = plan.questions(chat)[question_index]
    chats.insert_messages([chats.new_message(chat_id=chat["_id"], user_id=str(user.pk), role="user", kind="answer",
                                             content=content, question_id=question["id"])])


def finished_report(user, *, vacancy, persona, answers: dict[int, str]) -> str:
    """Start an interview, answer the questions given by index, finish and grade it; returns the chat id."""
    chat = services.start_interview(user=user, vacancy_id=vacancy.pk, persona_id=persona.pk)
    for index, content in answers.items():
        answer(user, chat, index, content)
    services.finish_interview(user=user, chat_id=str(chat["_id"]))
    evaluation.evaluate_chat(chat_id=str(chat["_id"]))
    return str(chat["_id"])
