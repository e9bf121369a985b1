import json
import re

import pytest

from interviews import chats, evaluation, services
from interviews.models import Feedback
from interviews.tests.test_practice import persona, vacancy  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def rating_inputs(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="rating"[^>]*>', html)


def _start(client, vacancy, persona):
    response = client.post("/chats/new", {"vacancy_id": vacancy.pk, "persona_id": persona.pk})
    assert response.status_code == 302
    return response["Location"].strip("/").split("/")[-1]


def test_the_new_page_offers_vacancies_and_personas(user_client, vacancy, persona):
    html = user_client.get("/chats/new").content.decode()
    assert "Backend Developer" in html and "Strict Tech Lead" in html


def test_a_practice_chat_shows_progress_and_help_buttons(user_client, vacancy, persona):
    chat_id = _start(user_client, vacancy, persona)
    html = user_client.get(f"/chats/{chat_id}/").content.decode()
    assert "Question 1 of 3" in html and "Hint" in html and "Finish" in html
    assert "💡" not in html and "📘" not in html  # no emoji font needed
    response = user_client.post(f"/chats/{chat_id}/hint", headers={"HX-Request": "true"})
    assert response.status_code == 201 and "sse-connect" in response.content.decode()


def test_the_chat_list_shows_how_far_each_interview_got(user_client, vacancy, persona):
    _start(user_client, vacancy, persona)
    html = user_client.get("/chats/").content.decode()
    assert "0/3 questions" in html


def test_finish_shows_a_pending_report_that_polls_then_the_scores(user_client, vacancy, persona, fake_ollama, user):
    chat_id = _start(user_client, vacancy, persona)
    chats.insert_messages([chats.new_message(chat_id=chats.parse_id(chat_id), user_id=str(user.pk), role="user",
                                             kind="answer", content="A B-tree that speeds lookups up.",
                                             question_id=chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(chat_id))["plan"]["questions"][0]["id"])])
    response = user_client.post(f"/chats/{chat_id}/finish")
    assert response["Location"].endswith("/report")
    pending = user_client.get(f"/chats/{chat_id}/report").content.decode()
    assert "Scoring your answers" in pending and 'hx-trigger="every 2s"' in pending
    evaluation.evaluate_chat(chat_id=chat_id)
    assert fake_ollama.chat_requests == []  # the default grader needs no model
    html = user_client.get(f"/chats/{chat_id}/report").content.decode()
    assert "<svg" in html and "Not answered" in html and "Retry weak questions" in html
    assert "1 of 3 questions answered" in html and "key points of a strong answer" in html
    assert "What you covered" in html and "“A B-tree that speeds lookups up.”" in html and "What was missing" in html
    assert rating_inputs(html) and not [tag for tag in rating_inputs(html) if "checked" in tag]
    response = user_client.post(f"/chats/{chat_id}/feedback", {"rating": "5", "comment": "great"})
    assert response.status_code == 302
    assert "How was your interviewer" not in user_client.get(f"/chats/{chat_id}/report").content.decode()


def test_a_stranger_cannot_see_the_report(client, stranger, user_client, vacancy, persona):
    chat_id = _start(user_client, vacancy, persona)
    client.force_login(stranger)
    assert client.get(f"/chats/{chat_id}/report").status_code == 404
    assert client.post(f"/chats/{chat_id}/finish").status_code == 404


def test_a_rating_sent_without_stars_comes_back_with_the_error_beside_them(user_client, vacancy, persona, user):
    chat_id = _start(user_client, vacancy, persona)
    services.finish_interview(user=user, chat_id=chat_id)
    evaluation.evaluate_chat(chat_id=chat_id)
    response = user_client.post(f"/chats/{chat_id}/feedback", {"comment": "Kind, but slow", "allow_training": "on"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'aria-describedby="rating-error"' in html
    assert '<p class="field-error" id="rating-error" role="alert">Choose a rating: 1 to 5 stars.</p>' in html
    assert ">Kind, but slow</textarea>" in html and 'name="allow_training" checked' in html
    assert not [tag for tag in rating_inputs(html) if "checked" in tag]
    assert not Feedback.objects.exists()

    response = user_client.post(f"/chats/{chat_id}/feedback", {"rating": "9"})
    assert response.status_code == 422 and "from 1 to 5" in response.content.decode()
    response = user_client.post(f"/chats/{chat_id}/feedback", {"rating": "4", "comment": "Kind, but slow"})
    assert response.status_code == 302 and Feedback.objects.get().rating == 4


def test_a_finished_interview_shows_how_far_it_got_and_offers_no_retry(user_client, vacancy, persona, user, mongo_db):
    chat_id = _start(user_client, vacancy, persona)
    chat = chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(chat_id))
    questions = chat["plan"]["questions"]
    chats.insert_messages([
        chats.new_message(chat_id=chat["_id"], user_id=str(user.pk), role="user", kind="answer",
                          content="A B-tree.", question_id=questions[0]["id"]),
        chats.new_message(chat_id=chat["_id"], user_id=str(user.pk), role="assistant", kind="reply",
                          content="Thank you. How do", status="stopped", question_id=questions[1]["id"]),
    ])
    mongo_db.chats.update_one({"_id": chat["_id"]}, {"$set": {"plan.current": 1}})
    html = user_client.get(f"/chats/{chat_id}/").content.decode()
    assert "Question 2 of 3" in html and f"/chats/{chat_id}/messages/" in html and "Retry" in html

    services.finish_interview(user=user, chat_id=chat_id)
    html = user_client.get(f"/chats/{chat_id}/").content.decode()
    assert "Finished · 1 of 3 answered" in html and "Question 2 of 3" not in html
    assert "/retry" not in html and "Retry" not in html
    assert 'class="current"' not in html  # the question list has no open question
