"""Practice reports a candidate shares with an application: only by their choice, only their own finished
practice for that vacancy or its skills, visible to that vacancy's owner only and only while shared;
removable until the employer decides."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from applications.models import SharedReport
from interviews import chats, evaluation
from vacancies.tests.factories import VacancyFactory, question

pytestmark = pytest.mark.django_db


def practice_report(user, vacancy, *, title="Mock interview", overall=7.5, method="rubric", deleted=False) -> str:
    """A finished practice chat of `user` with a ready report, saved in the real chat store."""
    chat = chats.new_chat_document(user_id=str(user.pk), title=title, kind="practice", system_prompt="",
                                   vacancy_id=vacancy.pk)
    chats.insert_chat(chat)
    chats.set_chat_fields(chat_id=chat["_id"], changes={
        "status": "finished", "deleted_at": datetime.now(UTC) if deleted else None,
        "evaluation": {"status": "ready", "overall": overall, "method": method, "models": [],
                       "answered_count": 2, "question_count": 2, "evaluated_at": datetime(2026, 11, 30, tzinfo=UTC),
                       "questions": [{"topic": "Indexes", "question": "What is an index?", "score": 8,
                                      "verdict": "scored"},
                                     {"topic": "Locks", "question": "Row locks?", "score": 7, "verdict": "scored"}]}})
    return str(chat["_id"])


@pytest.fixture
def employer_client(employer):
    browser = Client()
    browser.force_login(employer)
    return browser


def test_nothing_is_shared_unless_the_candidate_chooses(api, employer_api, user, resume, vacancy):
    practice_report(user, vacancy)
    application_id = api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"]
    assert employer_api.get(f"/api/applications/{application_id}").json()["practice_reports"] == []
    assert not SharedReport.objects.exists()


def test_the_employer_reads_shared_reports_with_date_and_method_only_while_shared(
        api, employer_api, employer_client, other_employer_api, user, resume, vacancy):
    chat_id = practice_report(user, vacancy, title="Backend mock", overall=8.0)
    response = api.post(f"/api/vacancies/{vacancy.pk}/apply", {"share": [chat_id]})
    assert response.status_code == 201
    application_id = response.json()["id"]
    reports = employer_api.get(f"/api/applications/{application_id}").json()["practice_reports"]
    assert [(r["title"], r["overall"], r["method"]) for r in reports] == [("Backend mock", 8.0, "rubric")]
    assert reports[0]["evaluated_at"].startswith("2026-11-30") and reports[0]["questions"][0]["score"] == 8
    page = employer_client.get(f"/applications/{application_id}/").content.decode()
    assert "Backend mock" in page and "graded offline against each question" in page
    assert other_employer_api.get(f"/api/applications/{application_id}").status_code == 404

    assert api.delete(f"/api/applications/{application_id}/practice/{chat_id}").status_code == 204
    assert employer_api.get(f"/api/applications/{application_id}").json()["practice_reports"] == []
    assert "Backend mock" not in employer_client.get(f"/applications/{application_id}/").content.decode()


def test_a_deleted_practice_chat_is_no_longer_shown(api, employer_api, user, resume, vacancy):
    chat_id = practice_report(user, vacancy)
    application_id = api.post(f"/api/vacancies/{vacancy.pk}/apply", {"share": [chat_id]}).json()["id"]
    chats.set_chat_fields(chat_id=chats.parse_id(chat_id), changes={"deleted_at": datetime.now(UTC)})
    assert employer_api.get(f"/api/applications/{application_id}").json()["practice_reports"] == []


def test_only_own_finished_practice_for_the_vacancy_or_its_skills_can_be_shared(
        api, user, stranger, employer, resume, vacancy):
    unrelated = VacancyFactory(title="Chef", skills=["Cooking"])
    related = VacancyFactory(title="Data engineer", skills=["PostgreSQL", "Airflow"])
    for_skills = practice_report(user, related, title="Postgres practice")
    off_topic = practice_report(user, unrelated, title="Kitchen practice")
    someone_elses = practice_report(stranger, vacancy, title="Not mine")
    deleted = practice_report(user, vacancy, title="Deleted", deleted=True)
    application_id = api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"]
    offered = api.get(f"/api/applications/{application_id}/practice").json()
    assert [item["title"] for item in offered["items"]] == ["Postgres practice"] and offered["can_change"]
    assert api.put(f"/api/applications/{application_id}/practice/{for_skills}").json()["shared"] == [for_skills]
    for chat_id in (off_topic, someone_elses, deleted, "not-an-id"):
        assert api.put(f"/api/applications/{application_id}/practice/{chat_id}").status_code == 404
    assert list(SharedReport.objects.values_list("chat_id", flat=True)) == [for_skills]


def test_a_bad_report_refuses_the_apply_before_anything_is_saved(api, user, stranger, resume, vacancy):
    from applications.models import Application

    response = api.post(f"/api/vacancies/{vacancy.pk}/apply", {"share": [practice_report(stranger, vacancy)]})
    assert response.status_code == 404 and not Application.objects.exists()


def test_after_the_decision_the_shared_reports_stay_as_they_were(api, employer_api, user, resume, vacancy):
    chat_id = practice_report(user, vacancy)
    other = practice_report(user, vacancy, title="Second try")
    application_id = api.post(f"/api/vacancies/{vacancy.pk}/apply", {"share": [chat_id]}).json()["id"]
    employer_api.patch(f"/api/applications/{application_id}", {"status": "approved"})
    assert api.delete(f"/api/applications/{application_id}/practice/{chat_id}").status_code == 409
    assert api.put(f"/api/applications/{application_id}/practice/{other}").status_code == 409
    assert api.get(f"/api/applications/{application_id}/practice").json()["can_change"] is False
    assert len(employer_api.get(f"/api/applications/{application_id}").json()["practice_reports"]) == 1


def test_another_candidate_cannot_see_or_change_the_sharing(api, stranger, user, resume, vacancy):
    from conftest import ApiClient, token_for

    application_id = api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"]
    intruder = ApiClient(Client(), token_for(stranger))
    assert intruder.get(f"/api/applications/{application_id}/practice").status_code == 404
    assert intruder.put(f"/api/applications/{application_id}/practice/{practice_report(stranger, vacancy)}").status_code == 404
    browser = Client()
    browser.force_login(stranger)
    assert browser.get(f"/applications/{application_id}/practice").status_code == 404
    assert browser.post(f"/applications/{application_id}/practice", {"chat_id": "x", "action": "share"}).status_code == 404


def test_the_apply_form_offers_a_real_graded_practice_interview(api, user_client, user, resume, employer,
                                                                screening_persona):
    vacancy = VacancyFactory(owner=employer, title="Platform Engineer", skills=["Python"], questions=[
        question("What does the GIL do?", "Python", "It lets one thread at a time run Python bytecode; "
                                                    "threads release it on I/O, so use processes for CPU work.")])
    chat = api.post("/api/chats", {"vacancy_id": vacancy.pk}).json()
    api.post(f"/api/chats/{chat['id']}/messages", {"content": "One thread runs bytecode at a time; I/O releases it."})
    assert api.post(f"/api/chats/{chat['id']}/finish").status_code == 202
    evaluation.evaluate_chat(chat_id=chat["id"])  # what the worker runs for Finish
    page = user_client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    assert "Share practice reports (optional)" in page and f'value="{chat["id"]}"' in page
    response = user_client.post(f"/applications/apply/{vacancy.pk}/", {"share": [chat["id"]]})
    assert response.status_code == 302
    assert list(SharedReport.objects.values_list("chat_id", flat=True)) == [chat["id"]]
