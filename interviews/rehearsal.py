"""Rehearse an employer's screening before applying: the same questions, the same grader and the same
relevance score the employer's screening would give, in a private practice chat.

A rehearsal is the candidate's own chat (kind `rehearsal`): no application is made and nothing
reaches the employer. interviews knows nothing of applications: the screening's question builder
and relevance function are registered here by applications (`register_screening`), as its chat
kind is (`interviews.kinds`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interviews import chats, kinds, plan, services
from interviews.errors import ChatError, ChatNotFound
from interviews.models import Persona
from llm import client as llm
from vacancies.models import Vacancy


@dataclass(frozen=True)
class ScreeningHooks:
    # (candidate, vacancy) -> {"questions": [...], "skill_match": int | None, "answers_weight": int, "system_prompt": str}
    build: Callable[..., dict]
    # (vacancy, graded, language, skill_match, answers_weight) -> {"relevance_score", "strengths", "rejection_reasons"}
    relevance: Callable[..., dict]
    apply_url: Callable[[int], str]  # where the report's Apply button posts


_hooks: list[ScreeningHooks] = []


def register_screening(hooks: ScreeningHooks) -> None:
    _hooks[:] = [hooks]


def _screening() -> ScreeningHooks:
    if not _hooks:
        raise ChatError(_("Rehearsals are not available on this server."), status=503)
    return _hooks[0]


_GREETING = {
    "en": "Hello! This is a **private rehearsal** of the screening for **{title}** at **{company}**: the same {n} "
          "questions you would get on applying, graded the same way. The employer never sees it and nothing is "
          "sent; at the end you get the score the employer's screening would give.\n\n{first}",
    "ru": "Здравствуйте! Это **закрытая репетиция** скрининга на вакансию **«{title}»** в **{company}**: те же {n} "
          "вопросов, что и при отклике, с той же оценкой. Работодатель её не увидит, ничего не отправляется; в конце "
          "вы узнаете, какую оценку дал бы скрининг работодателя.\n\n{first}",
}


def start_rehearsal(*, user, vacancy_id: int) -> dict:
    """A private chat with the questions this candidate would get on applying to this vacancy.

    Guarantees: no application is created and the vacancy's owner can't read it (it is the candidate's
    own chat, kind `rehearsal`); it counts toward the daily chat limit; no model call is needed."""
    if not getattr(user, "is_candidate", False):
        raise ChatError(_("Only candidates can rehearse a screening."), status=403)
    vacancy = Vacancy.objects.published().filter(pk=vacancy_id, owner__isnull=False).first()
    if vacancy is None:
        raise ChatNotFound(_("Vacancy not found."))
    if vacancy.owner_id == user.pk:
        raise ChatError(_("You cannot rehearse the screening of your own vacancy."), status=403)
    built = _screening().build(candidate=user, vacancy=vacancy)
    services.check_daily_chat_limit(user_id=str(user.pk))
    chat = chats.new_chat_document(
        user_id=str(user.pk),
        title=(_("Rehearsal: %(title)s · %(company)s") % {"title": vacancy.title, "company": vacancy.company})[:120],
        kind="rehearsal",
        system_prompt=built["system_prompt"],
        vacancy_id=vacancy.pk,
        plan=plan.new_plan(built["questions"]),
        extra={"vacancy_title": vacancy.title, "language": vacancy.language,
               "persona_name": Persona.objects.active().filter(kind=Persona.Kind.SCREENING).values_list(
                   "name", flat=True).first() or "",
               "rehearsal": {"skill_match": built["skill_match"], "answers_weight": built["answers_weight"]}},
    )
    first = plan.questions(chat)[0]
    greeting = chats.new_message(
        chat_id=chat["_id"], user_id=str(user.pk), role="assistant", kind="greeting",
        content=_GREETING.get(vacancy.language, _GREETING["en"]).format(
            title=vacancy.title, company=vacancy.company, n=len(plan.questions(chat)),
            first=plan.question_text(chat, first["id"])),
        question_id=first["id"])
    return chats.insert_chat(chat, greeting=greeting)


def relevance_for(*, chat: dict, evaluation: dict) -> dict:
    """The report's addition: what the employer's screening would compute from these graded answers.
    A model that fails (with LLM_GRADING on) leaves the report without it, never without the report."""
    vacancy = Vacancy.objects.filter(pk=chat.get("vacancy_id")).first()
    if vacancy is None or not _hooks:
        return {}
    rehearsed = chat.get("rehearsal") or {}
    skill_match = rehearsed.get("skill_match")
    try:
        result = _screening().relevance(vacancy=vacancy, graded=evaluation["questions"],
                                        language=chat.get("language", "en"), skill_match=skill_match,
                                        answers_weight=rehearsed["answers_weight"])
    except llm.LLMError:
        return {"relevance": {"status": "failed"}}
    return {"relevance": {"status": "ready", "skill_match": skill_match, "answers_weight": rehearsed["answers_weight"],
                          "skills_weight": 100 - rehearsed["answers_weight"], **result,
                          "improve": _what_to_improve(evaluation["questions"])}}


def _what_to_improve(results: list[dict]) -> list[dict]:
    """The weak questions (plan.WEAK_SCORE or less, or unanswered) with the key points their answers missed."""
    return [{"topic": result.get("topic") or result["question"][:60],
             "points": result["missed"][:3] if result["verdict"] == "scored" else [],
             "unanswered": result["verdict"] != "scored"}
            for result in results
            if result["verdict"] == "not_answered" or (result["score"] is not None and result["score"] <= plan.WEAK_SCORE)]


def apply_url(chat: dict) -> str:
    return _screening().apply_url(chat["vacancy_id"]) if _hooks and chat.get("vacancy_id") else ""


REHEARSAL = kinds.ChatKind(
    name="rehearsal",
    ratable=False,
    no_coaching=gettext_lazy("A rehearsal's interviewer is the employer's screening assistant: there is no one "
                             "to rate."),
    on_evaluated=relevance_for,
)
kinds.register(REHEARSAL)
