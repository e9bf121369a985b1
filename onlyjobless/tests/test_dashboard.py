"""The signed-in home page: where each kind of user left off, in a bounded number of queries."""

import pytest
from django.test import Client

from applications.models import Application
from resumes.models import Resume
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_a_candidate_sees_matches_applications_and_recent_interviews(user_client, user, employer):
    Resume.objects.create(user=user, skills=["Python", "SQL"])
    VacancyFactory(title="Data Engineer", skills=["Python", "SQL"], owner=employer)
    VacancyFactory(title="Analyst", skills=["SQL", "Excel"])
    VacancyFactory(title="Designer", skills=["Figma"])
    applied = VacancyFactory(title="Platform Engineer", skills=["Python"], owner=employer)
    Application.objects.create(candidate=user, vacancy=applied, status=Application.Status.APPROVED)
    user_client.post("/chats/new", {})  # a coach chat

    html = user_client.get("/").content.decode()

    assert html.index("Data Engineer") < html.index("Analyst")  # best match first
    assert "100%" in html and "50%" in html
    assert "Designer" not in html  # no 0% matches
    assert "Approved" in html
    assert "Interview coach" in html or "/chats/" in html


def test_a_candidate_without_a_resume_is_told_how_matches_work(user_client):
    html = user_client.get("/").content.decode()
    assert "Fill in your resume or upload one" in html


def test_an_employer_sees_vacancies_with_responses_and_the_scored_ones_to_review(client, employer, user, stranger):
    vacancy = VacancyFactory(title="Backend Lead", owner=employer)
    Application.objects.create(candidate=user, vacancy=vacancy, status=Application.Status.IN_CHAT, relevance_score=81)
    Application.objects.create(candidate=stranger, vacancy=vacancy, status=Application.Status.IN_CHAT)  # not scored
    other = VacancyFactory(title="Someone else's", owner=None)
    client.force_login(employer)

    html = client.get("/").content.decode()

    assert "Backend Lead" in html and "2 responses" in html
    assert "81/100" in html and user.username in html
    assert stranger.username not in html
    assert other.title not in html


def test_the_dashboard_survives_mongodb_being_down(user_client, mongodb_down):
    response = user_client.get("/")
    assert response.status_code == 200
    assert "Your chats are unavailable right now" in response.content.decode()


def test_the_candidate_dashboard_has_a_query_budget(user_client, user, django_assert_max_num_queries):
    Resume.objects.create(user=user, skills=["Python"])
    for _ in range(5):
        VacancyFactory()
    with django_assert_max_num_queries(9):  # 8, and the practice queue's due count
        assert user_client.get("/").status_code == 200


def test_anonymous_visitors_get_the_landing_page():
    html = Client().get("/").content.decode()
    assert "Hello," not in html and "/accounts/register" in html


def test_the_nav_marks_the_section_you_are_in(client, employer):
    client.force_login(employer)
    html = client.get("/vacancies/mine/").content.decode()
    assert 'href="/vacancies/mine/" aria-current="page"' in html
    assert 'href="/vacancies/" aria-current' not in html
