"""The demo catalogue and personas are well-formed (plain data checks, no database)."""

import re

import pytest

from demo.data import PERSONAS, VACANCIES
from interviews.prompts import FREE_CHAT_SYSTEM_PROMPT

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

VACANCY_KEYS = {
    "slug",
    "title",
    "company",
    "description",
    "skills",
    "location",
    "salary_min",
    "salary_max",
    "currency",
    "employment_type",
    "language",
    "questions",
}
QUESTION_KEYS = {"text", "topic", "ideal_answer"}
EMPLOYMENT_TYPES = {"full_time", "part_time", "contract", "internship"}
PERSONA_KEYS = {"slug", "name", "description", "system_prompt", "language", "difficulty"}


def _ids(items):
    return [item.get("slug", "?") for item in items]


def test_catalogue_size_and_unique_slugs():
    assert len(VACANCIES) >= 14
    slugs = [vacancy["slug"] for vacancy in VACANCIES]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("vacancy", VACANCIES, ids=_ids(VACANCIES))
def test_vacancy_shape(vacancy):
    assert set(vacancy) == VACANCY_KEYS
    assert SLUG.match(vacancy["slug"]) and len(vacancy["slug"]) <= 50
    for key in ("title", "company", "description", "location"):
        assert isinstance(vacancy[key], str) and vacancy[key].strip() == vacancy[key] and vacancy[key], key
    assert len(vacancy["title"]) <= 120 and len(vacancy["company"]) <= 100
    assert 200 <= len(vacancy["description"]) <= 1500
    assert vacancy["employment_type"] in EMPLOYMENT_TYPES
    assert vacancy["language"] in {"en", "ru"}
    assert vacancy["currency"] in {"RUB", "EUR", "USD"}


@pytest.mark.parametrize("vacancy", VACANCIES, ids=_ids(VACANCIES))
def test_vacancy_skills(vacancy):
    skills = vacancy["skills"]
    assert isinstance(skills, list) and 4 <= len(skills) <= 10
    assert all(isinstance(skill, str) and skill.strip() == skill and skill for skill in skills)
    assert len({skill.lower() for skill in skills}) == len(skills), "duplicate skill"


@pytest.mark.parametrize("vacancy", VACANCIES, ids=_ids(VACANCIES))
def test_vacancy_salary(vacancy):
    low, high = vacancy["salary_min"], vacancy["salary_max"]
    if low is None or high is None:
        assert low is None and high is None, "salary is either fully published or absent"
        return
    assert type(low) is int and type(high) is int
    assert 0 < low <= high


def test_some_vacancies_have_no_salary():
    assert sum(vacancy["salary_min"] is None for vacancy in VACANCIES) >= 2


@pytest.mark.parametrize("vacancy", VACANCIES, ids=_ids(VACANCIES))
def test_vacancy_questions(vacancy):
    questions = vacancy["questions"]
    assert 8 <= len(questions) <= 10
    for question in questions:
        assert set(question) == QUESTION_KEYS | {"key_points"}
        assert 3 <= len(question["key_points"]) <= 6 and all(p.strip() for p in question["key_points"])
        for key in QUESTION_KEYS:
            assert isinstance(question[key], str) and question[key].strip(), key
        assert len(question["topic"]) <= 40
        assert len(question["ideal_answer"]) >= 80
    texts = [question["text"] for question in questions]
    assert len(texts) == len(set(texts)), "duplicate question"


@pytest.mark.parametrize("vacancy", VACANCIES, ids=_ids(VACANCIES))
def test_vacancy_language_is_consistent(vacancy):
    texts = [vacancy["title"], vacancy["description"]]
    texts += [question[key] for question in vacancy["questions"] for key in ("text", "ideal_answer")]
    if vacancy["language"] == "ru":
        assert all(CYRILLIC.search(text) for text in texts)
        assert vacancy["currency"] == "RUB"
        assert CYRILLIC.search(vacancy["location"])
    else:
        assert not any(CYRILLIC.search(text) for text in texts)


def test_russian_vacancies():
    russian = [vacancy for vacancy in VACANCIES if CYRILLIC.search(vacancy["title"])]
    assert len(russian) >= 3
    assert all(vacancy["language"] == "ru" for vacancy in russian)


def test_catalogue_covers_required_roles():
    titles = " | ".join(vacancy["title"].lower() for vacancy in VACANCIES)
    for role in (
        "python",
        "frontend",
        "data analyst",
        "machine learning",
        "qa",
        "devops",
        "product manager",
        "ui/ux",
        "продажам",
        "customer support",
        "hr",
        "marketing",
    ):
        assert role in titles, role
    assert {vacancy["employment_type"] for vacancy in VACANCIES} == EMPLOYMENT_TYPES


def test_personas_shape():
    assert len(PERSONAS) >= 5
    slugs = [persona["slug"] for persona in PERSONAS]
    assert len(slugs) == len(set(slugs))
    for persona in PERSONAS:
        assert set(persona) == PERSONA_KEYS
        assert SLUG.match(persona["slug"])
        assert persona["name"].strip() and len(persona["name"]) <= 100
        assert persona["description"].strip()
        assert persona["language"] in {"en", "ru"}
        assert persona["difficulty"] in {"easy", "medium", "hard"}
        assert len(persona["system_prompt"]) >= 800
        if persona["language"] == "ru":
            assert CYRILLIC.search(persona["system_prompt"]) and CYRILLIC.search(persona["description"])


def test_required_personas():
    by_slug = {persona["slug"]: persona for persona in PERSONAS}
    expected = {
        "friendly-recruiter": ("en", "easy"),
        "strict-tech-lead": ("en", "hard"),
        "bar-raiser": ("en", "hard"),
        "ru-hr": ("ru", "medium"),
    }
    for slug, (language, difficulty) in expected.items():
        assert slug in by_slug, slug
        assert (by_slug[slug]["language"], by_slug[slug]["difficulty"]) == (language, difficulty), slug
    assert "screening" in by_slug


def test_free_chat_prompt():
    assert isinstance(FREE_CHAT_SYSTEM_PROMPT, str)
    assert len(FREE_CHAT_SYSTEM_PROMPT) >= 500
    assert "mock interview" in FREE_CHAT_SYSTEM_PROMPT.lower()
