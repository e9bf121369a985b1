"""Vacancies ranked for a resume (resumes.matching) and GET /api/vacancies/matches."""

import pytest

from applications.models import Application
from resumes.models import Resume
from resumes.matching import SALARY_BELOW, SALARY_FITS, SALARY_UNKNOWN, hint_for, rank_vacancies, region_fit
from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory


def vacancy(title: str, skills: list[str], **fields) -> Vacancy:
    defaults = {"location": "Berlin", "salary_min": None, "salary_max": None, "currency": "EUR"}
    return Vacancy(title=title, company="Acme", skills=skills, **(defaults | fields))


def titles(matches) -> list[str]:
    return [match.vacancy.title for match in matches]


def test_it_ranks_by_the_share_of_the_vacancys_skills_covered():
    resume = Resume(skills=["Python", "Django", "SQL"])
    vacancies = [
        vacancy("half", ["Python", "Go"]),
        vacancy("all", ["Python", "Django"]),
        vacancy("none", ["Rust"]),
        vacancy("third", ["SQL", "Java", "Kotlin"]),
    ]

    matches = rank_vacancies(resume=resume, vacancies=vacancies)

    assert titles(matches) == ["all", "half", "third", "none"]
    assert [m.percent for m in matches] == [100, 50, 33, 0]
    assert matches[1].matched_skills == ["Python"] and matches[1].missing_skills == ["Go"]


def test_it_counts_synonyms_as_the_same_skill():
    resume = Resume(skills=["k8s", "JS", "Postgres"])

    [match] = rank_vacancies(resume=resume, vacancies=[vacancy("v", ["Kubernetes", "JavaScript", "PostgreSQL", "Go"])])

    assert match.percent == 75
    assert match.matched_skills == ["Kubernetes", "JavaScript", "PostgreSQL"]
    assert match.missing_skills == ["Go"]


def test_at_equal_match_a_fitting_salary_comes_first_then_unknown_then_below():
    resume = Resume(skills=["Python"], expected_salary=5000, currency="EUR")
    vacancies = [
        vacancy("below", ["Python"], salary_min=3000, salary_max=4000),
        vacancy("no salary", ["Python"]),
        vacancy("other currency", ["Python"], salary_max=9000, currency="USD"),
        vacancy("fits", ["Python"], salary_min=4000, salary_max=6000),
        vacancy("fits from the minimum", ["Python"], salary_min=7000),
    ]

    matches = rank_vacancies(resume=resume, vacancies=vacancies)

    assert titles(matches) == ["fits", "fits from the minimum", "no salary", "other currency", "below"]
    assert [m.salary_fit for m in matches] == [SALARY_FITS, SALARY_FITS, SALARY_UNKNOWN, SALARY_UNKNOWN, SALARY_BELOW]


def test_skills_outrank_salary():
    resume = Resume(skills=["Python"], expected_salary=5000, currency="EUR")
    vacancies = [vacancy("pays well", ["Go"], salary_max=9000), vacancy("skills fit", ["Python"], salary_max=100)]

    assert titles(rank_vacancies(resume=resume, vacancies=vacancies)) == ["skills fit", "pays well"]


def test_at_equal_match_and_salary_the_same_region_or_remote_comes_first():
    resume = Resume(skills=["Python"], region="Berlin")
    vacancies = [
        vacancy("elsewhere", ["Python"], location="Munich"),
        vacancy("remote", ["Python"], location="Remote"),
        vacancy("here", ["Python"], location="Berlin, Germany"),
        vacancy("удалённо", ["Python"], location="Удалённо"),
    ]

    matches = rank_vacancies(resume=resume, vacancies=vacancies)

    assert titles(matches) == ["remote", "here", "удалённо", "elsewhere"]
    assert [m.remote for m in matches] == [True, False, True, False]


def test_region_fit_compares_whole_words():
    assert region_fit(region="berlin", location="Berlin, Germany")
    assert region_fit(region="Москва", location="москва")
    assert not region_fit(region="NY", location="Sunnyvale")
    assert not region_fit(region="", location="Berlin")


def test_an_empty_resume_lists_everything_at_zero_with_a_hint():
    vacancies = [vacancy("a", ["Python"]), vacancy("b", ["Go"]), vacancy("c", [])]

    for resume in (None, Resume(skills=[])):
        matches = rank_vacancies(resume=resume, vacancies=vacancies)
        assert titles(matches) == ["a", "b", "c"]
        assert {m.percent for m in matches} == {0}
        assert matches[0].missing_skills == ["Python"]
        assert hint_for(resume)

    assert hint_for(Resume(skills=["Python"])) is None


def test_a_vacancy_without_skills_is_not_a_perfect_match():
    [match] = rank_vacancies(resume=Resume(skills=["Python"]), vacancies=[vacancy("v", [])])

    assert match.percent == 0 and match.matched_skills == [] and match.missing_skills == []


# --- the API ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_ranks_published_vacancies(api):
    api.put("/api/resume", {"skills": ["Python", "Django"]})
    best = VacancyFactory(title="Best", skills=["Python", "Django"])
    VacancyFactory(title="Some", skills=["Python", "Go"])
    VacancyFactory(title="Draft", skills=["Python"], is_published=False)

    response = api.get("/api/vacancies/matches")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2 and body["hint"] is None
    first = body["items"][0]
    assert first["vacancy"]["id"] == best.pk and first["vacancy"]["title"] == "Best"
    assert first["match"] == 100 and first["matched_skills"] == ["Python", "Django"] and first["missing_skills"] == []
    assert body["items"][1]["match"] == 50 and body["items"][1]["missing_skills"] == ["Go"]


@pytest.mark.django_db
def test_the_api_pages_and_hints_without_a_resume(api):
    for n in range(23):
        VacancyFactory(title=f"V{n}")

    first = api.get("/api/vacancies/matches").json()
    second = api.get("/api/vacancies/matches", {"page": 2}).json()

    assert first["count"] == 23 and len(first["items"]) == 20 and len(second["items"]) == 3
    assert first["hint"] and {item["match"] for item in first["items"]} == {0}
    assert api.get("/api/vacancies/matches", {"page": 0}).status_code == 422


@pytest.mark.django_db
def test_the_api_is_for_candidates(anon_api, employer_api):
    assert anon_api.get("/api/vacancies/matches").status_code == 401
    assert employer_api.get("/api/vacancies/matches").status_code == 403


@pytest.mark.django_db
def test_the_matches_route_does_not_clash_with_a_vacancy_id(anon_api, api):
    vacancy = VacancyFactory()

    assert anon_api.get(f"/api/vacancies/{vacancy.pk}").status_code == 200
    assert api.get("/api/vacancies/matches").status_code == 200


@pytest.mark.django_db
def test_the_api_says_which_matches_the_candidate_applied_to(api, user, stranger):
    api.put("/api/resume", {"skills": ["Python"]})
    applied, other = VacancyFactory(title="Applied", skills=["Python"]), VacancyFactory(title="Other", skills=["Python"])
    Application.objects.create(candidate=user, vacancy=applied)
    Application.objects.create(candidate=stranger, vacancy=other)  # someone else's application is not mine

    items = api.get("/api/vacancies/matches").json()["items"]

    assert {item["vacancy"]["title"]: item["applied"] for item in items} == {"Applied": True, "Other": False}
