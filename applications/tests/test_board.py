"""All responses across an employer's vacancies: filters, sorting, keyset pages, the CSV export, and a
vacancy's statistics; another employer sees none of it (404)."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.db.models import F
from django.utils import timezone

from accounts.tests.factories import UserFactory
from applications.models import Application
from applications.stats import agreement
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer_client(employer):
    browser = Client()
    browser.force_login(employer)
    return browser


@pytest.fixture
def rival_client(other_employer):
    browser = Client()
    browser.force_login(other_employer)
    return browser


def _response(vacancy, username, score=None, status="in_chat", days_ago=0, **fields):
    application = Application.objects.create(candidate=UserFactory(username=username), vacancy=vacancy,
                                             status=status, relevance_score=score, **fields)
    if days_ago:
        Application.objects.filter(pk=application.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return application


@pytest.fixture
def two_vacancies(employer, other_employer):
    backend = VacancyFactory(owner=employer, title="Backend")
    frontend = VacancyFactory(owner=employer, title="Frontend", is_published=False)
    rivals = VacancyFactory(owner=other_employer, title="Rival role")
    _response(backend, "ann", 90, status="approved", days_ago=3)
    _response(backend, "bob", 40, status="rejected", days_ago=2)
    _response(backend, "cat", None, status="new", days_ago=1)
    _response(frontend, "dan", 75)
    _response(rivals, "eve", 99)
    return backend, frontend, rivals


def _names(response) -> list[str]:
    return [item["candidate"]["username"] for item in response.json()["items"]]


def test_it_lists_every_response_to_my_vacancies_and_nobody_elses(employer_api, two_vacancies):
    response = employer_api.get("/api/responses")
    assert response.status_code == 200
    assert _names(response) == ["dan", "cat", "bob", "ann"]  # newest first
    assert {item["vacancy"]["title"] for item in response.json()["items"]} == {"Backend", "Frontend"}


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "approved"}, ["ann"]),
    ({"score_min": 50}, ["dan", "ann"]),
    ({"score_min": 30, "score_max": 80}, ["dan", "bob"]),
    ({"sort": "-score"}, ["ann", "dan", "bob", "cat"]),
    ({"sort": "score"}, ["cat", "bob", "dan", "ann"]),
    ({"sort": "date"}, ["ann", "bob", "cat", "dan"]),
])
def test_it_filters_and_sorts(employer_api, two_vacancies, params, expected):
    assert _names(employer_api.get("/api/responses", params)) == expected


def test_it_filters_by_vacancy_and_date(employer_api, two_vacancies):
    backend, _frontend, _rivals = two_vacancies
    assert _names(employer_api.get("/api/responses", {"vacancy": backend.pk})) == ["cat", "bob", "ann"]
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    until = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert _names(employer_api.get("/api/responses", {"applied_from": since, "applied_to": until})) == ["cat", "bob"]


@pytest.mark.parametrize("sort", ["-score", "score", "-date", "date"])
def test_keyset_pages_cover_every_response_once_even_when_one_arrives_meanwhile(employer_api, employer, sort):
    vacancy = VacancyFactory(owner=employer)
    for number in range(11):  # ties, and unscored responses across page boundaries
        _response(vacancy, f"c{number}", score=None if number % 2 else 50 + number % 3)
    first = employer_api.get("/api/responses", {"sort": sort, "limit": 3}).json()
    seen = [item["id"] for item in first["items"]]
    _response(vacancy, "late", score=100)  # page 1 is read already: later pages don't shift
    cursor = first["next_cursor"]
    while cursor and len(seen) < 30:  # bounded: a broken cursor could page forever
        page = employer_api.get("/api/responses", {"sort": sort, "limit": 3, "cursor": cursor}).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    early = Application.objects.exclude(candidate__username="late")
    order = {"-score": [F("relevance_score").desc(nulls_last=True), "-id"],
             "score": [F("relevance_score").asc(nulls_first=True), "id"],
             "-date": ["-created_at", "-id"], "date": ["created_at", "id"]}[sort]
    expected = list(early.order_by(*order).values_list("id", flat=True))
    if sort in ("score", "date"):  # the late one (newest, best) belongs after the pages already read
        expected.append(Application.objects.get(candidate__username="late").pk)
    assert seen == expected


@pytest.mark.parametrize("cursor", ["garbage", "eyJzIjoiLWRhdGUiLCJrIjoxLCJpZCI6MX0"])  # the second: made for "-date"
def test_a_cursor_that_is_not_ours_or_for_another_sort_is_a_clear_400(employer_api, two_vacancies, cursor):
    response = employer_api.get("/api/responses", {"sort": "-score", "cursor": cursor})
    assert response.status_code == 400 and "first page" in response.json()["detail"]


@pytest.mark.parametrize("params", [{"score_min": 80, "score_max": 20}, {"score_min": 101}, {"status": "hired"},
                                    {"sort": "name"}, {"applied_from": "2026-05-02", "applied_to": "2026-05-01"}])
def test_bad_filters_are_a_422_with_the_field(employer_api, two_vacancies, params):
    response = employer_api.get("/api/responses", params)
    assert response.status_code == 422 and response.json()["detail"]


def test_another_employers_vacancy_is_a_404_in_the_list_the_export_and_the_stats(
        other_employer_api, rival_client, two_vacancies):
    backend = two_vacancies[0]
    assert other_employer_api.get("/api/responses", {"vacancy": backend.pk}).status_code == 404
    assert other_employer_api.get("/api/responses/export", {"vacancy": backend.pk}).status_code == 404
    assert other_employer_api.get(f"/api/vacancies/{backend.pk}/stats").status_code == 404
    assert rival_client.get(f"/applications/responses/?vacancy={backend.pk}").status_code == 404
    assert rival_client.get(f"/applications/responses.csv?vacancy={backend.pk}").status_code == 404
    assert rival_client.get(f"/applications/vacancy/{backend.pk}/stats").status_code == 404
    assert _names(other_employer_api.get("/api/responses")) == ["eve"]


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_export_is_the_filtered_list_as_csv(employer_client, two_vacancies):
    response = employer_client.get("/applications/responses.csv?sort=-score&score_min=1")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _csv(response)
    assert rows[0][:7] == ["candidate", "vacancy", "company", "score", "skill_match", "status", "decision"]
    assert [(row[0], row[3], row[5], row[6]) for row in rows[1:]] == [
        ("ann", "90", "approved", "approved"), ("dan", "75", "in_chat", ""), ("bob", "40", "rejected", "rejected")]


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_export_cells_that_start_like_a_formula_are_escaped(employer_api, employer, evil):
    vacancy = VacancyFactory(owner=employer, title=evil)
    _response(vacancy, "frank", 60, message=evil)
    rows = _csv(employer_api.get("/api/responses/export"))
    assert rows[1][1] == "'" + evil and rows[1][7] == "'" + evil


def test_the_page_lists_filters_and_loads_more_with_htmx(employer_client, employer):
    vacancy = VacancyFactory(owner=employer, title="Data Engineer")
    for number in range(30):
        _response(vacancy, f"cand{number:02}", score=number)
    page = employer_client.get("/applications/responses/?sort=-score").content.decode()
    assert "30 responses match" in page and "cand29" in page and "cand05" in page and "cand04" not in page
    more = page.split('class="board-more"')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    rows = employer_client.get(more, headers={"HX-Request": "true"}).content.decode()
    assert rows.lstrip().startswith("<tr") and "cand04" in rows and "cand29" not in rows and "<html" not in rows
    assert "Show more" not in rows


def test_the_page_shows_bad_filters_as_form_errors(employer_client, two_vacancies):
    response = employer_client.get("/applications/responses/?score_min=90&score_max=10")
    assert response.status_code == 400
    assert "The lowest score cannot be above the highest." in response.content.decode()


def test_a_candidate_is_sent_to_their_own_applications(user_client):
    response = user_client.get("/applications/responses/")
    assert response.status_code == 302 and response["Location"] == "/applications/"


def test_stats_show_the_funnel_the_distribution_and_the_agreement(employer_api, employer_client, employer):
    vacancy = VacancyFactory(owner=employer)
    now = timezone.now()
    _response(vacancy, "top", 92, status="approved", screening_finished_at=now, assessment_status="ready")
    _response(vacancy, "second", 85, status="rejected", screening_finished_at=now, assessment_status="ready")
    _response(vacancy, "third", 55, status="approved", screening_finished_at=now, assessment_status="ready")
    _response(vacancy, "waiting", 15, screening_finished_at=now, assessment_status="ready")
    _response(vacancy, "fresh", None, status="new")
    data = employer_api.get(f"/api/vacancies/{vacancy.pk}/stats").json()
    assert [(step["stage"], step["count"]) for step in data["funnel"]] == [("invited", 0), ("applied", 5), ("screened", 4),
                                                                           ("decided", 3)]
    assert data["score_buckets"] == [0, 1, 0, 0, 0, 1, 0, 0, 1, 1] and data["scored"] == 4
    # Two approvals: the top two decided scores are 92 and 85; only "top" (92) is one of them.
    assert data["agreement"] == {"approvals": 2, "agreeing": 1, "percent": 50}
    page = employer_client.get(f"/applications/vacancy/{vacancy.pk}/stats").content.decode()
    assert "<svg" in page and "1 of your 2 approvals went to the top-scored responses." in page


def test_agreement_counts_ties_for_the_approval_and_is_none_without_approvals():
    assert agreement([(80, True), (80, False), (10, False)]).agreeing == 1
    assert agreement([(30, False), (20, False)]) is None
    assert agreement([(60, True), (90, False), (70, True)]).percent == 50
