"""Full name and current position on the profile: the resume's headline, and what an employer sees."""

import pytest

from applications.models import Application
from resumes.models import Resume
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_the_api_sets_name_and_position_and_reads_the_headline(api, user):
    response = api.patch("/api/me", {"full_name": "  Alice   Smith ", "current_position": "Backend developer at Acme"})
    assert response.status_code == 200
    body = response.json()
    assert (body["full_name"], body["current_position"]) == ("Alice Smith", "Backend developer at Acme")
    assert body["headline"] == "Alice Smith · Backend developer at Acme"
    assert api.get("/api/me").json()["headline"] == "Alice Smith · Backend developer at Acme"


def test_without_a_name_the_headline_is_the_username(api):
    assert api.get("/api/me").json()["headline"] == "alice"
    assert api.patch("/api/me", {"current_position": "Analyst"}).json()["headline"] == "alice · Analyst"


def test_an_over_long_name_is_a_422_and_saves_nothing(api, user):
    assert api.patch("/api/me", {"full_name": "x" * 151, "city": "Omsk"}).status_code == 422
    user.refresh_from_db()
    assert user.full_name == "" and user.city == ""


def test_the_profile_page_saves_them(user_client, user):
    response = user_client.post("/accounts/profile", {"full_name": "Alice Smith", "current_position": "QA lead",
                                                      "email": "a@b.co", "preferred_language": "en", "age": ""})
    assert response.status_code == 302
    html = user_client.get("/accounts/profile").content.decode()
    assert "<h1>Alice Smith</h1>" in html and "QA lead" in html


def test_the_resume_is_headed_with_them(api, user_client, user):
    Resume.objects.create(user=user, skills=["Python"])
    user.full_name, user.current_position = "Alice Smith", "QA lead"
    user.save()
    assert api.get("/api/resume").json()["headline"] == "Alice Smith · QA lead"
    assert "<strong>Alice Smith · QA lead</strong>" in user_client.get("/resume/").content.decode()


def test_the_employer_sees_the_candidates_name_and_position(client, employer, employer_api, user):
    user.full_name, user.current_position = "Alice Smith", "QA lead"
    user.save()
    vacancy = VacancyFactory(owner=employer)
    application = Application.objects.create(candidate=user, vacancy=vacancy)
    candidate = employer_api.get(f"/api/vacancies/{vacancy.pk}/applications").json()["items"][0]["candidate"]
    assert (candidate["full_name"], candidate["current_position"]) == ("Alice Smith", "QA lead")
    client.force_login(employer)
    html = client.get(f"/applications/{application.pk}/").content.decode()
    assert "<h1>Alice Smith</h1>" in html and "QA lead" in html
