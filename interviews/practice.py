"""Practice interviews: the app, not the model, holds the plan and decides which question comes next."""

from __future__ import annotations

import math

from django.utils import timezone
from django.utils.translation import gettext as _

from interviews import chats
from resumes.skills import names_term

# Interviews with a persona but no vacancy use a general set, stored on the chat like any plan.
GENERAL_QUESTIONS = [
    ("Introduction", "Tell me about yourself and what you are looking for in your next role.",
     "A 60-90 second story: current role and scope, two or three achievements with numbers, the skills that "
     "matter for this job, and why this role is the logical next step."),
    ("Behavioural", "Describe a difficult problem you solved at work. What did you do, and what was the result?",
     "STAR: the situation and why it was hard, the candidate's own actions (not the team's), the measurable "
     "result, and what they learned or would do differently."),
    ("Teamwork", "Tell me about a disagreement with a colleague and how you resolved it.",
     "Shows listening first, focusing on the goal rather than the person, using data or a small experiment to "
     "decide, escalating only when needed, and keeping the relationship good afterwards."),
    ("Growth", "What is a piece of feedback you received that changed how you work?",
     "Names specific feedback, shows no defensiveness, describes the concrete change made and evidence that "
     "it worked."),
    ("Motivation", "Why do you want this job, and what would you do in your first 90 days?",
     "Connects the candidate's strengths to the role's needs; a 30/60/90 plan: learn the product and people, "
     "deliver a first small win, then own a larger goal."),
]


class PracticeError(Exception):
    pass


def current_question(chat: dict) -> dict | None:
    plan = chat.get("plan") or {}
    questions = plan.get("questions") or []
    index = plan.get("current", 0)
    return questions[index] if 0 <= index < len(questions) else None


def turn_instruction(chat: dict, message: dict | None = None) -> str | None:
    """What this assistant turn must do, decided by the app from the plan."""
    kind = (message or {}).get("kind", "reply")
    question = current_question(chat)
    if kind in ("hint", "model_answer"):
        if question is None:
            return "There is no open question. Say so briefly."
        grounding = question.get("ideal_answer", "")
        if kind == "hint":
            return (f"The candidate asked for a hint for the question: \"{question['text']}\". Give one or two "
                    f"sentences that point them in the right direction, based on these key points, without giving "
                    f"the full answer: {grounding}")
        return (f"The candidate asked for a model answer to the question: \"{question['text']}\". Write a concise, "
                f"strong answer (at most 150 words) that covers these key points: {grounding}")
    plan = chat.get("plan") or {}
    questions = plan.get("questions") or []
    if not questions:
        return None
    if question is None and chat.get("kind") == "screening":
        return ("The candidate has answered the last planned question. There are no more questions. Thank them in "
                "one or two sentences, do not ask any new question, and tell them that the employer will review the "
                "conversation and reply through the platform.")
    if question is None:
        return ("The candidate has answered the last planned question. Thank them in one or two sentences, do not "
                "ask any new question, and tell them to press Finish to get their scored report.")
    return (f"Acknowledge the candidate's last answer in one or two sentences without grading it and without "
            f"revealing a model answer. Then ask question {plan.get('current', 0) + 1} of {len(questions)}, "
            f"exactly as written:\n\"{question['text']}\"")


def _greeting(*, persona, vacancy, questions: list[dict], language: str) -> str:
    first = questions[0]["text"]
    name = persona.name if persona else "OnlyJobless"
    if language == "ru":
        role = f" на позицию «{vacancy.title}» в {vacancy.company}" if vacancy else ""
        return (f"Здравствуйте! Меня зовут {name}, я проведу с вами собеседование{role}. "
                f"Будет {len(questions)} вопросов; отвечайте так, как ответили бы на настоящем интервью. "
                f"Если застрянете, попросите подсказку.\n\n**Вопрос 1 из {len(questions)}:** {first}")
    role = f" for the **{vacancy.title}** role at {vacancy.company}" if vacancy else ""
    return (f"Hello! I'm {name}, and I'll be interviewing you today{role}. We'll go through {len(questions)} "
            f"questions; answer as you would in a real interview, and ask for a hint if you get stuck.\n\n"
            f"**Question 1 of {len(questions)}:** {first}")


FOCUS_SKILLS_MAX = 10
FOCUS_OTHER_QUESTIONS = 2


def _mentions(question: dict, skill: str) -> bool:
    return any(names_term(question.get(field) or "", skill) for field in ("topic", "text", "ideal_answer"))


def focus_plan(questions: list[dict], skills: list[str], *, language: str) -> list[dict]:
    """The plan for practising the skills a candidate is missing: the vacancy's questions about
    them first, a question of our own for a skill none of them covers, then a couple of others
    so it still feels like this vacancy's interview."""
    focused = [q for q in questions if any(_mentions(q, skill) for skill in skills)]
    covered = {skill for skill in skills if any(_mentions(q, skill) for q in focused)}
    own = [
        {"id": f"f{i}", "topic": skill, "text": (FOCUS_QUESTION_RU if language == "ru" else FOCUS_QUESTION) % {"skill": skill},
         "ideal_answer": (FOCUS_IDEAL_RU if language == "ru" else FOCUS_IDEAL) % {"skill": skill}}
        for i, skill in enumerate(skills) if skill not in covered
    ]
    others = [q for q in questions if q not in focused][:FOCUS_OTHER_QUESTIONS]
    return focused + own + others


