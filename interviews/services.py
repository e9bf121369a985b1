"""Chat management shared by the pages and the API: start, list, rename, delete, finish, report, retry.

The answer path (post, stream, stop, retry a reply, hints) lives in `interviews.answering`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interviews import chats, kinds, plan, prompts
from interviews.errors import ChatConflict, ChatError, ChatNotFound, InvalidMessage, LimitExceeded, chat_id_or_404
from interviews.feedback import rate_persona
from interviews.models import Feedback, Persona
from interviews.progress import change_progress
from interviews.tasks import evaluate_chat_task
from llm import local_status
from vacancies.models import Vacancy
from vacancies.services import question_set_snapshot

# In the language of the request that opens the chat, like the coach's default title.
FREE_GREETING = gettext_lazy(
    "Hi! I'm your interview coach. Tell me which role you're preparing for, ask me anything about "
    "interviews, or say **\"mock interview\"** and I'll ask you questions one at a time."
)
RUBRICS_FILE = Path(__file__).parent / "data" / "rubrics.json"
# A queued evaluation not started by then is taken as lost (its worker died): Finish queues it again.
EVALUATION_STALE_S = 10 * 60
TITLE_MAX_CHARS = 120

kinds.register(kinds.ChatKind(name="free", planned=False, coaching=False, label=gettext_lazy("Coach")))
kinds.register(kinds.ChatKind(name="practice"))


@cache
def _rubrics() -> dict:
    """The interview's own questions (general set, focus question) with their key points, en + ru."""
    return json.loads(RUBRICS_FILE.read_text())


# ---------------------------------------------------------------- chats

def get_chat(*, user_id: str, chat_id: str) -> dict:
    chat = chats.get_chat(user_id=user_id, chat_id=chat_id_or_404(chat_id))
    if chat is None:
        raise ChatNotFound()
    return chat


def check_daily_chat_limit(*, user_id: str) -> None:
    since = timezone.now() - timedelta(days=1)
    if chats.count_chats_created_since(user_id=user_id, since=since) >= settings.CHATS_PER_DAY:
        raise LimitExceeded(
            _("You can start %(n)d chats a day. Continue an existing chat or come back tomorrow.")
            % {"n": settings.CHATS_PER_DAY},
            retry_after=3600,
        )


def create_free_chat(*, user_id: str, title: str = "") -> dict:
    """A coach chat without vacancy or persona, opened with a greeting (no model call)."""
    check_daily_chat_limit(user_id=user_id)
    chat = chats.new_chat_document(
        user_id=user_id,
        title=(title or "").strip()[:TITLE_MAX_CHARS] or _("Interview coach"),
        kind="free",
        system_prompt=prompts.FREE_CHAT_SYSTEM_PROMPT,
        plan=plan.new_plan([]),
    )
    greeting = chats.new_message(chat_id=chat["_id"], user_id=user_id, role="assistant", kind="greeting",
                                 content=str(FREE_GREETING))
    return chats.insert_chat(chat, greeting=greeting)


def start_chat(*, user, title: str = "", vacancy_id: int | None = None, persona_id: int | None = None,
               focus_skills: list[str] | None = None) -> dict:
    """A practice interview when a vacancy or persona is given, else a free coach chat.

    `focus_skills` (with a vacancy) builds the plan around those skills, e.g. the ones the
    candidate's resume is missing."""
    if vacancy_id is None and persona_id is None:
        return create_free_chat(user_id=str(user.pk), title=title)
    skills = _clean_focus_skills(focus_skills)
    if skills and vacancy_id is None:
        raise InvalidMessage(_("Choose a vacancy to practise its skills."))
    return start_interview(user=user, title=title, vacancy_id=vacancy_id, persona_id=persona_id, focus_skills=skills)


def _clean_focus_skills(skills: object) -> list[str]:
    if skills is None:
        return []
    if not isinstance(skills, list) or not all(isinstance(skill, str) for skill in skills):
        raise InvalidMessage(_("Skills to focus on must be a list of names."))
    cleaned = list(dict.fromkeys(skill.strip()[:60] for skill in skills if skill.strip()))
    if len(cleaned) > plan.FOCUS_SKILLS_MAX:
        raise InvalidMessage(_("Focus on at most %(n)d skills at a time.") % {"n": plan.FOCUS_SKILLS_MAX})
    return cleaned


def general_questions(*, language: str) -> list[dict]:
    """The set for interviews with a persona but no vacancy, in the interview's language."""
    general = _rubrics()["general"]
    return [{**question, "id": f"g{index}"} for index, question in enumerate(general.get(language) or general["en"])]


