"""The pages: the candidate's applications, the employer's ranked responses, a response with its decision form,
the apply box on a vacancy page, and the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from applications.models import Application
from applications.tests.helpers import GOOD_ANSWERS, answer
from interviews import chats
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer_client(employer):
    browser = Client()  # its own session: `client` may be the candidate's
    browser.force_login(employer)
    return browser


def _scored(vacancy, username, score, **fields):
    return Application.objects.create(candidate=UserFactory(username=username), vacancy=vacancy, status="in_chat",
                                      relevance_score=score, **fields)


def test_responses_are_ranked_by_relevance_with_unscored_last(employer_client, vacancy):
    _scored(vacancy, "weak_one", 30)
    _scored(vacancy, "unscored_one", None, assessment_status="pending")
    _scored(vacancy, "strong_one", 90, strengths=[{"text": "Ships Django APIs", "evidence": "payments API"}])
    page = employer_client.get(f"/applications/vacancy/{vacancy.pk}/").content.decode()
    order = [page.index(name) for name in ("strong_one", "weak_one", "unscored_one")]
    assert order == sorted(order)
    assert "Ships Django APIs" in page and "3 responses" in page and "scoring" in page


def test_the_api_ranks_the_same_way(employer_api, vacancy):
    for username, score in [("a", 10), ("b", None), ("c", 95), ("d", 50)]:
        _scored(vacancy, username, score)
    items = employer_api.get(f"/api/vacancies/{vacancy.pk}/applications").json()["items"]
    assert [item["candidate"]["username"] for item in items] == ["c", "d", "a", "b"]


def test_an_approval_with_a_message_reaches_the_candidate(employer_client, user_client, application):
    response = employer_client.post(f"/applications/{application.pk}/decide",
                                    {"status": "approved", "message": "Let's talk on Monday at 10:00."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved" and application.decided_at is not None
    mine = user_client.get("/applications/").content.decode()
    assert "Approved" in mine and "Let&#x27;s talk on Monday at 10:00." in mine


def test_the_candidate_reads_the_decision_through_the_api(employer_api, api, application):
    response = employer_api.patch(f"/api/applications/{application.pk}", {"status": "rejected", "message": "Not now."})
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    item = api.get("/api/applications").json()["items"][0]
    assert item["status"] == "rejected" and item["message"] == "Not now." and item["decided_at"]


def test_the_decision_form_swaps_a_partial_with_htmx(employer_client, application):
    response = employer_client.post(f"/applications/{application.pk}/decide", {"status": "rejected", "message": ""},
                                    headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<section class="card decision"')
    assert "Decision saved" in html and "Rejected" in html


@pytest.mark.parametrize(("data", "error"), [
    ({"status": "in_chat"}, "either"),
    ({"status": "new"}, "either"),
    ({"status": "approved", "message": "x" * 2001}, "at most 2000"),
])
def test_a_bad_decision_is_refused_with_a_reason(employer_client, employer_api, application, data, error):
    page = employer_client.post(f"/applications/{application.pk}/decide", data, headers={"HX-Request": "true"})
    assert page.status_code == 400 and error in page.content.decode()
    api = employer_api.patch(f"/api/applications/{application.pk}", data)
    assert api.status_code == 400 and error in api.json()["detail"]
    application.refresh_from_db()
    assert application.status == "in_chat"


def test_the_detail_shows_resume_assessment_evidence_and_the_transcript(employer_client, api, application):
    answer(api, application.chat_id, GOOD_ANSWERS[0])
    Application.objects.filter(pk=application.pk).update(
        assessment_status="ready", relevance_score=68,
        strengths=[{"text": "Tunes PostgreSQL", "evidence": "tuned slow queries with EXPLAIN"}],
        rejection_reasons=[{"text": "No Kubernetes at work", "evidence": ""}])
    html = employer_client.get(f"/applications/{application.pk}/").content.decode()
    for text in ("68", "Tunes PostgreSQL", "tuned slow queries with EXPLAIN", "No Kubernetes at work",
                 "Backend developer building Django APIs", GOOD_ANSWERS[0], "Screening transcript", "Save decision"):
        assert text in html, text
    assert "<form" in html and 'name="message"' in html


def test_a_transcript_is_read_only_and_escaped(employer_client, api, application):
    answer(api, application.chat_id, "<script>alert(1)</script> I know **Python** well enough.")
    html = employer_client.get(f"/applications/{application.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html and "<strong>Python</strong>" in html
    assert f"/chats/{application.chat_id}/messages" not in html  # no composer for the employer


def test_a_failed_scoring_offers_a_retry(employer_client, application):
    Application.objects.filter(pk=application.pk).update(assessment_status="failed",
                                                         assessment_error="llm_unavailable")
    html = employer_client.get(f"/applications/{application.pk}/").content.decode()
    assert "Retry scoring" in html and "The model is unavailable right now." in html
    response = employer_client.post(f"/applications/{application.pk}/assess", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Scoring the screening" in response.content.decode()
    assert 'hx-trigger="every 3s"' in response.content.decode()
    assert Application.objects.get(pk=application.pk).assessment_status == "pending"


def test_a_scoring_error_is_shown_as_a_sentence_not_its_code(employer_client, employer_api, application):
    Application.objects.filter(pk=application.pk).update(assessment_status="failed",
                                                         assessment_error="llm_bad_output")
    html = employer_client.get(f"/applications/{application.pk}/").content.decode()
    assert "llm_bad_output" not in html and "could not be read" in html
    item = employer_api.get(f"/api/vacancies/{application.vacancy_id}/applications").json()["items"][0]
    assert item["assessment_error"] == "The model's answer could not be read. Please retry."


def test_a_running_scoring_polls_and_a_second_request_explains(employer_client, api, application):
    for content in GOOD_ANSWERS:
        answer(api, application.chat_id, content)
    html = employer_client.get(f"/applications/{application.pk}/").content.decode()
    assert 'hx-trigger="every 3s"' in html and "Retry scoring" not in html
    response = employer_client.post(f"/applications/{application.pk}/assess", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "being scored right now" in response.content.decode()
    page = employer_client.post(f"/applications/{application.pk}/assess", follow=True).content.decode()
    assert "being scored right now" in page


def test_a_scoring_pending_for_too_long_stops_polling_and_offers_a_retry(employer_client, application):
    Application.objects.filter(pk=application.pk).update(
        assessment_status="pending", assessment_queued_at=timezone.now() - timedelta(minutes=6))
    html = employer_client.get(f"/applications/{application.pk}/", headers={"HX-Request": "true"},
                               query_params={"part": "assessment"}).content.decode()
    assert "Retry scoring" in html and "every 3s" not in html and "hx-get" not in html
    response = employer_client.post(f"/applications/{application.pk}/assess", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 3s"' in response.content.decode()
    assert Application.objects.get(pk=application.pk).assessment_running


def test_the_response_page_stays_when_mongodb_is_down(employer_client, employer_api, application, mongodb_down):
    Application.objects.filter(pk=application.pk).update(assessment_status="ready", relevance_score=68)
    page = employer_client.get(f"/applications/{application.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "68" in html and "The transcript is unavailable right now" in html
    assert "No messages yet" not in html
    refused = employer_client.post(f"/applications/{application.pk}/decide", {"status": "maybe"})
    assert refused.status_code == 400 and "The transcript is unavailable right now" in refused.content.decode()
    detail = employer_api.get(f"/api/applications/{application.pk}")
    assert detail.status_code == 200 and detail.json()["transcript"] is None
    assert detail.json()["relevance_score"] == 68


def test_scoring_before_the_screening_starts_is_a_conflict(employer_api, employer_client, vacancy, stranger):
    application = Application.objects.create(candidate=stranger, vacancy=vacancy)
    assert employer_api.post(f"/api/applications/{application.pk}/assess").status_code == 409
    response = employer_client.post(f"/applications/{application.pk}/assess", follow=True)
    assert "has not started the screening" in response.content.decode()


def test_applying_from_the_page_opens_the_chat_and_a_second_time_explains(user_client, vacancy, resume):
    response = user_client.post(f"/applications/apply/{vacancy.pk}/")
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == f"/chats/{application.chat_id}/"
    again = user_client.post(f"/applications/apply/{vacancy.pk}/", follow=True)
    assert "already applied" in again.content.decode() and Application.objects.count() == 1


def test_the_candidate_page_links_to_the_screening_until_it_is_sent(user_client, api, application):
    page = user_client.get("/applications/").content.decode()
    assert "Continue screening" in page and f"/chats/{application.chat_id}/" in page
    api.post(f"/api/chats/{application.chat_id}/finish")
    page = user_client.get("/applications/").content.decode()
    assert "Continue screening" not in page and "answers were sent" in page


def test_an_application_without_a_chat_can_start_it_from_the_page(user_client, user, vacancy):
    application = Application.objects.create(candidate=user, vacancy=vacancy)
    assert "Start the screening chat" in user_client.get("/applications/").content.decode()
    response = user_client.post(f"/applications/{application.pk}/screening")
    application.refresh_from_db()
    assert response.url == f"/chats/{application.chat_id}/" and application.status == "in_chat"
    assert chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(application.chat_id)) is not None


def test_an_employer_is_sent_to_their_vacancies_and_their_responses(employer_client, vacancy, application):
    response = employer_client.get("/applications/")
    assert response.status_code == 302 and response.url == "/vacancies/mine/"


def _apply_box(user, vacancy) -> str:
    request = RequestFactory().get(f"/vacancies/{vacancy.pk}/")
    request.user = user
    return render_to_string("applications/apply_box.html", {"vacancy": vacancy, "user": user}, request=request)


def test_the_apply_box_for_each_visitor(employer, other_employer, user, stranger, vacancy, resume, application):
    anonymous = _apply_box(AnonymousUser(), vacancy)
    assert "Log in to apply" in anonymous and f"next=/vacancies/{vacancy.pk}/" in anonymous
    assert "1 response" in _apply_box(employer, vacancy)
    assert _apply_box(other_employer, vacancy).strip() == ""
    applied = _apply_box(user, vacancy)
    assert "Applied" in applied and "Continue screening" in applied and f"/chats/{application.chat_id}/" in applied
    fresh = _apply_box(stranger, vacancy)
    assert f'action="/applications/apply/{vacancy.pk}/"' in fresh and "csrfmiddlewaretoken" in fresh
    assert "Add your resume first" in fresh


def test_the_apply_box_shows_the_match_and_nothing_on_catalogue_vacancies(user, vacancy, resume):
    html = _apply_box(user, vacancy)
    assert "Your skill match: 40%" in html and "PostgreSQL, Docker, Kubernetes" in html
    assert _apply_box(user, VacancyFactory(owner=None)).strip() == ""


def test_the_admin_lists_filters_and_searches_applications(client, application):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.get("/admin/applications/application/", {"status__exact": "in_chat", "q": "alice"})
    assert response.status_code == 200 and "Backend Developer" in response.content.decode()
    assert client.get(f"/admin/applications/application/{application.pk}/change/").status_code == 200


@pytest.mark.parametrize(("status", "badge", "label"), [
    ("new", "badge-muted", "Applied"), ("in_chat", "badge-warn", "Screening"),
    ("approved", "badge-ok", "Approved"), ("rejected", "badge-danger", "Rejected"),
])
def test_each_status_shows_as_its_badge_and_the_decision_form_keeps_the_limit(employer_client, user_client,
                                                                               application, status, badge, label):
    Application.objects.filter(pk=application.pk).update(status=status)
    mine = user_client.get("/applications/").content.decode()
    assert f'<span class="badge {badge}">{label}</span>' in mine
    detail = employer_client.get(f"/applications/{application.pk}/").content.decode()
    assert 'name="message" rows="4" maxlength="2000"' in detail


def test_the_chat_list_marks_a_screening_and_clearing_explains_that_it_stays(user_client, application):
    user_client.post("/chats/new", {})  # a coach chat beside it
    listed = user_client.get("/chats/").content.decode()
    assert '<span class="badge badge-warn">Screening</span>' in listed
    assert '<span class="badge badge-muted">Coach</span>' in listed
    clear = user_client.get("/chats/clear").content.decode()
    assert "Screening chats of your job applications stay: the employers read them." in clear
