"""What a candidate's private rehearsal of a screening borrows from the real one: the questions this
candidate would get (the vacancy's skills and the resume's gaps) and the employer's relevance score.
Registered with interviews (which must not import applications) in ApplicationsConfig.ready()."""

from __future__ import annotations

from django.urls import reverse

from applications import assessment, screening
from applications.models import ANSWERS_WEIGHT_DEFAULT
from applications.services import skill_match
from interviews import rehearsal
from vacancies.models import Vacancy


def build(*, candidate, vacancy: Vacancy) -> dict:
    """The plan applying would start now (the employer's own questions of the latest screening version, else
    the vacancy's skills and the resume's gaps), the skill match (None without skills) and the answers' weight
    the assessment blends them with, as `services.create_application` and `open_screening` take them."""
    match = skill_match(candidate=candidate, vacancy=vacancy)
    has_skills = bool(match.matched_skills or match.missing_skills)
    version = vacancy.screening_versions.order_by("-version").first()
    own = version.questions if version else []
    questions = screening.employer_plan(own) if own else screening.build_plan(
        vacancy=vacancy, matched_skills=match.matched_skills, missing_skills=match.missing_skills)
    return {"questions": questions, "skill_match": match.percent if has_skills else None,
            "answers_weight": version.answers_weight if version else ANSWERS_WEIGHT_DEFAULT,
            "system_prompt": screening.system_prompt(vacancy=vacancy)}


def register() -> None:
    rehearsal.register_screening(rehearsal.ScreeningHooks(
        build=build, relevance=assessment.relevance,
        apply_url=lambda vacancy_id: reverse("applications:apply", args=[vacancy_id])))