def _greeting(*, persona: Persona | None, vacancy: Vacancy | None, chat: dict) -> str:
    name = persona.name if persona else "OnlyJobless"
    total = len(plan.questions(chat))
    first = plan.question_text(chat, plan.questions(chat)[0]["id"])
    if chat.get("language") == "ru":
        role = f" на позицию «{vacancy.title}» в {vacancy.company}" if vacancy else ""
        return (f"Здравствуйте! Меня зовут {name}, я проведу с вами собеседование{role}. Будет {total} вопросов; "
                f"отвечайте так, как ответили бы на настоящем интервью. Если застрянете, попросите подсказку."
                f"\n\n{first}")
    role = f" for the **{vacancy.title}** role at {vacancy.company}" if vacancy else ""
    return (f"Hello! I'm {name}, and I'll be interviewing you today{role}. We'll go through {total} questions; "
            f"answer as you would in a real interview, and ask for a hint if you get stuck.\n\n{first}")


def start_interview(*, user, title: str = "", vacancy_id: int | None, persona_id: int | None,
                    plan_questions: list[dict] | None = None, focus_skills: list[str] | None = None) -> dict:
    """Start a practice chat: snapshot the vacancy's current question set and greet with question 1.

    Guarantees: the plan (questions with their key points) is stored on the chat, so later edits
    don't change it; no model call is needed to start, so an interview starts even when the LLM is
    down; the chat runs on its persona's model (or OLLAMA_MODEL).
    """
    vacancy, version = None, None
    if vacancy_id is not None:
        vacancy = Vacancy.objects.visible_to(user).filter(pk=vacancy_id).first()
        if vacancy is None:
            raise ChatNotFound(_("Vacancy not found."))
    # Screening personas run employers' screenings only; they are not practice interviewers.
    personas = Persona.objects.for_practice(language=vacancy.language if vacancy else user.preferred_language)
    if persona_id is not None:
        persona = personas.filter(pk=persona_id).first()
        if persona is None:
            raise ChatNotFound(_("Interviewer not found."))
    else:
        persona = personas.first()
    language = vacancy.language if vacancy else (persona.language if persona else "en")
    if plan_questions is None:
        question_set = vacancy.current_question_set() if vacancy else None
        if question_set is not None:
            snapshot = question_set_snapshot(question_set)
            version, plan_questions = snapshot["version"], snapshot["questions"]
        else:
            plan_questions = general_questions(language=language)
    if focus_skills:
        plan_questions = plan.focus_plan(plan_questions, focus_skills, language=language,
                                         key_points=_rubrics()["focus"])
    if not plan_questions:
        raise ChatError(_("This vacancy has no interview questions yet."))
    check_daily_chat_limit(user_id=str(user.pk))
    default_title = f"{vacancy.title} · {persona.name}" if vacancy and persona else str(vacancy or persona or "Interview")
    chat = chats.new_chat_document(
        user_id=str(user.pk),
        title=(title or "").strip()[:TITLE_MAX_CHARS] or default_title[:TITLE_MAX_CHARS],
        kind="practice",
        system_prompt=persona.system_prompt if persona else "",
        vacancy_id=vacancy.pk if vacancy else None,
        persona_id=persona.pk if persona else None,
        question_set_version=version,
        plan=plan.new_plan(plan_questions),
        extra={"vacancy_title": vacancy.title if vacancy else "", "persona_name": persona.name if persona else "",
               "language": language, "model": persona.model_name if persona else settings.OLLAMA_MODEL},
    )
    greeting = chats.new_message(chat_id=chat["_id"], user_id=str(user.pk), role="assistant", kind="greeting",
                                 content=_greeting(persona=persona, vacancy=vacancy, chat=chat),
                                 question_id=plan.questions(chat)[0]["id"])
    return chats.insert_chat(chat, greeting=greeting)


def rename_chat(*, user_id: str, chat_id: str, title: str) -> dict:
    title = (title or "").strip()
    if not title:
        raise InvalidMessage(_("A chat title cannot be empty."))
    if len(title) > TITLE_MAX_CHARS:
        raise InvalidMessage(_("A chat title can be at most %(n)d characters.") % {"n": TITLE_MAX_CHARS})
    chat = chats.update_chat(user_id=user_id, chat_id=chat_id_or_404(chat_id), changes={"title": title})
    if chat is None:
        raise ChatNotFound()
    return chat


