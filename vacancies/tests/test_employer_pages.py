"""Employers' vacancy pages: my list with response counts, create and edit (htmx errors inline), publish, delete."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from applications.models import Application
from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Data Engineer",
    "company": "Streamly",
    "description": "Pipelines and warehouses.",
    "skills": "python, k8s , Python, airflow",
    "location": "Remote",
    "salary_min": "120000",
    "salary_max": "180000",
    "currency": "RUB",
    "employment_type": "full_time",
    "language": "en",
}


@pytest.fixture
def employer_client(client, employer):
    client.force_login(employer)
    return client


@pytest.fixture
def rival_client(rival):
    browser = Client()
    browser.force_login(rival)
    return browser


@pytest.fixture
def candidate_client(user):
    browser = Client()
    browser.force_login(user)
    return browser


# --------------------------------------------------------------------------- my vacancies


def test_my_vacancies_shows_own_vacancies_drafts_and_counts(employer, rival, employer_client):
    published = VacancyFactory(owner=employer, title="Published role")
    VacancyFactory(owner=employer, title="Draft role", is_published=False)
    VacancyFactory(owner=rival, title="Rival role")
    for status in ("new", "new", "in_chat", "rejected"):
        Application.objects.create(candidate=UserFactory(), vacancy=published, status=status)

    response = employer_client.get("/vacancies/mine/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Published role" in page and "Draft role" in page and "Rival role" not in page
    assert "New: 2" in page and "Screening: 1" in page and "Approved: 0" in page and "Rejected: 1" in page
    assert reverse("applications:vacancy_responses", kwargs={"vacancy_id": published.pk}) in page
    assert f"/vacancies/{published.pk}/edit/" in page
    assert ">Draft<" in page and ">Published<" in page


def test_my_vacancies_counts_use_plural_labels_in_russian(employer, employer_client):
    """The per-status counts say "Новые: 2" (count label context), while a status itself stays "Новый"."""
    vacancy = VacancyFactory(owner=employer)
    for status in ("new", "new", "in_chat", "approved", "rejected"):
        Application.objects.create(candidate=UserFactory(), vacancy=vacancy, status=status)
    employer.preferred_language = "ru"
    employer.save(update_fields=["preferred_language"])

    page = employer_client.get("/vacancies/mine/").content.decode()

    assert '<html lang="ru">' in page
    for label in ("Новые: 2", "На скрининге: 1", "Одобрены: 1", "Отклонены: 1"):
        assert label in page, label


def test_my_vacancies_needs_a_fixed_number_of_queries(employer, employer_client, django_assert_num_queries):
    for _ in range(4):
        vacancy = VacancyFactory(owner=employer)
        Application.objects.create(candidate=UserFactory(), vacancy=vacancy, status="approved")

    # Session, user, the count for the paginator, the page of vacancies with their counts.
    with django_assert_num_queries(4):
        response = employer_client.get("/vacancies/mine/")

    assert response.content.decode().count("Approved: 1") == 4


def test_the_employer_nav_links_to_my_vacancies(employer_client, candidate_client):
    assert 'href="/vacancies/mine/"' in employer_client.get("/vacancies/").content.decode()
    assert 'href="/vacancies/mine/"' not in candidate_client.get("/vacancies/").content.decode()


def test_my_vacancies_come_newest_first(employer, employer_client):
    VacancyFactory(owner=employer, title="Older role")
    VacancyFactory(owner=employer, title="Newer role")

    page = employer_client.get("/vacancies/mine/").content.decode()

    assert page.index("Newer role") < page.index("Older role")


def test_a_candidate_gets_403_on_employer_pages(user_client):
    assert user_client.get("/vacancies/mine/").status_code == 403
    assert user_client.get("/vacancies/new/").status_code == 403
    assert user_client.post("/vacancies/new/", FORM).status_code == 403
    assert not Vacancy.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/vacancies/new/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login")


# --------------------------------------------------------------------------- create


def test_an_employer_creates_a_vacancy_on_the_page(employer, employer_client):
    assert employer_client.get("/vacancies/new/").status_code == 200

    response = employer_client.post("/vacancies/new/", FORM)

    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response.url == f"/vacancies/{vacancy.pk}/"
    assert vacancy.owner == employer
    assert vacancy.skills == ["Python", "Kubernetes", "Airflow"]
    assert (vacancy.salary_min, vacancy.salary_max, vacancy.is_published) == (120_000, 180_000, False)


def test_a_new_vacancy_is_a_draft_even_when_the_post_says_published(employer_client):
    employer_client.post("/vacancies/new/", {**FORM, "is_published": "on"})

    assert Vacancy.objects.get().is_published is False


def test_a_reversed_salary_range_is_shown_inline_by_htmx(employer_client):
    response = employer_client.post(
        "/vacancies/new/", {**FORM, "salary_min": "200000", "salary_max": "100000"}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "The salary lower bound cannot exceed the upper bound." in body
    assert "<html" not in body and 'class="vacancy-form"' in body
    assert 'value="Data Engineer"' in body
    assert not Vacancy.objects.exists()


def test_errors_render_the_whole_page_without_js(employer_client):
    response = employer_client.post("/vacancies/new/", {**FORM, "title": "", "skills": ", ".join(f"s{n}" for n in range(51))})

    body = response.content.decode()
    assert response.status_code == 400
    assert "<html" in body
    assert "This field is required." in body
    assert not Vacancy.objects.exists()


def test_too_many_skills_is_an_inline_error(employer_client):
    response = employer_client.post("/vacancies/new/", {**FORM, "skills": ", ".join(f"s{n}" for n in range(51))},
                                    headers={"HX-Request": "true"})

    assert response.status_code == 400
    assert "List at most 50 skills." in response.content.decode()
    assert not Vacancy.objects.exists()


def test_a_successful_htmx_save_redirects_the_browser(employer_client):
    response = employer_client.post("/vacancies/new/", FORM, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/vacancies/{Vacancy.objects.get().pk}/"


# --------------------------------------------------------------------------- edit


def test_the_edit_form_is_filled_in_and_saves(employer, employer_client):
    vacancy = VacancyFactory(owner=employer, title="Old", skills=["SQL", "Go"])

    page = employer_client.get(f"/vacancies/{vacancy.pk}/edit/").content.decode()
    assert 'value="Old"' in page and "SQL, Go" in page

    response = employer_client.post(f"/vacancies/{vacancy.pk}/edit/", {**FORM, "title": "New"})

    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "New"
    assert vacancy.skills == ["Python", "Kubernetes", "Airflow"]


@pytest.mark.parametrize("path", ["/vacancies/{pk}/edit/", "/vacancies/{pk}/delete/"])
def test_someone_elses_vacancy_is_a_404(employer, rival_client, candidate_client, path):
    vacancy = VacancyFactory(owner=employer, title="Not yours")

    assert rival_client.get(path.format(pk=vacancy.pk)).status_code == 404
    assert rival_client.post(path.format(pk=vacancy.pk), FORM).status_code == 404
    assert candidate_client.get(path.format(pk=vacancy.pk)).status_code == 404
    assert candidate_client.post(path.format(pk=vacancy.pk), FORM).status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.title == "Not yours"


def test_the_owner_sees_an_edit_link_on_the_vacancy_page(employer, employer_client, rival_client):
    vacancy = VacancyFactory(owner=employer)

    assert f"/vacancies/{vacancy.pk}/edit/" in employer_client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    assert f"/vacancies/{vacancy.pk}/edit/" not in rival_client.get(f"/vacancies/{vacancy.pk}/").content.decode()


# --------------------------------------------------------------------------- publish


def test_publish_sets_the_state_asked_for(employer, employer_client):
    vacancy = VacancyFactory(owner=employer, is_published=True)

    response = employer_client.post(f"/vacancies/{vacancy.pk}/publish/", {"publish": "0"})
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.is_published is False

    employer_client.post(f"/vacancies/{vacancy.pk}/publish/", {"publish": "0"})
    vacancy.refresh_from_db()
    assert vacancy.is_published is False

    employer_client.post(f"/vacancies/{vacancy.pk}/publish/", {"publish": "1"})
    vacancy.refresh_from_db()
    assert vacancy.is_published is True


def test_htmx_publish_swaps_the_row(employer, employer_client):
    vacancy = VacancyFactory(owner=employer, is_published=False)

    response = employer_client.post(f"/vacancies/{vacancy.pk}/publish/", {"publish": "1"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith(f'<li class="card vacancy-card own-vacancy" id="vacancy-{vacancy.pk}"')
    assert ">Published<" in body and "Unpublish" in body


def test_nobody_else_can_publish(employer, rival_client, candidate_client):
    vacancy = VacancyFactory(owner=employer, is_published=False)

    assert rival_client.post(f"/vacancies/{vacancy.pk}/publish/", {"publish": "1"}).status_code == 404
    assert candidate_client.post(f"/vacancies/{vacancy.pk}/publish/", {"publish": "1"}).status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.is_published is False


def test_publish_is_post_only(employer, employer_client):
    vacancy = VacancyFactory(owner=employer)

    assert employer_client.get(f"/vacancies/{vacancy.pk}/publish/").status_code == 405


# --------------------------------------------------------------------------- delete


def test_delete_asks_first_then_deletes(employer, employer_client):
    vacancy = VacancyFactory(owner=employer, title="Short-lived")

    confirm = employer_client.get(f"/vacancies/{vacancy.pk}/delete/")
    assert confirm.status_code == 200
    assert "Short-lived" in confirm.content.decode()
    assert Vacancy.objects.filter(pk=vacancy.pk).exists()

    response = employer_client.post(f"/vacancies/{vacancy.pk}/delete/")

    assert response.status_code == 302
    assert response.url == "/vacancies/mine/"
    assert not Vacancy.objects.filter(pk=vacancy.pk).exists()
