"""Staff who don't hire get an operator's home: health, the task queue, counts, admin links; no candidate menus."""

import pytest
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import EmployerFactory, UserFactory
from interviews import services
from salary.tasks import train_salary_model_task
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    return UserFactory(username="root", is_staff=True)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_operator_lands_on_the_operator_home_without_candidate_menus(operator, fake_ollama):
    client = _client(operator)
    response = client.get("/", follow=True)
    assert response.redirect_chain == [("/operator/", 302)]
    html = response.content.decode()
    assert "Operator home" in html and 'href="/admin/"' in html
    for candidate_menu in ('href="/resume/"', 'href="/resume/matches"', 'href="/applications/"', 'href="/chats/"'):
        assert candidate_menu not in html, candidate_menu


def test_it_shows_health_the_task_queue_and_counts(operator, user, employer, fake_ollama):
    VacancyFactory(owner=employer)
    VacancyFactory(owner=employer, is_published=False)
    services.create_free_chat(user_id=str(user.pk), title="one")
    train_salary_model_task.enqueue(model_id=1)
    DBTaskResult.objects.create(task_path="salary.tasks.train_salary_model_task", status=TaskResultStatus.FAILED,
                                args_kwargs={"args": [], "kwargs": {}})

    html = _client(operator).get("/operator/").content.decode()

    for part in ("health-postgres", "health-mongodb", "health-llm"):
        assert f'<li class="{part}">' in html
    assert html.count('badge-ok">up<') == 3
    assert 'Waiting <span class="badge">1</span>' in html
    assert 'Failed <span class="badge badge-danger">1</span>' in html and "status__exact=FAILED" in html
    assert "candidates: 1, employers: 1, staff: 1" in html  # operator, alice, hiring_boss
    assert "published: 1" in html
    assert 'Chats\n        <span class="badge">1</span>' in html


def test_a_part_that_is_down_shows_as_down_not_an_error(operator, settings):
    settings.OLLAMA_HOST = "http://127.0.0.1:1"
    settings.MONGODB_URI = "mongodb://127.0.0.1:1/?directConnection=true"
    response = _client(operator).get("/operator/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('badge-danger">down<') == 2 and "unavailable while MongoDB is down" in html


def test_only_staff_see_it(user, employer, client):
    assert _client(user).get("/operator/").status_code == 403
    assert _client(employer).get("/operator/").status_code == 403
    assert client.get("/operator/")["Location"].startswith("/accounts/login")


def test_a_staff_employer_keeps_the_employer_dashboard():
    boss = EmployerFactory(username="staff_boss", is_staff=True)
    client = _client(boss)
    assert client.get("/").status_code == 200
    assert client.get("/operator/").status_code == 200


def test_in_russian_it_is_russian(operator, fake_ollama):
    operator.preferred_language = "ru"
    operator.save()
    html = _client(operator).get("/operator/", headers={"Accept-Language": "ru"}).content.decode()
    assert "Панель оператора" in html and "Task queue" not in html