def delete_chat(*, user_id: str, chat_id: str) -> None:
    """Soft-delete an own chat, unless its kind keeps it (a screening belongs to its application)."""
    chat = get_chat(user_id=user_id, chat_id=chat_id)
    kind = kinds.get(chat.get("kind"))
    if not kind.deletable:
        raise ChatConflict(str(kind.not_deletable))
    if not chats.soft_delete_chat(user_id=user_id, chat_id=chat["_id"]):
        raise ChatNotFound()


def delete_all_chats(*, user_id: str) -> int:
    """Soft-delete the user's chats except the kinds that must stay; returns how many."""
    return chats.soft_delete_all(user_id=user_id, keep_kinds=kinds.undeletable())


def list_chats(*, user_id: str, limit: int = 20, cursor: str | None = None) -> tuple[list[dict], str | None]:
    """A page of chats, newest activity first, and the cursor of the next page (or None)."""
    after = _decode_cursor(cursor) if cursor else None
    items = chats.list_chats(user_id=user_id, limit=limit + 1, after=after)
    next_cursor = _encode_cursor(items[limit - 1]) if len(items) > limit else None
    return items[:limit], next_cursor


def _encode_cursor(chat: dict) -> str:
    return f"{int(chat['updated_at'].timestamp() * 1_000_000)}.{chat['_id']}"


def _decode_cursor(cursor: str) -> tuple[datetime, chats.Id]:
    try:
        micros, last_id = cursor.split(".", 1)
        when, after = datetime.fromtimestamp(int(micros) / 1_000_000, UTC), chats.parse_id(last_id)
    except (ValueError, OverflowError, OSError) as error:  # any malformed cursor is the same sentence
        raise InvalidMessage(_("The cursor is not valid; start from the first page.")) from error
    if after is None:
        raise InvalidMessage(_("The cursor is not valid; start from the first page."))
    return when, after


def list_messages(*, user_id: str, chat_id: str, limit: int = 50, before: str | None = None) -> tuple[list[dict], str | None]:
    """A page of a chat's messages, oldest → newest, ending just before `before`."""
    return chat_page(user_id=user_id, chat_id=chat_id, limit=limit, before=before)[1:]


def chat_page(*, user_id: str, chat_id: str, limit: int = 50,
              before: str | None = None) -> tuple[dict, list[dict], str | None]:
    """The chat, a page of its messages (oldest → newest, ending just before `before`) and the cursor of
    the page before it: the chat is read once, the page costs the same in a chat of any size."""
    chat = get_chat(user_id=user_id, chat_id=chat_id)
    before_id = None
    if before:
        before_id = chats.parse_id(before)
        if before_id is None:
            raise InvalidMessage(_("`before` must be a message id."))
    # A reply left streaming by a writer that died is shown, and stored, as failed: Retry works.
    items = [chats.settle_reply(message) for message in chats.list_messages(chat_id=chat["_id"], limit=limit + 1,
                                                                            before=before_id, chat=chat)]
    if len(items) > limit:
        items = items[1:]
    elif not items or items[0].get("seq", 1) <= 1:  # numbers can skip (a turn whose save failed): ask them
        return chat, items, None
    return chat, items, str(items[0]["_id"])


# ---------------------------------------------------------------- practice: finish, report, retry

def _coached_chat(chat: dict) -> dict:
    if not plan.questions(chat):
        raise ChatConflict(_("Hints, model answers and reports are for practice interviews."))
    kind = kinds.get(chat.get("kind"))
    if not kind.coaching:
        raise ChatConflict(str(kind.no_coaching))
    return chat


def finish_interview(*, user, chat_id: str) -> dict:
    """Close the interview, add its minutes to the user's progress and queue the evaluation.

    Finishing again queues nothing while an evaluation is queued or done; it re-queues a failed
    one, or one queued longer than EVALUATION_STALE_S ago (its job was lost). A kind with its own
    finish (a screening: the employer's assessment, not a report) handles it instead.
    """
    chat = get_chat(user_id=str(user.pk), chat_id=chat_id)
    if not plan.questions(chat):
        raise ChatConflict(_("Hints, model answers and reports are for practice interviews."))
    kind = kinds.get(chat.get("kind"))
    if kind.on_finish is not None:
        return kind.on_finish(candidate=user, chat=chat)
    first_finish = chat.get("status") != "finished"
    claimed = chats.claim_evaluation(user_id=str(user.pk), chat_id=chat["_id"], total=len(plan.questions(chat)),
                                     stale_s=EVALUATION_STALE_S)
    if claimed is None:  # queued already, or graded: a second press changes nothing
        return get_chat(user_id=str(user.pk), chat_id=chat_id)  # as the press that queued it left it
    chat = claimed
    if first_finish and chat.get("persona_id"):
        persona = Persona.objects.filter(pk=chat["persona_id"]).first()
        if persona is not None:
            change_progress(user=user, persona=persona, op="add", minutes=plan.practice_minutes(chat))
    evaluate_chat_task.enqueue(str(chat["_id"]))
    return chat


