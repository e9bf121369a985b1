"""POST /api/salary/predict and GET /api/salary/history."""

import pytest

from salary.models import SalaryPrediction
from salary.tests.conftest import make_prediction

pytestmark = pytest.mark.django_db

JOB = {"title": "Senior Python developer", "description": "Django, PostgreSQL, Celery.",
       "skills": ["Python", "Django"], "location": "Moscow"}


def test_it_predicts_a_rounded_ordered_range(api, trained):
    response = api.post("/api/salary/predict", JOB)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"salary_from", "salary_to", "currency", "model_version"}
    assert 0 < body["salary_from"] <= body["salary_to"]
    assert body["salary_from"] % 1000 == 0 and body["salary_to"] % 1000 == 0
    assert body["currency"] == "RUB" and body["model_version"] == trained.version


def test_it_logs_the_request(api, user, trained):
    body = api.post("/api/salary/predict", JOB).json()
    logged = SalaryPrediction.objects.get()
    assert logged.user == user
    assert (logged.title, logged.description, logged.skills, logged.location) == (
        JOB["title"], JOB["description"], JOB["skills"], JOB["location"])
    assert (logged.salary_from, logged.salary_to, logged.model_version) == (
        body["salary_from"], body["salary_to"], body["model_version"])
    assert logged.latency_ms > 0


def test_only_the_title_is_required(api, trained):
    assert api.post("/api/salary/predict", {"title": "QA engineer"}).status_code == 200


@pytest.mark.parametrize(("payload", "field"), [
    ({"title": "   "}, "title"),
    ({"title": ""}, "title"),
    ({"description": "no title"}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"title": "QA", "description": "x" * 20_001}, "description"),
    ({"title": "QA", "skills": "Python"}, "skills"),
])
def test_bad_input_is_422_with_a_clear_sentence(api, trained, payload, field):
    response = api.post("/api/salary/predict", payload)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].split(": ")[0] == field
    assert body["errors"][0]["field"] == field
    assert not SalaryPrediction.objects.exists()


def test_a_blank_title_says_what_to_do(api, trained):
    response = api.post("/api/salary/predict", {"title": " \n "})
    assert response.json()["detail"] == "title: Enter the job title; it cannot be empty or only spaces."


def test_without_a_model_it_is_503_never_500(api):
    response = api.post("/api/salary/predict", JOB)
    assert response.status_code == 503
    assert "the model is being trained" in response.json()["detail"]
    assert response["Retry-After"] == "60"


def test_it_needs_a_token(anon_api, trained):
    assert anon_api.post("/api/salary/predict", JOB).status_code == 401
    assert anon_api.get("/api/salary/history").status_code == 401


def test_history_is_the_callers_own_newest_first_and_paginated(api, user, stranger, stranger_api):
    for n in range(23):
        make_prediction(user, title=f"Mine {n}")
    make_prediction(stranger, title="Theirs")

    first = api.get("/api/salary/history").json()
    assert first["count"] == 23 and len(first["items"]) == 20
    assert first["items"][0]["title"] == "Mine 22"
    assert set(first["items"][0]) == {"id", "title", "description", "skills", "location", "salary_from", "salary_to",
                                      "currency", "model_version", "latency_ms", "created_at"}
    second = api.get("/api/salary/history", {"page": 2}).json()
    assert [item["title"] for item in second["items"]] == ["Mine 2", "Mine 1", "Mine 0"]
    assert api.get("/api/salary/history", {"page": 9}).json() == {"items": [], "count": 23}
    assert all(item["title"].startswith("Mine") for item in first["items"] + second["items"])

    theirs = stranger_api.get("/api/salary/history").json()
    assert [item["title"] for item in theirs["items"]] == ["Theirs"]


def test_history_refuses_a_page_below_one(api):
    assert api.get("/api/salary/history", {"page": 0}).status_code == 422


def test_a_prediction_appears_in_the_history(api, trained):
    made = api.post("/api/salary/predict", JOB).json()
    item = api.get("/api/salary/history").json()["items"][0]
    assert (item["salary_from"], item["salary_to"]) == (made["salary_from"], made["salary_to"])
    assert item["title"] == JOB["title"]


def test_predictions_have_a_per_user_budget(api, stranger_api, trained, settings):
    settings.SALARY_PREDICTIONS_PER_HOUR = 2
    assert [api.post("/api/salary/predict", JOB).status_code for _ in range(2)] == [200, 200]
    refused = api.post("/api/salary/predict", JOB)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "2 salary estimates an hour" in refused.json()["detail"]
    assert SalaryPrediction.objects.count() == 2
    assert stranger_api.post("/api/salary/predict", JOB).status_code == 200  # per user, not global
