"""Vacancies ranked for a resume: skills first, then salary, then place.

Pure ranking over objects already loaded (no queries): the caller chooses the
vacancies (the published catalogue) and pages through the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from skills import match as match_skills
from skills import normalize_skills
from vacancies.models import Vacancy

if TYPE_CHECKING:
    from resumes.models import Resume

SALARY_FITS, SALARY_UNKNOWN, SALARY_BELOW = "fits", "unknown", "below"
_SALARY_ORDER = {SALARY_FITS: 0, SALARY_UNKNOWN: 1, SALARY_BELOW: 2}
# Lower-case words that mark a vacancy open to anyone, wherever they live.
REMOTE_WORDS = ("remote", "anywhere", "удалённо", "удаленно", "удалённая", "удаленная")


@dataclass(frozen=True, slots=True)
class Match:
    vacancy: Vacancy
    percent: int  # share of the vacancy's skills the resume covers, 0-100
    matched_skills: list[str]
    missing_skills: list[str]
    salary_fit: str  # SALARY_FITS, SALARY_UNKNOWN or SALARY_BELOW
    region_fit: bool  # same place as the resume's region, or remote
    remote: bool


@dataclass(frozen=True, slots=True)
class Ranking:
    matches: list[Match]
    hint: str | None  # what to add to the resume for a meaningful ranking


def salary_fit(*, expected: int | None, currency: str, vacancy: Vacancy) -> str:
    """Whether the vacancy's top salary reaches the expectation, in the same currency.

    No expectation, no published salary or another currency is "unknown": it ranks
    after vacancies that fit and before those that pay less.
    """
    top = vacancy.salary_max if vacancy.salary_max is not None else vacancy.salary_min
    if expected is None or top is None or vacancy.currency != currency:
        return SALARY_UNKNOWN
    return SALARY_FITS if top >= expected else SALARY_BELOW


def is_remote(location: str) -> bool:
    folded = location.casefold()
    return any(word in folded for word in REMOTE_WORDS)


def _words(place: str) -> set[str]:
    return set(re.findall(r"\w+", place.casefold()))


def region_fit(*, region: str, location: str) -> bool:
    """Remote vacancies fit everyone; otherwise one place must name the other's words
    ("Berlin" fits "Berlin, Germany"; "NY" does not fit "Sunnyvale")."""
    if is_remote(location):
        return True
    wanted, offered = _words(region), _words(location)
    return bool(wanted and offered) and (wanted <= offered or offered <= wanted)


def hint_for(resume: Resume | None) -> str | None:
    if resume is None:
        return _("Fill in your resume or upload one: we rank vacancies by the skills you have.")
    if not resume.skills:
        # xgettext:no-python-format
        return _("Add your skills to your resume: every vacancy shows 0% until we know them.")
    return None


def rank_vacancies(*, resume: Resume | None, vacancies: Iterable[Vacancy]) -> list[Match]:
    """Every vacancy given, best first: by match % (share of the vacancy's skills the
    resume covers, synonyms included), then salary fit, then region (same place or
    remote first); ties keep the order given. Without a resume, or without skills on
    it, every vacancy is still listed, at 0% (see :func:`hint_for`).
    """
    skills = normalize_skills(resume.skills) if resume else []
    expected = resume.expected_salary if resume else None
    currency = resume.currency if resume else ""
    region = resume.region if resume else ""
    matches = []
    for vacancy in vacancies:
        skill_match = match_skills(resume_skills=skills, vacancy_skills=vacancy.skills or [])
        matches.append(
            Match(
                vacancy=vacancy,
                percent=skill_match.percent,
                matched_skills=skill_match.matched,
                missing_skills=skill_match.missing,
                salary_fit=salary_fit(expected=expected, currency=currency, vacancy=vacancy),
                region_fit=region_fit(region=region, location=vacancy.location),
                remote=is_remote(vacancy.location),
            )
        )
    matches.sort(key=lambda m: (-m.percent, _SALARY_ORDER[m.salary_fit], not m.region_fit))
    return matches