def report(*, user_id: str, chat_id: str) -> dict:
    """The report of a practice chat: pending (not finished or being evaluated), ready or failed."""
    chat = _coached_chat(get_chat(user_id=user_id, chat_id=chat_id))
    evaluation = chat.get("evaluation") or {"status": "pending"}
    questions = evaluation.get("questions", [])
    return {"chat": chat, **evaluation, "questions": questions, "overall": evaluation.get("overall"),
            "question_count": evaluation.get("question_count", len(questions)),
            "answered_count": evaluation.get("answered_count", sum(q["verdict"] != "not_answered" for q in questions)),
            "models_label": ", ".join(evaluation.get("models") or [])}


def retry_mistakes(*, user, chat_id: str) -> dict:
    """A new practice chat with the questions scored 5 or less, or not answered."""
    chat = _coached_chat(get_chat(user_id=str(user.pk), chat_id=chat_id))
    evaluation = chat.get("evaluation") or {}
    if evaluation.get("status") != "ready":
        raise ChatConflict(_("The report is not ready yet."))
    if not kinds.get(chat.get("kind")).schedules_questions:
        raise ChatConflict(_("This chat's questions can't be asked on their own: start a new one to practise."))
    weak = set(plan.weak_question_ids(evaluation))
    if not weak:
        raise ChatConflict(_("No weak questions to retry: every question scored 6 or more."))
    questions = [q for q in plan.questions(chat) if q["id"] in weak]
    return start_interview(user=user, title=(_("Retry: %(title)s") % {"title": chat["title"]})[:TITLE_MAX_CHARS],
                           vacancy_id=chat.get("vacancy_id"), persona_id=chat.get("persona_id"),
                           plan_questions=questions)


def rate_chat_persona(*, user, chat_id: str, rating: int, comment: str = "", allow_training: bool = False) -> Feedback:
    chat = get_chat(user_id=str(user.pk), chat_id=chat_id)
    kind = kinds.get(chat.get("kind"))
    if not kind.ratable:
        raise ChatConflict(str(kind.no_coaching))
    persona = Persona.objects.filter(pk=chat.get("persona_id")).first() if chat.get("persona_id") else None
    if persona is None:
        raise ChatConflict(_("This chat has no interviewer to rate."))
    return rate_persona(user=user, persona=persona, chat_id=str(chat["_id"]), rating=rating, comment=comment,
                        allow_training=allow_training)


def has_rated(*, user, chat_id: str) -> bool:
    return Feedback.objects.filter(user=user, chat_id=chat_id).exists()


def new_chat_context(*, user, selected_vacancy: str | None) -> dict:
    """What the "new interview" page offers."""
    vacancies = list(Vacancy.objects.published().order_by("title"))
    return {
        "personas": list(Persona.objects.for_practice(language=user.preferred_language)),
        "vacancies": vacancies,
        "selected_vacancy": next((v for v in vacancies if str(v.pk) == selected_vacancy), None),
        "title_max_chars": TITLE_MAX_CHARS,
    }


def chat_page_context(*, chat: dict) -> dict:
    """Progress through the plan, for the chat window's header, and what the page may offer."""
    questions = plan.questions(chat)
    current = min(plan.current_index(chat), len(questions))
    kind = kinds.get(chat.get("kind"))
    finished = chat.get("status") == "finished"
    return {
        "is_practice": kind.planned and bool(questions),
        "questions": questions,
        "question_number": min(current + 1, len(questions)),
        "question_total": len(questions),
        "answered_all": plan.answered_all(chat),
        "can_delete": kind.deletable,
        "can_coach": kind.coaching and not finished,
        "has_report": kind.coaching and kind.planned,
        "finished": finished,
        "after_finish_url": kind.after_finish_url,
        "after_finish_label": kind.after_finish_label,
        "finished_note": kind.finished_note,
        "message_max_chars": settings.MESSAGE_MAX_CHARS,
        "local_model": local_status.current(),
        "title_max_chars": TITLE_MAX_CHARS,
    }
