""""For you" marks the vacancies the candidate has applied to, with a link to the application."""

import pytest

from accounts.tests.factories import UserFactory
from applications.models import Application
from resumes.models import Resume
from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(user):
    Resume.objects.create(user=user, skills=["Python", "SQL"])
    return user


def test_an_applied_vacancy_is_marked_with_a_link_to_the_application(candidate, employer, user_client):
    applied = VacancyFactory(owner=employer, title="Applied role")
    VacancyFactory(owner=employer, title="Open role")
    application = Application.objects.create(candidate=candidate, vacancy=applied)

    page = user_client.get("/resume/matches").content.decode()

    assert page.count("match-card match-applied") == 1 and page.count("See your application") == 1
    card = page[page.index(f'id="match-{applied.pk}"'):]
    assert f'href="/applications/#application-{application.pk}"' in card


def test_someone_elses_application_marks_nothing(candidate, employer, user_client):
    vacancy = VacancyFactory(owner=employer, title="Their role")
    Application.objects.create(candidate=UserFactory(), vacancy=vacancy)

    page = user_client.get("/resume/matches").content.decode()

    assert "Their role" in page and "match-applied" not in page


def test_the_one_at_a_time_view_marks_it_too(candidate, employer, user_client):
    applied = VacancyFactory(owner=employer, title="Applied role")
    Application.objects.create(candidate=candidate, vacancy=applied)

    page = user_client.get("/resume/matches", {"i": 1}).content.decode()

    assert "match-card match-applied" in page and "See your application" in page


def test_the_annotation_keeps_one_row_per_vacancy(candidate, employer):
    vacancy = VacancyFactory(owner=employer)
    mine = Application.objects.create(candidate=candidate, vacancy=vacancy)
    for _ in range(3):
        Application.objects.create(candidate=UserFactory(), vacancy=vacancy)
    untouched = VacancyFactory(owner=employer)

    rows = {v.pk: v.application_id for v in Vacancy.objects.with_application_of(candidate)}

    assert rows == {vacancy.pk: mine.pk, untouched.pk: None}
    assert {v.application_id for v in Vacancy.objects.with_application_of(None)} == {None}
