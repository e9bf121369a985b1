"""Employers' vacancies over the API: create, edit, delete, list their own; everyone else is refused."""

import pytest
from django.forms.models import model_to_dict

from accounts.tests.factories import UserFactory
from applications.models import Application
from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

NEW_VACANCY = {
    "title": "  Backend Developer ",
    "company": "Ledgerline",
    "description": "Build the payments API.",
    "skills": ["python", "k8s", "Python 3.12", "  ", "PostgreSQL"],
    "location": "Berlin",
    "salary_min": 150_000,
    "salary_max": 200_000,
    "currency": "RUB",
    "employment_type": "contract",
}


def snapshot(vacancy: Vacancy) -> dict:
    vacancy.refresh_from_db()
    return model_to_dict(vacancy)


# --------------------------------------------------------------------------- create


def test_an_employer_creates_a_vacancy_with_normalised_skills(employer, employer_api):
    response = employer_api.post("/api/vacancies", NEW_VACANCY)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Backend Developer"
    assert body["skills"] == ["Python", "Kubernetes", "PostgreSQL"]
    assert body["employment_type"] == "contract"
    assert body["is_published"] is False
    vacancy = Vacancy.objects.get(pk=body["id"])
    assert vacancy.owner == employer
    assert vacancy.skills == ["Python", "Kubernetes", "PostgreSQL"]


def test_a_new_vacancy_can_be_published_at_once(employer_api, anon_api):
    response = employer_api.post("/api/vacancies", {**NEW_VACANCY, "is_published": True})

    assert response.status_code == 201
    assert anon_api.get(f"/api/vacancies/{response.json()['id']}").status_code == 200


def test_a_candidate_cannot_create_a_vacancy(api):
    response = api.post("/api/vacancies", NEW_VACANCY)

    assert response.status_code == 403
    assert response.json() == {"detail": "Only employers can post vacancies."}
    assert not Vacancy.objects.exists()


def test_creating_needs_a_token(anon_api):
    response = anon_api.post("/api/vacancies", NEW_VACANCY)

    assert response.status_code == 401
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "detail"),
    [
        ({"salary_min": 300_000, "salary_max": 200_000}, None, "The salary lower bound cannot exceed the upper bound."),
        ({"title": "   "}, "title", "title: This field cannot be blank."),
        ({"skills": [f"Skill {n}" for n in range(51)]}, "skills", "skills: List at most 50 skills."),
        ({"skills": ["x" * 61]}, "skills", "skills: Each skill can be at most 60 characters."),
        ({"salary_min": -1}, "salary_min", None),
        ({"title": "t" * 121}, "title", None),
    ],
)
def test_it_refuses_bad_input_with_a_sentence_and_saves_nothing(employer_api, changes, field, detail):
    response = employer_api.post("/api/vacancies", {**NEW_VACANCY, **changes})

    assert response.status_code == 400, response.content
    body = response.json()
    if detail is not None:
        assert body["detail"] == detail
    assert body["errors"][0]["field"] == field
    assert not Vacancy.objects.exists()


def test_fifty_distinct_skills_are_enough_and_duplicates_do_not_count(employer_api):
    skills = [f"Skill {n}" for n in range(50)] + ["skill 0", "SKILL 1"]

    response = employer_api.post("/api/vacancies", {**NEW_VACANCY, "skills": skills})

    assert response.status_code == 201
    assert len(response.json()["skills"]) == 50


def test_a_value_outside_the_schema_is_a_422(employer_api):
    response = employer_api.post("/api/vacancies", {**NEW_VACANCY, "employment_type": "gig"})

    assert response.status_code == 422
    assert not Vacancy.objects.exists()


# --------------------------------------------------------------------------- edit


def test_the_owner_edits_only_the_fields_sent(employer, employer_api):
    vacancy = VacancyFactory(owner=employer, title="Old title", skills=["SQL"], salary_min=100, salary_max=200)

    response = employer_api.patch(f"/api/vacancies/{vacancy.pk}", {"title": "New title", "skills": ["js", "JS"]})

    assert response.status_code == 200, response.content
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.skills) == ("New title", ["JavaScript"])
    assert (vacancy.salary_min, vacancy.salary_max, vacancy.company) == (100, 200, "Acme")


def test_a_patch_is_checked_against_the_stored_range(employer, employer_api):
    vacancy = VacancyFactory(owner=employer, salary_min=100_000, salary_max=200_000)
    before = snapshot(vacancy)

    response = employer_api.patch(f"/api/vacancies/{vacancy.pk}", {"salary_min": 250_000})

    assert response.status_code == 400
    assert response.json()["detail"] == "The salary lower bound cannot exceed the upper bound."
    assert snapshot(vacancy) == before


def test_null_clears_a_salary_bound(employer, employer_api):
    vacancy = VacancyFactory(owner=employer, salary_min=100_000, salary_max=200_000)

    response = employer_api.patch(f"/api/vacancies/{vacancy.pk}", {"salary_max": None})

    assert response.status_code == 200
    vacancy.refresh_from_db()
    assert (vacancy.salary_min, vacancy.salary_max) == (100_000, None)


