"""The screening runs in the normal chat window, driven by its plan, with no practice help."""

import pytest
from django_tasks_db.models import DBTaskResult

from applications import assessment
from applications.models import Application
from applications.tests.helpers import GOOD_ANSWERS, answer, answer_all, assessment_json
from interviews import chats
from interviews.models import Feedback

pytestmark = pytest.mark.django_db


def _chat(user, application) -> dict:
    return chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(application.chat_id))


def test_each_answer_is_followed_by_the_next_planned_question(api, user, application, fake_ollama):
    reply = answer(api, application.chat_id, GOOD_ANSWERS[0]).json()["assistant_message"]["content"]
    plan = _chat(user, application)["plan"]
    # The app writes the question, verbatim; the model may only acknowledge the answer before it.
    assert reply.endswith(f"**Question 2 of 6:** {plan['questions'][1]['text']}")
    assert api.get(f"/api/chats/{application.chat_id}").json()["current_question_text"] == plan["questions"][1]["text"]


def test_the_last_answer_closes_the_chat_and_queues_the_assessment(api, user, application, fake_ollama):
    answer_all(api, application.chat_id)
    last = api.get(f"/api/chats/{application.chat_id}/messages").json()["items"][-1]
    assert last["role"] == "assistant" and "employer" in last["content"] and "Question" not in last["content"]
    assert _chat(user, application)["status"] == "finished"
    application.refresh_from_db()
    assert application.status == "in_chat" and application.assessment_status == "pending"
    assert application.screening_finished_at is not None
    task = DBTaskResult.objects.get()
    assert task.task_path == "applications.tasks.assess_application_task"
    assert task.args_kwargs["args"] == [application.pk, application.assessment_queued_at.isoformat()]


def test_typing_after_the_last_answer_points_to_the_applications_page(api, application, fake_ollama):
    answer_all(api, application.chat_id)
    response = api.post(f"/api/chats/{application.chat_id}/messages", {"content": "One more thing"})
    assert response.status_code == 409
    assert "screening is finished" in response.json()["detail"] and "Applications page" in response.json()["detail"]
    assert "report" not in response.json()["detail"]


def test_finish_early_queues_the_assessment_once(api, application):
    answer(api, application.chat_id, GOOD_ANSWERS[0])
    response = api.post(f"/api/chats/{application.chat_id}/finish")
    assert response.status_code == 202 and response.json()["status"] == "pending"
    assert api.post(f"/api/chats/{application.chat_id}/finish").status_code == 202
    assert DBTaskResult.objects.count() == 1  # already queued: pressing Finish again adds nothing
    Application.objects.filter(pk=application.pk).update(assessment_status="failed")
    api.post(f"/api/chats/{application.chat_id}/finish")
    assert DBTaskResult.objects.count() == 2  # a failed scoring is queued again


def test_finishing_after_an_early_score_scores_again(api, employer_api, application, fake_ollama):
    answer(api, application.chat_id, GOOD_ANSWERS[0])
    assert employer_api.post(f"/api/applications/{application.pk}/assess").status_code == 202
    fake_ollama.add_reply(assessment_json(30))
    token = Application.objects.get(pk=application.pk).assessment_queued_at
    assert assessment.assess(application_id=application.pk, queued_at=token).assessment_status == "ready"

    answer(api, application.chat_id, GOOD_ANSWERS[1])
    api.post(f"/api/chats/{application.chat_id}/finish")
    application.refresh_from_db()
    assert application.assessment_status == "pending" and application.assessment_queued_at > token
    assert DBTaskResult.objects.count() == 2  # the early scoring saw one answer; this one sees both


def test_an_early_score_leaves_continue_screening_on_the_candidates_pages(user_client, api, employer_api,
                                                                            application, fake_ollama):
    answer(api, application.chat_id, GOOD_ANSWERS[0])
    employer_api.post(f"/api/applications/{application.pk}/assess")
    fake_ollama.add_reply(assessment_json(30))
    token = Application.objects.get(pk=application.pk).assessment_queued_at
    assessment.assess(application_id=application.pk, queued_at=token)
    mine = user_client.get("/applications/").content.decode()
    vacancy_page = user_client.get(f"/vacancies/{application.vacancy_id}/").content.decode()
    for html in (mine, vacancy_page):
        assert "Continue screening" in html and "answers were sent" not in html


def test_the_screening_chat_cannot_be_deleted(api, user, user_client, application):
    response = api.delete(f"/api/chats/{application.chat_id}")
    assert response.status_code == 409 and "belongs to your job application" in response.json()["detail"]
    page = user_client.post(f"/chats/{application.chat_id}/delete", follow=True)
    assert "belongs to your job application" in page.content.decode()
    assert f"/chats/{application.chat_id}/delete" not in page.content.decode()  # no Delete button to press
    assert _chat(user, application) is not None


def test_clearing_all_chats_keeps_the_screening(api, user_client, application):
    api.post("/api/chats", {})
    assert "job applications stay" in user_client.get("/chats/clear").content.decode()
    assert api.delete("/api/chats").status_code == 204
    assert [c["id"] for c in api.get("/api/chats").json()["items"]] == [application.chat_id]
    user_client.post("/chats/clear")
    assert user_client.get(f"/chats/{application.chat_id}/").status_code == 200


def test_a_screening_interviewer_cannot_be_rated(api, application):
    response = api.post(f"/api/chats/{application.chat_id}/feedback", {"rating": 5})
    assert response.status_code == 409 and "screening" in response.json()["detail"]
    assert Feedback.objects.count() == 0


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
    assert response.status_code == 201 and "See your applications" in html and "/finish" not in html


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
