"""A new vacancy is a draft until its employer publishes it (on its page, in the list or through the API);
candidates see no draft anywhere: catalogue, "For you", its page, the API."""

import pytest
from django.test import Client

from conftest import ApiClient, token_for
from resumes.models import Resume
from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Data Engineer",
    "company": "Streamly",
    "description": "Pipelines and warehouses.",
    "skills": "Python, Airflow",
    "location": "Remote",
    "currency": "RUB",
    "employment_type": "full_time",
    "language": "en",
}


@pytest.fixture
def employer_client(employer):
    browser = Client()
    browser.force_login(employer)
    return browser


@pytest.fixture
def candidate(user):
    Resume.objects.create(user=user, skills=["Python", "Airflow"])
    return user


@pytest.fixture
def candidate_client(candidate):
    browser = Client()
    browser.force_login(candidate)
    return browser


@pytest.fixture
def candidate_api(candidate):
    return ApiClient(Client(), token_for(candidate))


def candidate_sees(title: str, *, candidate_client, candidate_api, vacancy: Vacancy) -> dict[str, bool]:
    return {
        "list": title in candidate_client.get("/vacancies/").content.decode(),
        "matches": title in candidate_client.get("/resume/matches").content.decode(),
        "page": candidate_client.get(f"/vacancies/{vacancy.pk}/").status_code == 200,
        "api list": title in candidate_api.get("/api/vacancies").content.decode(),
        "api matches": title in candidate_api.get("/api/vacancies/matches").content.decode(),
        "api detail": candidate_api.get(f"/api/vacancies/{vacancy.pk}").status_code == 200,
    }


def test_a_vacancy_created_on_the_page_is_a_draft_nobody_else_sees(employer_client, candidate_client, candidate_api):
    response = employer_client.post("/vacancies/new/", FORM, follow=True)

    vacancy = Vacancy.objects.get()
    assert vacancy.is_published is False
    page = response.content.decode()
    assert "It is a draft" in page and 'name="publish" value="1"' in page
    seen = candidate_sees("Data Engineer", candidate_client=candidate_client, candidate_api=candidate_api,
                          vacancy=vacancy)
    assert not any(seen.values()), seen


def test_publishing_on_its_page_shows_it_to_candidates_and_comes_back(employer_client, candidate_client,
                                                                        candidate_api):
    employer_client.post("/vacancies/new/", FORM)
    vacancy = Vacancy.objects.get()

    response = employer_client.post(f"/vacancies/{vacancy.pk}/publish/",
                                    {"publish": "1", "next": f"/vacancies/{vacancy.pk}/"})

    assert response.status_code == 302 and response.url == f"/vacancies/{vacancy.pk}/"
    vacancy.refresh_from_db()
    assert vacancy.is_published is True
    seen = candidate_sees("Data Engineer", candidate_client=candidate_client, candidate_api=candidate_api,
                          vacancy=vacancy)
    assert all(seen.values()), seen
    assert 'name="publish" value="0"' in employer_client.get(f"/vacancies/{vacancy.pk}/").content.decode()


def test_publish_does_not_follow_a_next_to_another_site(employer, employer_client):
    vacancy = VacancyFactory(owner=employer, is_published=False)

    response = employer_client.post(f"/vacancies/{vacancy.pk}/publish/", {"publish": "1", "next": "https://evil.example/"})

    assert response.url == "/vacancies/mine/"


def test_candidates_see_no_publish_bar(employer, candidate_client):
    vacancy = VacancyFactory(owner=employer)

    page = candidate_client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    assert 'id="publish-state"' not in page


def test_the_api_creates_a_draft_and_publishes_it(employer_api, candidate_api, anon_api):
    created = employer_api.post("/api/vacancies", {"title": "Data Engineer", "company": "Streamly",
                                                   "description": "Pipelines."})
    assert created.status_code == 201 and created.json()["is_published"] is False
    vacancy_id = created.json()["id"]
    assert candidate_api.get(f"/api/vacancies/{vacancy_id}").status_code == 404

    for _ in range(2):  # publishing twice is harmless
        published = employer_api.post(f"/api/vacancies/{vacancy_id}/publish")
        assert published.status_code == 200 and published.json()["is_published"] is True
    assert anon_api.get(f"/api/vacancies/{vacancy_id}").status_code == 200
    assert "Data Engineer" in anon_api.get("/api/vacancies").content.decode()

    unpublished = employer_api.post(f"/api/vacancies/{vacancy_id}/unpublish")
    assert unpublished.status_code == 200 and unpublished.json()["is_published"] is False
    assert anon_api.get(f"/api/vacancies/{vacancy_id}").status_code == 404


def test_nobody_else_publishes_through_the_api(employer, candidate_api, stranger_api, anon_api):
    draft = VacancyFactory(owner=employer, is_published=False)

    for client in (candidate_api, stranger_api):
        response = client.post(f"/api/vacancies/{draft.pk}/publish")
        assert response.status_code == 404 and response.json() == {"detail": "Vacancy not found."}
    assert anon_api.post(f"/api/vacancies/{draft.pk}/publish").status_code == 401
    draft.refresh_from_db()
    assert draft.is_published is False


def test_a_vacancy_saved_without_saying_is_a_draft():
    assert Vacancy(title="t", company="c", description="d").is_published is False
