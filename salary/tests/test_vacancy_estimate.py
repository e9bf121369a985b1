"""The market estimate on vacancy pages, and the employer form's "Compare with market"."""

import pytest

from salary.services import estimate_for_vacancy
from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

ROLE = {"title": "Senior Python developer", "description": "Django, PostgreSQL, Celery.", "location": "Moscow"}
SKILLS = ["Python", "Django"]


@pytest.fixture
def employer_client(client, employer):
    client.force_login(employer)
    return client


def estimate():
    prediction = estimate_for_vacancy(**ROLE, skills=SKILLS)
    assert prediction is not None
    return prediction


def money(low: int, high: int, currency: str = "RUB") -> str:
    return f"{low:,}–{high:,} {currency}"


def compare(browser, **fields):
    form = {**ROLE, "skills": ", ".join(SKILLS), "currency": "RUB", "compare": "1", **fields}
    return browser.post("/vacancies/new/", form, headers={"HX-Request": "true"})


# --------------------------------------------------------------------------- vacancy page


def test_a_vacancy_without_salary_shows_the_market_estimate(trained, client):
    vacancy = VacancyFactory(**ROLE, skills=SKILLS, salary_min=None, salary_max=None, currency="RUB")
    expected = estimate()

    page = client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    assert "Salary not disclosed" in page
    assert f"Market estimate: <strong class=\"salary\">{money(expected.salary_from, expected.salary_to)}</strong>" in page


def test_a_vacancy_with_a_salary_shows_no_estimate(trained, client):
    vacancy = VacancyFactory(**ROLE, skills=SKILLS, salary_min=100_000, salary_max=None, currency="RUB")

    page = client.get(f"/vacancies/{vacancy.pk}/").content.decode()

    assert "from 100,000 RUB" in page
    assert "Market estimate" not in page


def test_without_a_trained_model_the_estimate_is_simply_absent(client):
    vacancy = VacancyFactory(**ROLE, salary_min=None, salary_max=None)

    response = client.get(f"/vacancies/{vacancy.pk}/")

    assert response.status_code == 200
    assert "Salary not disclosed" in response.content.decode()
    assert "Market estimate" not in response.content.decode()


def test_a_missing_model_file_hides_the_estimate_instead_of_failing(trained, model_dir, client):
    (model_dir / trained.artefact).unlink()
    vacancy = VacancyFactory(**ROLE, salary_min=None, salary_max=None)

    response = client.get(f"/vacancies/{vacancy.pk}/")

    assert response.status_code == 200
    assert "Market estimate" not in response.content.decode()


# --------------------------------------------------------------------------- employer form


def test_a_range_under_the_estimate_is_called_below(trained, employer_client):
    expected = estimate()
    low, high = expected.salary_from // 2, expected.salary_from - 1000

    response = compare(employer_client, salary_min=low, salary_max=high)

    body = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert f"Your range <span class=\"salary\">{money(low, high)}</span> is below the market estimate" in body
    assert money(expected.salary_from, expected.salary_to) in body
    assert "<html" not in body
    assert not Vacancy.objects.exists()


def test_a_range_past_the_estimate_is_called_above(trained, employer_client):
    expected = estimate()

    response = compare(employer_client, salary_min=expected.salary_to + 1000, salary_max="")

    body = " ".join(response.content.decode().split())
    assert f"from {expected.salary_to + 1000:,} RUB</span> is above the market estimate" in body


def test_an_overlapping_range_is_in_line(trained, employer_client):
    expected = estimate()

    response = compare(employer_client, salary_min=expected.salary_from, salary_max=expected.salary_to + 50_000)

    assert "is in line with the market estimate" in response.content.decode()


def test_without_a_range_it_shows_the_estimate_alone(trained, employer_client):
    expected = estimate()

    body = compare(employer_client, salary_min="", salary_max="").content.decode()

    assert money(expected.salary_from, expected.salary_to) in body
    assert "Add a salary range to compare." in body


def test_a_range_in_another_currency_is_not_compared(trained, employer_client):
    body = compare(employer_client, salary_min=5000, salary_max=6000, currency="EUR").content.decode()

    assert "Your range is in EUR, so it is not compared." in body
    assert "below" not in body and "above" not in body


def test_without_a_model_the_comparison_is_a_sentence(employer_client):
    response = compare(employer_client, salary_min=100_000, salary_max=200_000)

    assert response.status_code == 200
    assert "No market estimate yet" in response.content.decode()


def test_without_a_title_it_asks_for_one(trained, employer_client):
    assert "Enter the job title" in compare(employer_client, title="  ").content.decode()


def test_comparing_without_js_keeps_the_typed_form(trained, employer_client):
    response = employer_client.post("/vacancies/new/", {**ROLE, "skills": "Python", "salary_min": "1000",
                                                        "salary_max": "2000", "currency": "RUB", "compare": "1"})

    body = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "<html" in body and "is below the market estimate" in body
    assert f'value="{ROLE["title"]}"' in body
    assert "This field is required." not in body
    assert not Vacancy.objects.exists()


def test_the_edit_form_compares_without_saving(trained, employer, employer_client):
    vacancy = VacancyFactory(owner=employer)

    response = employer_client.post(f"/vacancies/{vacancy.pk}/edit/", {**ROLE, "compare": "1"},
                                    headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Market estimate for this role:" in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.title != ROLE["title"]


def test_a_candidate_cannot_use_the_employer_comparison(trained, user_client):
    assert compare(user_client, salary_min=1, salary_max=2).status_code == 403
