"""The "What does this job pay?" page: form, result with a range bar, the user's own history."""

import re

import pytest

from salary.models import SalaryPrediction
from salary.tests.conftest import make_prediction

pytestmark = pytest.mark.django_db

URL = "/salary/"
JOB = {"title": "Senior Go developer", "description": "gRPC, PostgreSQL", "skills": "Go, gRPC, , go",
       "location": "Moscow"}


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_it_shows_the_form_and_an_empty_history(user_client):
    response = user_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "What does this job pay?" in html
    assert 'name="title"' in html and 'name="skills"' in html
    assert "No estimates yet" in html


def test_posting_the_form_shows_the_result_with_a_range_bar_and_the_history(user_client, user, trained):
    response = user_client.post(URL, JOB)
    prediction = SalaryPrediction.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}?result={prediction.pk}"
    assert prediction.user == user and prediction.skills == ["Go", "gRPC"]

    html = user_client.get(response["Location"]).content.decode()
    assert f"{prediction.salary_from:,} – {prediction.salary_to:,} RUB" in html
    assert re.search(r'<rect class="range-fill" x="[\d.]+" y="\d+" width="[\d.]+"', html)
    assert "Demo model" in html  # trained on the synthetic corpus only
    history = html.split('id="salary-history"')[1]
    assert "Senior Go developer" in history and trained.version in history
    # The form keeps what was asked.
    assert 'value="Go, gRPC"' in html


def test_the_page_never_uses_inline_styles(user_client, trained):
    html = user_client.get(user_client.post(URL, JOB)["Location"]).content.decode()
    assert "style=" not in html


def test_the_range_bar_uses_dots_in_every_language(user_client, user, trained):
    user_client.post("/i18n/setlang/", {"language": "ru", "next": URL})
    html = user_client.get(user_client.post(URL, JOB)["Location"]).content.decode()
    assert re.search(r'<rect class="range-fill" x="\d+(\.\d+)?" y="\d+" width="\d+(\.\d+)?"', html)


def test_htmx_gets_the_result_partial_and_a_fresh_history(user_client, trained):
    response = user_client.post(URL, JOB, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="salary-estimator"' in html and 'class="range-fill"' in html
    assert 'id="salary-history" hx-swap-oob="true"' in html and "Senior Go developer" in html


def test_a_blank_title_is_a_form_error(user_client, trained):
    response = user_client.post(URL, {**JOB, "title": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not SalaryPrediction.objects.exists()

    partial = user_client.post(URL, {**JOB, "title": ""}, headers={"HX-Request": "true"})
    # htmx 2 swaps only 2xx responses; the partial carries the error.
    assert partial.status_code == 200 and "field-error" in partial.content.decode()


def test_an_over_long_description_is_a_form_error(user_client, trained):
    response = user_client.post(URL, {**JOB, "description": "x" * 20_001})
    assert response.status_code == 400
    assert "at most 20000 characters" in response.content.decode()


def test_without_a_model_the_page_says_it_is_being_trained(user_client):
    response = user_client.post(URL, JOB)
    assert response.status_code == 503
    assert "the model is being trained" in response.content.decode()
    assert not SalaryPrediction.objects.exists()


def test_history_shows_only_my_estimates_and_paginates(user_client, user, stranger):
    for n in range(12):
        make_prediction(user, title=f"Mine {n}")
    make_prediction(stranger, title="Theirs")

    html = user_client.get(URL).content.decode()
    assert "Mine 11" in html and "Mine 2" in html and "Mine 1<" not in html and "Theirs" not in html
    assert 'href="?page=2"' in html

    page = user_client.get(URL, {"page": 2}, headers={"HX-Request": "true"})
    body = page.content.decode()
    assert body.lstrip().startswith('<section class="card" id="salary-history"')
    assert "Mine 1<" in body and "Mine 0<" in body and "Mine 11" not in body


def test_someone_elses_result_is_not_found(user_client, stranger):
    theirs = make_prediction(stranger)
    assert user_client.get(URL, {"result": theirs.pk}).status_code == 404
    assert user_client.get(URL, {"result": "abc"}).status_code == 404


def test_a_past_result_can_be_shown_again(user_client, user):
    mine = make_prediction(user, title="Data engineer", salary_from=250_000, salary_to=320_000)
    html = user_client.get(URL, {"result": mine.pk}).content.decode()
    assert "250,000 – 320,000 RUB" in html and 'value="Data engineer"' in html


def test_the_service_rules_show_on_the_form(user_client, trained):
    skills = ", ".join(f"skill {n}" for n in range(51))
    response = user_client.post(URL, {**JOB, "skills": skills})
    assert response.status_code == 400
    assert "List at most 50 skills." in response.content.decode()
