"""The catalogue pages: search with an htmx results partial, and a vacancy with its practice form."""

import pytest

from vacancies.tests.factories import PersonaFactory, VacancyFactory, question

pytestmark = pytest.mark.django_db


def test_the_list_searches_and_shows_each_vacancy(client):
    VacancyFactory(title="Backend Developer", company="Ledgerline", skills=["Python", "Django"], location="Berlin",
                   salary_min=65000, salary_max=85000, currency="EUR")
    VacancyFactory(title="Frontend Developer", skills=["React"])
    VacancyFactory(title="Hidden draft", is_published=False)

    page = client.get("/vacancies/", {"q": "backend"}).content.decode()

    assert "Backend Developer" in page and "Ledgerline" in page and "Django" in page
    assert "65,000–85,000 EUR" in page
    assert "Frontend Developer" not in page and "Hidden draft" not in page
    assert 'hx-get="/vacancies/"' in page and 'action="/vacancies/"' in page


def test_the_list_filters_by_skill_location_and_salary(client):
    VacancyFactory(title="Match", skills=["Go"], location="Remote", salary_max=150000)
    VacancyFactory(title="Wrong skill", skills=["Java"], location="Remote", salary_max=150000)
    VacancyFactory(title="Too cheap", skills=["Go"], location="Remote", salary_min=1000, salary_max=2000)

    page = client.get("/vacancies/", {"skill": "go", "location": "remote", "salary_min": 100000}).content.decode()

    assert "Match" in page and "Wrong skill" not in page and "Too cheap" not in page


def test_an_htmx_search_gets_only_the_results_partial(client):
    VacancyFactory(title="Data Engineer")

    response = client.get("/vacancies/", {"q": "data"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="results"')
    assert "Data Engineer" in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_pagination_links_keep_the_filters_and_work_with_and_without_htmx(client):
    for n in range(23):
        VacancyFactory(title=f"Python role {n}", skills=["Python"])

    first = client.get("/vacancies/", {"skill": "python"}).content.decode()
    second = client.get("/vacancies/", {"skill": "python", "page": 2}).content.decode()

    assert 'href="/vacancies/?skill=python&amp;page=2"' in first
    assert 'hx-get="/vacancies/?skill=python&amp;page=2"' in first
    assert "Page 1 of 3" in first and "Page 2 of 3" in second
    assert first.count('class="card vacancy-card"') == 10
    assert 'href="/vacancies/?skill=python&amp;page=3"' in first


def test_the_page_numbers_are_bounded_around_the_current_one(client):
    for n in range(95):
        VacancyFactory(title=f"Role {n}")

    page = client.get("/vacancies/", {"q": "role", "page": 5}).content.decode()

    linked = {n for n in range(1, 11) if f'href="/vacancies/?q=role&amp;page={n}"' in page}
    assert linked == {1, 4, 6, 10}
    assert '<span class="button button-small button-primary" aria-current="page">5</span>' in page
    assert page.count("…") >= 2


@pytest.mark.parametrize("value", ["abc", "0", "-3", "2.5", "1e9", "99999999999999999999", "9" * 5000, ""])
def test_a_bad_or_huge_page_number_shows_a_page_not_an_error(client, value):
    for n in range(12):
        VacancyFactory(title=f"Role {n}")

    response = client.get("/vacancies/", {"page": value})

    assert response.status_code == 200
    assert response.content.decode().count('class="card vacancy-card"') in (10, 2)


def test_a_bad_filter_is_shown_and_ignored(client):
    VacancyFactory(title="Any role")

    page = client.get("/vacancies/", {"salary_min": "lots"}).content.decode()

    assert "Any role" in page and "Enter a whole number." in page


def test_the_list_says_so_when_nothing_matches(client):
    page = client.get("/vacancies/", {"q": "astronaut"}).content.decode()
    assert "No vacancies match" in page and "Show all vacancies" in page


def test_the_detail_page_offers_practice_with_a_persona(user_client):
    vacancy = VacancyFactory(title="Backend Developer", skills=["Python", "PostgreSQL"],
                             questions=[question("Q1", "Databases"), question("Q2", "Testing")])
    easy = PersonaFactory(name="Emma", difficulty="easy")
    PersonaFactory(name="Viktor", difficulty="hard")
    PersonaFactory(name="Screening bot", kind="screening")
    PersonaFactory(name="Retired", is_active=False)

    page = user_client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    assert "Backend Developer" in page and "PostgreSQL" in page and "Databases" in page
    assert 'action="/chats/new"' in page and 'name="csrfmiddlewaretoken"' in page
    assert f'name="vacancy_id" value="{vacancy.pk}"' in page
    assert f'name="persona_id" value="{easy.pk}" required checked' in page
    assert "Viktor" in page and "Screening bot" not in page and "Retired" not in page
    assert page.index("Emma") < page.index("Viktor")


def test_personas_speaking_the_vacancy_language_come_first(user_client):
    vacancy = VacancyFactory(language="ru")
    PersonaFactory(name="Alice", language="en", difficulty="easy")
    PersonaFactory(name="Дмитрий", language="ru", difficulty="hard")

    page = user_client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    assert page.index("Дмитрий") < page.index("Alice")


def test_personas_of_another_language_are_labelled_and_listed_apart(user_client):
    vacancy = VacancyFactory(language="en")
    PersonaFactory(name="Анна", language="ru", difficulty="easy")
    PersonaFactory(name="Emma", language="en", difficulty="hard")
    PersonaFactory(name="Дмитрий", language="ru", difficulty="hard")

    page = user_client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    heading = page.index("Interviewers who speak another language")
    assert page.count("Interviewers who speak another language") == 1
    assert page.index("Emma") < heading < page.index("Анна") < page.index("Дмитрий")
    assert page.count('<span class="badge badge-muted" lang="ru">Русский</span>') == 2
    assert '<span class="badge badge-muted" lang="en">' not in page


def test_no_heading_when_every_persona_speaks_the_vacancy_language(user_client):
    vacancy = VacancyFactory(language="en")
    PersonaFactory(name="Emma", language="en")

    page = user_client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    assert "Interviewers who speak another language" not in page


def primary_buttons(page: str) -> list[str]:
    import re

    return re.findall(r'class="button button-primary[^"]*"[^>]*>([^<]+)<', page)


def test_beside_apply_starting_a_practice_interview_is_the_secondary_action(employer, user_client):
    hiring = VacancyFactory(owner=employer)
    PersonaFactory(name="Emma")

    page = user_client.get(f"/vacancies/{hiring.pk}/").content.decode()

    assert primary_buttons(page) == ["Apply"]
    assert 'class="button button-block">Start the interview<' in page


def test_on_a_catalogue_vacancy_starting_the_interview_is_the_primary_action(user_client):
    catalogue = VacancyFactory(owner=None)
    PersonaFactory(name="Emma")

    page = user_client.get(f"/vacancies/{catalogue.pk}/").content.decode()

    assert primary_buttons(page) == ["Start the interview"]


def test_a_visitor_is_asked_to_log_in_to_practise(client):
    vacancy = VacancyFactory()

    page = client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    assert f"/accounts/login?next=/vacancies/{vacancy.pk}/" in page
    assert 'action="/chats/new"' not in page


def test_a_draft_page_is_404_except_for_its_owner(client, employer, user_client):
    draft = VacancyFactory(owner=employer, is_published=False)

    assert user_client.get(f"/vacancies/{draft.pk}/").status_code == 404
    client.force_login(employer)
    assert client.get(f"/vacancies/{draft.pk}/").status_code == 200
