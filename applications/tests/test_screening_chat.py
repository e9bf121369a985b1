"""The screening runs in the normal chat window, driven by its plan, with no practice help."""

import pytest
from django_tasks_db.models import DBTaskResult

from applications.models import Application
from applications.tests.helpers import GOOD_ANSWERS, answer, answer_all
from interviews import chats

pytestmark = pytest.mark.django_db


def _chat(user, application) -> dict:
    return chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(application.chat_id))


def test_each_answer_is_followed_by_the_next_planned_question(api, user, application, fake_ollama):
    answer(api, application.chat_id, GOOD_ANSWERS[0])
    system = fake_ollama.chat_requests[-1].body["messages"][0]["content"]
    plan = _chat(user, application)["plan"]
    assert "screening assistant" in system and "question 2 of 6" in system and plan["questions"][1]["text"] in system


def test_the_last_answer_closes_the_chat_and_queues_the_assessment(api, user, application, fake_ollama):
    answer_all(api, application.chat_id)
    system = fake_ollama.chat_requests[-1].body["messages"][0]["content"]
    assert "employer will review the conversation" in system
    assert _chat(user, application)["status"] == "finished"
    application.refresh_from_db()
    assert application.status == "in_chat" and application.assessment_status == "pending"
    task = DBTaskResult.objects.get()
    assert task.task_path == "applications.tasks.assess_application_task" and task.args_kwargs["args"] == [application.pk]
    assert api.post(f"/api/chats/{application.chat_id}/messages", {"content": "One more thing"}).status_code == 409


def test_finish_early_queues_the_assessment_once(api, application):
    answer(api, application.chat_id, GOOD_ANSWERS[0])
    response = api.post(f"/api/chats/{application.chat_id}/finish")
    assert response.status_code == 202 and response.json()["status"] == "pending"
    assert api.post(f"/api/chats/{application.chat_id}/finish").status_code == 202
    assert DBTaskResult.objects.count() == 1  # already queued: pressing Finish again adds nothing
    Application.objects.filter(pk=application.pk).update(assessment_status="failed")
    api.post(f"/api/chats/{application.chat_id}/finish")
    assert DBTaskResult.objects.count() == 2  # a failed scoring is queued again


@pytest.mark.parametrize("path", ["hint", "model-answer", "retry-mistakes"])
def test_a_screening_offers_no_practice_help(api, application, fake_ollama, path):
    response = api.post(f"/api/chats/{application.chat_id}/{path}")
    assert response.status_code == 409 and "screening" in response.json()["detail"]
    assert fake_ollama.chat_requests == []


def test_a_screening_has_no_report_for_the_candidate(api, application):
    response = api.get(f"/api/chats/{application.chat_id}/report")
    assert response.status_code == 409 and "Applications" in response.json()["detail"]


def test_the_screening_is_in_the_candidates_chat_list(api, application):
    items = api.get("/api/chats").json()["items"]
    assert [(c["id"], c["kind"]) for c in items] == [(application.chat_id, "screening")]


def test_the_chat_page_has_no_hint_buttons_and_finish_leads_to_applications(user_client, application):
    page = user_client.get(f"/chats/{application.chat_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Finish" in html and "/hint" not in html and "/model-answer" not in html
    response = user_client.post(f"/chats/{application.chat_id}/finish")
    assert response.status_code == 302 and response.url == "/applications/"
    finished = user_client.get(f"/chats/{application.chat_id}/").content.decode()
    assert "the employer reviews your answers" in finished and "/report" not in finished


def test_a_stranger_cannot_open_the_screening_chat(stranger_api, application):
    assert stranger_api.get(f"/api/chats/{application.chat_id}").status_code == 404
    assert stranger_api.post(f"/api/chats/{application.chat_id}/messages", {"content": "hi"}).status_code == 404


def test_the_last_answer_on_the_page_turns_finish_into_a_link_to_applications(user_client, api, application):
    for content in GOOD_ANSWERS[:-1]:
        answer(api, application.chat_id, content)
    response = user_client.post(f"/chats/{application.chat_id}/messages", {"content": GOOD_ANSWERS[-1]},
                                headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 201 and "My applications" in html and "/finish" not in html


def test_a_failure_to_close_the_chat_never_fails_the_saved_answer(api, user, application, monkeypatch):
    for content in GOOD_ANSWERS[:-1]:
        answer(api, application.chat_id, content)

    def down(**kwargs):
        raise chats.ChatsUnavailable("connection refused")

    monkeypatch.setattr(chats, "set_chat_fields", down)
    answer(api, application.chat_id, GOOD_ANSWERS[-1])
    monkeypatch.undo()
    assert _chat(user, application)["status"] == "active"  # Finish is still offered
    assert api.post(f"/api/chats/{application.chat_id}/finish").status_code == 202
    assert _chat(user, application)["status"] == "finished"