# Worded here, not through gettext: the interview speaks the vacancy's language, not the UI's.
FOCUS_QUESTION = ("This role needs %(skill)s. Tell me about a time you used it, or, if you haven't yet, how you "
                  "would get productive with it in your first month: what would you learn and build first?")
FOCUS_IDEAL = ("Says honestly how much %(skill)s they have used. Explains what %(skill)s is for in this role with a "
               "concrete example (their own, or a realistic one), names a trade-off or a common mistake, and gives a "
               "specific plan to close the gap: which docs or course, a small project, and how they would check "
               "their work.")
FOCUS_QUESTION_RU = ("Для этой роли нужен %(skill)s. Расскажите, как вы его использовали, или, если ещё не "
                     "приходилось, как освоите его за первый месяц: что изучите и что сделаете первым?")
FOCUS_IDEAL_RU = ("Честно говорит, какой у него опыт с %(skill)s. Объясняет, зачем %(skill)s нужен в этой роли, на "
                  "конкретном примере (своём или реалистичном), называет компромисс или типичную ошибку и даёт "
                  "конкретный план: документация или курс, небольшой проект и как проверить результат.")


def start_interview(*, user, title: str = "", vacancy_id: int | None, persona_id: int | None,
                    only_question_ids: list[str] | None = None, plan_questions: list[dict] | None = None,
                    focus_skills: list[str] | None = None, kind: str = "practice") -> dict:
    """Start a practice chat: snapshot the vacancy's current question set and greet with question 1.

    Guarantees: the plan is stored on the chat (later question edits don't change it); no model
    call is needed to start, so an interview starts even when the LLM is down.
    """
    from interviews.models import Persona
    from interviews.services import ChatError, check_daily_chat_limit
    from vacancies.models import Vacancy
    from vacancies.services import question_set_snapshot

    vacancy, version = None, None
    if vacancy_id is not None:
        vacancy = Vacancy.objects.visible_to(user).filter(pk=vacancy_id).first()
        if vacancy is None:
            raise _not_found(ChatError, _("Vacancy not found."))
    # Screening personas run employers' screenings only; they are not practice interviewers.
    personas = Persona.objects.for_practice(language=vacancy.language if vacancy else user.preferred_language)
    if persona_id is not None:
        persona = personas.filter(pk=persona_id).first()
        if persona is None:
            raise _not_found(ChatError, _("Interviewer not found."))
    else:
        persona = personas.first()
    if plan_questions is None:
        question_set = vacancy.current_question_set() if vacancy else None
        if question_set is not None:
            snapshot = question_set_snapshot(question_set)
            version, plan_questions = snapshot["version"], snapshot["questions"]
        else:
            plan_questions = [{"id": f"g{i}", "topic": topic, "text": text, "ideal_answer": ideal}
                              for i, (topic, text, ideal) in enumerate(GENERAL_QUESTIONS)]
    if only_question_ids:
        plan_questions = [q for q in plan_questions if q["id"] in set(only_question_ids)]
    if focus_skills:
        plan_questions = focus_plan(plan_questions, focus_skills, language=getattr(vacancy, "language", "en"))
    if not plan_questions:
        raise ChatError(_("This vacancy has no interview questions yet."))
    check_daily_chat_limit(user_id=str(user.pk))
    language = getattr(vacancy, "language", "") or (persona.language if persona else "en")
    default_title = f"{vacancy.title} · {persona.name}" if vacancy and persona else (vacancy or persona or "Interview").__str__()
    chat = chats.new_chat_document(
        user_id=str(user.pk),
        title=(title or "").strip()[:120] or default_title[:120],
        kind=kind,
        system_prompt=persona.system_prompt if persona else "",
        vacancy_id=vacancy.pk if vacancy else None,
        persona_id=persona.pk if persona else None,
        question_set_version=version,
        plan={"questions": plan_questions, "current": 0, "hints_used": [], "model_answers_used": []},
        extra={"vacancy_title": vacancy.title if vacancy else "", "persona_name": persona.name if persona else "",
               "language": language},
    )
    greeting = chats.new_message(chat_id=chat["_id"], user_id=str(user.pk), role="assistant", kind="greeting",
                                 content=_greeting(persona=persona, vacancy=vacancy, questions=plan_questions,
                                                   language=language),
                                 question_id=plan_questions[0]["id"])
    return chats.insert_chat(chat, greeting=greeting)


def _not_found(base, detail: str):
    error = base(detail)
    error.status = 404
    return error


def practice_minutes(chat: dict) -> int:
    """Minutes spent in an interview: from its start to now, capped so a forgotten tab counts fairly."""
    elapsed = (timezone.now() - chat["created_at"]).total_seconds()
    return max(1, min(120, math.ceil(elapsed / 60)))


def new_chat_context(*, request) -> dict:
    """What the "new interview" page offers."""
    from interviews.models import Persona
    from vacancies.models import Vacancy

    vacancies = list(Vacancy.objects.published().order_by("title"))
    selected = request.GET.get("vacancy")
    return {
        "personas": list(Persona.objects.for_practice(language=request.user.preferred_language)),
        "vacancies": vacancies,
        "selected_vacancy": next((v for v in vacancies if str(v.pk) == selected), None),
    }


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


def weak_question_ids(evaluation: dict) -> list[str]:
    """Questions worth retrying: scored below 6, or not answered."""
    return [q["id"] for q in evaluation.get("questions", [])
            if q["verdict"] == "not_answered" or (q["score"] is not None and q["score"] < 6)]



def has_rated(*, user, chat_id: str) -> bool:
    from interviews.models import Feedback

    return Feedback.objects.filter(user=user, chat_id=chat_id).exists()
