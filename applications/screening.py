"""The screening chat: a plan of 4-6 questions built from the vacancy's skills and the resume's gaps.

Deterministic (no model call): the same vacancy and resume give the same questions, a
screening starts even when the LLM is down, and every candidate for a vacancy is asked
about the same things. Skill names in the questions come from the vacancy (normalised),
never from the resume, because the plan's questions reach the model's system prompt.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from interviews import chats
from interviews.models import Persona
from vacancies.models import Vacancy

SCREENING_PERSONA_SLUG = "screening"
# Skill questions first (gaps, then strengths), then experience and motivation: 4-6 in all.
MAX_SKILL_QUESTIONS = 4
MAX_GAP_QUESTIONS = 3
MIN_QUESTIONS = 4
DESCRIPTION_CHARS = 1500
KEY_POINTS_FILE = Path(__file__).parent / "data" / "screening_key_points.json"

_TEXT = {
    "en": {
        "gap": "The vacancy asks for {skill}, which your resume does not mention. What experience do you have with "
               "{skill}, or how would you get up to speed with it?",
        "matched": "Your resume lists {skill}. Describe a recent piece of work where you used {skill}: what you did "
                   "yourself and what the result was.",
        "experience": "Which part of your experience is most relevant to this role? Give one concrete example.",
        "problem": "Tell me about a difficult problem you solved at work: what made it hard, what you did, and the "
                   "outcome.",
        "motivation": "Why are you interested in this role at {company}, and when could you start?",
        "teamwork": "How do you like to work in a team: how do you share work, ask for help and settle "
                    "disagreements?",
        "topic_experience": "Experience",
        "topic_problem": "Problem solving",
        "topic_teamwork": "Teamwork",
        "topic_motivation": "Motivation",
        "greeting": "Hello! I'm the screening assistant for **{company}**. Thank you for applying for the **{title}** "
                    "role. I'll ask {n} short questions so the employer can learn about your experience; answer in "
                    "your own words. The employer reviews this conversation and replies through the platform.\n\n"
                    "**Question 1 of {n}:** {first}",
    },
    "ru": {
        "gap": "В вакансии требуется {skill}, а в вашем резюме этого навыка нет. Какой у вас опыт с {skill} "
               "или как быстро вы могли бы его освоить?",
        "matched": "В вашем резюме указан навык {skill}. Опишите недавнюю задачу, где вы применяли {skill}: что вы "
                   "сделали сами и каким был результат.",
        "experience": "Какой ваш опыт наиболее важен для этой позиции? Приведите один конкретный пример.",
        "problem": "Расскажите о сложной рабочей задаче, которую вы решили: в чём была сложность, что вы сделали и "
                   "чем всё закончилось.",
        "motivation": "Почему вас интересует эта позиция в {company} и когда вы могли бы приступить к работе?",
        "teamwork": "Как вы предпочитаете работать в команде: как делите задачи, просите о помощи и решаете "
                    "разногласия?",
        "topic_experience": "Опыт",
        "topic_problem": "Решение задач",
        "topic_teamwork": "Командная работа",
        "topic_motivation": "Мотивация",
        "greeting": "Здравствуйте! Я ассистент по первичному отбору компании **{company}**. Спасибо за отклик на "
                    "вакансию **«{title}»**. Я задам {n} коротких вопросов, чтобы работодатель узнал о вашем опыте; "
                    "отвечайте своими словами. Работодатель изучит этот разговор и ответит через платформу.\n\n"
                    "**Вопрос 1 из {n}:** {first}",
    },
}


class ScreeningUnavailable(Exception):
    """The screening chat could not be saved (MongoDB down); the application can start it later."""


def _text(language: str) -> dict:
    return _TEXT.get(language, _TEXT["en"])


def build_plan(*, vacancy: Vacancy, matched_skills: list[str], missing_skills: list[str]) -> list[dict]:
    """4-6 questions: gaps, then matched skills (four skill questions at most), then relevant
    experience, general questions only while there are fewer than four, and motivation last."""
    text = _text(vacancy.language)
    # At most three gaps while a matched skill can take the fourth place, so strengths get asked about too.
    gaps = missing_skills[:max(MAX_GAP_QUESTIONS, MAX_SKILL_QUESTIONS - len(matched_skills))]
    strengths = matched_skills[: MAX_SKILL_QUESTIONS - len(gaps)]
    questions = [{"topic": skill, "text": text["gap"].format(skill=skill), "skill": skill, "gap": True} for skill in gaps]
    questions += [{"topic": skill, "text": text["matched"].format(skill=skill), "skill": skill, "gap": False}
                  for skill in strengths]
    questions.append({"topic": text["topic_experience"], "text": text["experience"], "rubric": "experience"})
    fillers = iter(("problem", "teamwork"))
    while len(questions) + 1 < MIN_QUESTIONS:
        filler = next(fillers)
        questions.append({"topic": text[f"topic_{filler}"], "text": text[filler], "rubric": filler})
    questions.append({"topic": text["topic_motivation"], "text": text["motivation"].format(company=vacancy.company),
                      "rubric": "motivation"})
    rubric = _key_points(vacancy.language)
    for question in questions:
        kind = ("gap" if question["gap"] else "matched") if question.get("skill") else question.pop("rubric")
        question["key_points"] = [point.format(skill=question.get("skill", ""), company=vacancy.company)
                                  for point in rubric[kind]]
    return [{"id": f"s{number}", "ideal_answer": "", "skill": "", "gap": False, **question}
            for number, question in enumerate(questions, start=1)]


def employer_plan(questions: list[dict]) -> list[dict]:
    """The employer's own questions (a ScreeningVersion's, each with its key points) as a chat plan."""
    return [{"id": f"q{number}", "skill": "", "gap": False, **question}
            for number, question in enumerate(questions, start=1)]


@cache
def _all_key_points() -> dict:
    return json.loads(KEY_POINTS_FILE.read_text())


def _key_points(language: str) -> dict:
    """What a strong answer to each kind of screening question covers: the rubric the offline grader uses."""
    points = _all_key_points()
    return points.get(language, points["en"])


def vacancy_brief(vacancy: Vacancy) -> str:
    """The vacancy as the screening's and the assessment's system prompts describe it. The vacancy is the
    employer's text and belongs with the instructions; the candidate's words (resume, answers) stay in the
    user role."""
    skills = ", ".join(vacancy.skills or []) or "-"
    return (f"The vacancy:\nTitle: {vacancy.title}\nCompany: {vacancy.company}\nRequired skills: {skills}\n"
            f"Description: {vacancy.description[:DESCRIPTION_CHARS]}")


def _system_prompt(*, persona: Persona | None, vacancy: Vacancy) -> str:
    base = persona.system_prompt if persona else ""
    return f"{base}\n\n{vacancy_brief(vacancy)}".strip()


def system_prompt(*, vacancy: Vacancy) -> str:
    """The screening interviewer's instructions for this vacancy (the screening persona's prompt and the vacancy)."""
    return _system_prompt(persona=Persona.objects.active().filter(slug=SCREENING_PERSONA_SLUG).first(), vacancy=vacancy)


def create_chat(*, candidate, vacancy: Vacancy, plan_questions: list[dict]) -> dict:
    """Save the screening chat (kind `screening`) with its plan and a greeting that asks question 1.

    Raises ScreeningUnavailable when MongoDB cannot take it.
    """
    persona = Persona.objects.active().filter(slug=SCREENING_PERSONA_SLUG).first()
    text = _text(vacancy.language)
    user_id = str(candidate.pk)
    chat = chats.new_chat_document(
        user_id=user_id,
        title=f"{vacancy.title} · {vacancy.company}"[:120],
        kind="screening",
        system_prompt=_system_prompt(persona=persona, vacancy=vacancy),
        vacancy_id=vacancy.pk,
        persona_id=persona.pk if persona else None,
        plan={"questions": plan_questions, "current": 0},
        extra={"vacancy_title": vacancy.title, "persona_name": persona.name if persona else "",
               "language": vacancy.language},
    )
    greeting = chats.new_message(
        chat_id=chat["_id"], user_id=user_id, role="assistant", kind="greeting",
        content=text["greeting"].format(company=vacancy.company, title=vacancy.title, n=len(plan_questions),
                                        first=plan_questions[0]["text"]),
        question_id=plan_questions[0]["id"],
    )
    try:
        return chats.insert_chat(chat, greeting=greeting)
    except chats.ChatsUnavailable as error:
        raise ScreeningUnavailable(str(error)) from error