def test_the_owner_publishes_and_unpublishes(employer, employer_api, anon_api):
    vacancy = VacancyFactory(owner=employer, is_published=True)

    assert employer_api.patch(f"/api/vacancies/{vacancy.pk}", {"is_published": False}).status_code == 200
    assert anon_api.get(f"/api/vacancies/{vacancy.pk}").status_code == 404
    assert employer_api.patch(f"/api/vacancies/{vacancy.pk}", {"is_published": True}).status_code == 200
    assert anon_api.get(f"/api/vacancies/{vacancy.pk}").status_code == 200


@pytest.mark.parametrize(("client_name", "status"), [("rival_api", 404), ("api", 404), ("anon_api", 401)])
def test_only_the_owner_can_edit(request, employer, client_name, status):
    vacancy = VacancyFactory(owner=employer, title="Mine")
    before = snapshot(vacancy)

    response = request.getfixturevalue(client_name).patch(f"/api/vacancies/{vacancy.pk}", {"title": "Stolen"})

    assert response.status_code == status
    assert snapshot(vacancy) == before


def test_a_catalogue_vacancy_belongs_to_nobody(employer_api):
    vacancy = VacancyFactory(owner=None)

    assert employer_api.patch(f"/api/vacancies/{vacancy.pk}", {"title": "Mine now"}).status_code == 404
    assert employer_api.delete(f"/api/vacancies/{vacancy.pk}").status_code == 404
    assert Vacancy.objects.filter(pk=vacancy.pk, owner=None).exists()


def test_editing_a_missing_vacancy_is_a_404(employer_api):
    response = employer_api.patch("/api/vacancies/999999", {"title": "x"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Vacancy not found."}


def test_a_stranger_learns_nothing_from_bad_input_to_someone_elses_vacancy(employer, rival_api):
    vacancy = VacancyFactory(owner=employer)

    assert rival_api.patch(f"/api/vacancies/{vacancy.pk}", {"title": ""}).status_code == 404


# --------------------------------------------------------------------------- delete


def test_the_owner_deletes_a_vacancy(employer, employer_api):
    vacancy = VacancyFactory(owner=employer)

    response = employer_api.delete(f"/api/vacancies/{vacancy.pk}")

    assert response.status_code == 204
    assert response.content == b""
    assert not Vacancy.objects.filter(pk=vacancy.pk).exists()


@pytest.mark.parametrize(("client_name", "status"), [("rival_api", 404), ("api", 404), ("anon_api", 401)])
def test_only_the_owner_can_delete(request, employer, client_name, status):
    vacancy = VacancyFactory(owner=employer)

    response = request.getfixturevalue(client_name).delete(f"/api/vacancies/{vacancy.pk}")

    assert response.status_code == status
    assert Vacancy.objects.filter(pk=vacancy.pk).exists()


# --------------------------------------------------------------------------- mine


def respond(vacancy: Vacancy, *statuses: str) -> None:
    for status in statuses:
        Application.objects.create(candidate=UserFactory(), vacancy=vacancy, status=status)


def test_mine_lists_own_vacancies_and_drafts_with_response_counts(employer, rival, employer_api):
    published = VacancyFactory(owner=employer, title="Published one")
    draft = VacancyFactory(owner=employer, title="Draft one", is_published=False)
    VacancyFactory(owner=rival, title="Rival's")
    VacancyFactory(owner=None, title="Catalogue")
    respond(published, "new", "new", "in_chat", "approved", "rejected", "rejected", "rejected")

    response = employer_api.get("/api/vacancies/mine")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    items = {item["title"]: item for item in body["items"]}
    assert set(items) == {"Published one", "Draft one"}
    assert items["Published one"]["application_counts"] == {"new": 2, "in_chat": 1, "approved": 1, "rejected": 3}
    assert items["Draft one"]["application_counts"] == {"new": 0, "in_chat": 0, "approved": 0, "rejected": 0}
    assert items["Draft one"]["is_published"] is False
    assert draft.pk in {item["id"] for item in body["items"]}


def test_mine_counts_with_a_fixed_number_of_queries(employer, employer_api, django_assert_num_queries):
    for n in range(5):
        respond(VacancyFactory(owner=employer), *["new", "approved"][: n % 3])

    # Token user, the page of vacancies with their counts, and the total.
    with django_assert_num_queries(3):
        response = employer_api.get("/api/vacancies/mine")

    assert response.status_code == 200
    assert len(response.json()["items"]) == 5


def test_mine_is_for_employers(api, anon_api):
    assert api.get("/api/vacancies/mine").status_code == 403
    assert anon_api.get("/api/vacancies/mine").status_code == 401


def test_mine_does_not_shadow_the_matches_or_a_vacancy(employer_api):
    vacancy = VacancyFactory()

    assert employer_api.get(f"/api/vacancies/{vacancy.pk}").json()["id"] == vacancy.pk
    assert employer_api.get("/api/vacancies/matches").status_code != 404
