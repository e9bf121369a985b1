"""Catalogue search: the queryset filters and GET /api/vacancies (public, published only, 20 a page)."""

import pytest

from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def titles(queryset) -> set[str]:
    return set(queryset.values_list("title", flat=True))


def test_it_finds_every_word_in_title_company_description_or_skills_ignoring_case():
    VacancyFactory(title="Backend Developer", company="Ledgerline", description="Django monolith.")
    VacancyFactory(title="Data Analyst", company="Northwind", description="Dashboards in Tableau.", skills=["SQL"])
    VacancyFactory(title="Go Engineer", company="Payhub", description="Payments.", skills=["Kafka", "gRPC"])

    assert titles(Vacancy.objects.search(q="backend")) == {"Backend Developer"}
    assert titles(Vacancy.objects.search(q="NORTHWIND")) == {"Data Analyst"}
    assert titles(Vacancy.objects.search(q="django ledgerline")) == {"Backend Developer"}
    assert titles(Vacancy.objects.search(q="kafka")) == {"Go Engineer"}
    assert titles(Vacancy.objects.search(q="django kafka")) == set()
    assert titles(Vacancy.objects.search(q="100%_off")) == set()


def test_it_matches_a_whole_skill_ignoring_case_in_any_alphabet():
    VacancyFactory(title="Java", skills=["Java", "Spring"])
    VacancyFactory(title="Frontend", skills=["JavaScript", "React"])
    VacancyFactory(title="1C", skills=["1С:Предприятие", "Бухучёт"])

    assert titles(Vacancy.objects.search(skill="java")) == {"Java"}
    assert titles(Vacancy.objects.search(skill="  JAVASCRIPT ")) == {"Frontend"}
    assert titles(Vacancy.objects.search(skill="БУХУЧЁТ")) == {"1C"}
    assert titles(Vacancy.objects.search(skill="Jav")) == set()


def test_the_skill_filter_is_a_jsonb_containment_the_gin_index_can_serve():
    sql = str(Vacancy.objects.search(skill="Python").query)
    assert '"vacancies_vacancy"."skills_lower" @>' in sql


def test_it_filters_by_location_and_salary_range():
    VacancyFactory(title="Berlin mid", location="Berlin", salary_min=50000, salary_max=70000)
    VacancyFactory(title="Remote senior", location="Remote", salary_min=90000, salary_max=120000)
    VacancyFactory(title="Remote open-ended", location="Remote (EU)", salary_min=80000, salary_max=None)
    VacancyFactory(title="No salary", location="Remote", salary_min=None, salary_max=None)

    assert titles(Vacancy.objects.search(location="remote")) == {"Remote senior", "Remote open-ended", "No salary"}
    assert titles(Vacancy.objects.search(salary_min=75000)) == {"Remote senior", "Remote open-ended"}
    assert titles(Vacancy.objects.search(salary_max=60000)) == {"Berlin mid"}
    assert titles(Vacancy.objects.search(salary_min=60000, salary_max=85000)) == {"Berlin mid", "Remote open-ended"}


def test_it_refuses_a_salary_range_that_runs_backwards():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        VacancyFactory(salary_min=90000, salary_max=10000)


def test_the_api_lists_only_published_vacancies_to_anyone(anon_api):
    VacancyFactory(title="Open role")
    VacancyFactory(title="Draft role", is_published=False)

    response = anon_api.get("/api/vacancies")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [item["title"] for item in body["items"]] == ["Open role"]
    assert set(body["items"][0]) >= {"id", "title", "company", "skills", "salary_min", "salary_max", "currency",
                                     "employment_type", "language", "location", "created_at"}


def test_the_api_pages_twenty_at_a_time_newest_first(anon_api):
    created = [VacancyFactory(title=f"Role {n:02d}") for n in range(25)]

    first = anon_api.get("/api/vacancies").json()
    second = anon_api.get("/api/vacancies", {"page": 2}).json()
    beyond = anon_api.get("/api/vacancies", {"page": 3}).json()

    assert (first["count"], len(first["items"]), len(second["items"])) == (25, 20, 5)
    assert first["items"][0]["id"] == created[-1].pk
    assert {item["id"] for item in first["items"] + second["items"]} == {v.pk for v in created}
    assert beyond == {"items": [], "count": 25}


def test_the_api_combines_filters(anon_api):
    VacancyFactory(title="Django in Berlin", skills=["Django"], location="Berlin", salary_max=90000)
    VacancyFactory(title="Django remote", skills=["Django"], location="Remote", salary_max=90000)
    VacancyFactory(title="Cheap Django", skills=["Django"], location="Berlin", salary_min=1000, salary_max=2000)

    body = anon_api.get("/api/vacancies", {"skill": "django", "location": "berlin", "salary_min": 60000}).json()

    assert [item["title"] for item in body["items"]] == ["Django in Berlin"]


@pytest.mark.parametrize("params", [{"salary_min": -1}, {"page": 0}, {"currency": "GBP"}, {"q": "x" * 201}])
def test_the_api_refuses_malformed_filters(anon_api, params):
    response = anon_api.get("/api/vacancies", params)
    assert response.status_code == 422
    assert "detail" in response.json()
