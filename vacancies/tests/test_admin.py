"""The vacancy admin: filters and search load; editing questions saves a new version."""

import pytest

from accounts.tests.factories import UserFactory
from vacancies.tests.factories import VacancyFactory, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_changelist_filters_and_searches(admin_client):
    VacancyFactory(title="Backend Developer", questions=[question("Q1")])
    VacancyFactory(title="Draft role", is_published=False)

    page = admin_client.get("/admin/vacancies/vacancy/", {"is_published__exact": "1", "q": "backend"})

    assert page.status_code == 200
    body = page.content.decode()
    assert "Backend Developer" in body and "Draft role" not in body and "v1" in body


def test_the_change_page_shows_the_current_questions_and_their_history(admin_client):
    vacancy = VacancyFactory(questions=[question("Tell me about yourself?")])

    body = admin_client.get(f"/admin/vacancies/vacancy/{vacancy.pk}/change/").content.decode()

    assert "Tell me about yourself?" in body
    assert f"/admin/vacancies/vacancy/{vacancy.pk}/questions/" in body


def _formset_data(rows: list[dict]) -> dict:
    data = {"questions-TOTAL_FORMS": str(len(rows)), "questions-INITIAL_FORMS": "1",
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"questions-{index}-{key}"] = value
    return data


def test_editing_questions_saves_a_new_version_and_keeps_the_old(admin_client):
    vacancy = VacancyFactory(questions=[question("Old wording?", "General", "Old answer")])
    url = f"/admin/vacancies/vacancy/{vacancy.pk}/questions/"
    assert "Old wording?" in admin_client.get(url).content.decode()

    response = admin_client.post(url, _formset_data([
        {"ORDER": "2", "topic": "General", "text": "New wording?", "ideal_answer": "New answer"},
        {"ORDER": "1", "topic": "SQL", "text": "What is an index?", "ideal_answer": "A lookup structure."},
        {"ORDER": "3", "topic": "", "text": "Dropped", "ideal_answer": "", "DELETE": "on"},
    ]))

    assert response.status_code == 302
    current = vacancy.current_question_set()
    assert current.version == 2
    assert [q.text for q in current.questions.all()] == ["What is an index?", "New wording?"]
    assert [q.text for q in vacancy.question_sets.get(version=1).questions.all()] == ["Old wording?"]


def test_removing_every_question_is_refused(admin_client):
    vacancy = VacancyFactory(questions=[question("Only one?")])

    response = admin_client.post(f"/admin/vacancies/vacancy/{vacancy.pk}/questions/", _formset_data([
        {"ORDER": "1", "topic": "", "text": "Only one?", "ideal_answer": "", "DELETE": "on"},
    ]))

    assert response.status_code == 200
    assert "at least one question" in response.content.decode()
    assert vacancy.question_sets.count() == 1


def test_staff_without_change_permission_cannot_edit_questions(client):
    client.force_login(UserFactory(is_staff=True))
    vacancy = VacancyFactory()
    assert client.get(f"/admin/vacancies/vacancy/{vacancy.pk}/questions/").status_code == 403
