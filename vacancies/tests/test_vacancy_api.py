"""GET /api/vacancies/{id}: the current questions without ideal answers; drafts only for their owner."""

import pytest

from vacancies.services import replace_questions
from vacancies.tests.factories import VacancyFactory, question

pytestmark = pytest.mark.django_db


def test_it_shows_the_current_question_set_without_ideal_answers(anon_api):
    vacancy = VacancyFactory(questions=[question("Old question?")])
    replace_questions(vacancy=vacancy, questions=[question("Why us?", "Motivation", "SECRET"), question("SQL joins?")])

    response = anon_api.get(f"/api/vacancies/{vacancy.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == vacancy.title
    assert body["question_set"]["version"] == 2
    assert [q["text"] for q in body["question_set"]["questions"]] == ["Why us?", "SQL joins?"]
    assert set(body["question_set"]["questions"][0]) == {"id", "text", "topic"}
    assert "SECRET" not in response.content.decode()


def test_a_vacancy_without_questions_has_no_question_set(anon_api):
    vacancy = VacancyFactory()
    assert anon_api.get(f"/api/vacancies/{vacancy.pk}").json()["question_set"] is None


def test_a_draft_is_visible_to_its_owner_only(employer, employer_api, anon_api, stranger_api):
    draft = VacancyFactory(owner=employer, is_published=False)

    assert employer_api.get(f"/api/vacancies/{draft.pk}").status_code == 200
    for client in (anon_api, stranger_api):
        response = client.get(f"/api/vacancies/{draft.pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Vacancy not found."}


def test_it_answers_404_for_an_unknown_vacancy(anon_api):
    assert anon_api.get("/api/vacancies/999999").status_code == 404


def test_a_bad_token_is_refused_rather_than_treated_as_anonymous(anon_api):
    vacancy = VacancyFactory()
    response = anon_api.get(f"/api/vacancies/{vacancy.pk}", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
