"""GET/PUT /api/resume: one resume per candidate, validated and normalised by the service."""

import pytest

from resumes.models import Resume
from resumes.services import ResumeError, save_resume

pytestmark = pytest.mark.django_db

FULL = {
    "positions": ["Backend developer", "Python developer"],
    "years_experience": 5,
    "skills": ["python", "k8s", "JS", "Python"],
    "expected_salary": 250000,
    "currency": "RUB",
    "region": "Москва",
    "languages": ["English", "Russian"],
    "education": "MSU, Computer Science, 2018",
    "summary": "I build backends.",
}


def test_it_404s_before_there_is_a_resume(api):
    response = api.get("/api/resume")

    assert response.status_code == 404
    assert response.json() == {"detail": "You have no resume yet."}


def test_it_saves_and_returns_the_resume_with_normalised_skills(api, user):
    response = api.put("/api/resume", FULL)

    assert response.status_code == 200, response.content
    body = api.get("/api/resume").json()
    assert body["skills"] == ["Python", "Kubernetes", "JavaScript"]
    assert body["positions"] == FULL["positions"] and body["languages"] == FULL["languages"]
    assert body["years_experience"] == 5 and body["expected_salary"] == 250000 and body["region"] == "Москва"
    assert body["has_file"] is False and body["original_filename"] == ""
    assert Resume.objects.get(user=user).skills == ["Python", "Kubernetes", "JavaScript"]


def test_a_put_replaces_every_field(api, user):
    api.put("/api/resume", FULL)

    response = api.put("/api/resume", {"skills": ["Go"]})

    body = response.json()
    assert body["skills"] == ["Go"] and body["positions"] == [] and body["years_experience"] is None
    assert body["region"] == "" and body["expected_salary"] is None
    assert Resume.objects.filter(user=user).count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"years_experience": 61}, "years_experience", "Enter a number from 0 to 60."),
        ({"years_experience": -1}, "years_experience", "Enter a number from 0 to 60."),
        ({"expected_salary": -5}, "expected_salary", "Enter a number from 0 to 1000000000."),
        ({"skills": [f"skill {n}" for n in range(101)]}, "skills", "At most 100 items."),
        ({"skills": ["x" * 101]}, "skills", "Each item must be at most 100 characters."),
        ({"positions": ["p" * 121]}, "positions", "Each item must be at most 120 characters."),
        ({"region": "r" * 101}, "region", "At most 100 characters."),
    ],
)
def test_it_refuses_bad_fields_with_field_errors(api, user, changes, field, message):
    response = api.put("/api/resume", FULL | changes)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == f"{field}: {message}"
    assert body["errors"] == [{"field": field, "message": message}]
    assert not Resume.objects.filter(user=user).exists()


def test_it_refuses_a_list_of_non_strings_by_schema(api):
    response = api.put("/api/resume", FULL | {"skills": [{"$ne": 1}]})

    assert response.status_code == 422


def test_the_service_refuses_wrong_types(user):
    with pytest.raises(ResumeError) as error:
        save_resume(user=user, data={"skills": "Python, SQL", "years_experience": True, "currency": "GBP"})

    assert set(error.value.errors) == {"skills", "years_experience", "currency"}


def test_employers_cannot_put_a_resume(employer_api, employer):
    response = employer_api.put("/api/resume", FULL)

    assert response.status_code == 403
    assert response.json()["detail"] == "Only candidates have a resume."
    assert not Resume.objects.filter(user=employer).exists()


def test_anonymous_requests_are_401(anon_api):
    assert anon_api.get("/api/resume").status_code == 401
    assert anon_api.put("/api/resume", FULL).status_code == 401


def test_a_stranger_sees_only_their_own(api, stranger_api):
    api.put("/api/resume", FULL)

    assert stranger_api.get("/api/resume").status_code == 404
