"""Rehearsing an employer's screening before applying: the same questions and relevance score, privately."""

import pytest

from applications import assessment, screening
from applications.models import Application
from applications.services import skill_match
from applications.tests.helpers import GOOD_ANSWERS, answer, answer_all
from interviews import chats, evaluation
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def _rehearse(api, vacancy) -> dict:
    response = api.post(f"/api/vacancies/{vacancy.pk}/rehearse")
    assert response.status_code == 201, response.content
    return response.json()


def _finish_and_grade(api, chat_id: str) -> dict:
    assert api.post(f"/api/chats/{chat_id}/finish").status_code == 202
    evaluation.evaluate_chat(chat_id=chat_id)
    return api.get(f"/api/chats/{chat_id}/report").json()


def test_a_rehearsal_asks_the_screening_questions_and_creates_no_application(api, employer_api, user, vacancy,
                                                                             resume, fake_ollama):
    chat = _rehearse(api, vacancy)
    assert chat["kind"] == "rehearsal" and chat["question_count"] == 6
    stored = chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(chat["id"]))
    match = skill_match(candidate=user, vacancy=vacancy)
    expected = screening.build_plan(vacancy=vacancy, matched_skills=match.matched_skills,
                                    missing_skills=match.missing_skills)
    assert [q["text"] for q in stored["plan"]["questions"]] == [q["text"] for q in expected]
    greeting = api.get(f"/api/chats/{chat['id']}/messages").json()["items"][0]["content"]
    assert "private rehearsal" in greeting and "never sees it" in greeting
    answer_all(api, chat["id"])
    _finish_and_grade(api, chat["id"])
    assert not Application.objects.exists()
    assert employer_api.get(f"/api/vacancies/{vacancy.pk}/applications").json()["items"] == []
    assert employer_api.get(f"/api/chats/{chat['id']}").status_code == 404
    assert employer_api.get(f"/api/chats/{chat['id']}/messages").status_code == 404


def test_its_report_shows_the_relevance_applying_would_get(api, employer_api, user, vacancy, resume, fake_ollama):
    chat = _rehearse(api, vacancy)
    answers = GOOD_ANSWERS[:4] + ["idk", GOOD_ANSWERS[5]]
    answer_all(api, chat["id"], answers)
    relevance = _finish_and_grade(api, chat["id"])["relevance"]
    assert relevance["status"] == "ready" and 0 <= relevance["relevance_score"] <= 100
    assert relevance["skill_match"] == 40  # Python and Django of five skills
    assert any("Did not answer 1 of 6" in reason["text"] for reason in relevance["rejection_reasons"])
    assert any(item["unanswered"] for item in relevance["improve"])

    # Applying with the same answers: the employer's assessment computes the same score, strengths and reasons.
    application_id = api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"]
    application = Application.objects.get(pk=application_id)
    answer_all(api, application.chat_id, answers)
    application.refresh_from_db()
    assessed = assessment.assess(application_id=application.pk, queued_at=application.assessment_queued_at)
    assert assessed.relevance_score == relevance["relevance_score"]
    assert assessed.strengths == relevance["strengths"]
    assert assessed.rejection_reasons == relevance["rejection_reasons"]
    # The employer sees the application's screening, never the rehearsal.
    seen = employer_api.get(f"/api/applications/{application.pk}").json()
    assert seen["chat_id"] == application.chat_id != chat["id"]


def test_on_the_pages_it_starts_from_the_vacancy_and_ends_with_apply_or_practise(user_client, user, vacancy, resume,
                                                                                fake_ollama):
    page = user_client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    assert f'action="/chats/rehearse/{vacancy.pk}"' in page and "Rehearse the screening" in page
    response = user_client.post(f"/chats/rehearse/{vacancy.pk}")
    assert response.status_code == 302
    chat_id = response["Location"].strip("/").split("/")[-1]
    chat = chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(chat_id))
    chats.insert_messages([chats.new_message(chat_id=chat["_id"], user_id=str(user.pk), role="user", kind="answer",
                                             content=GOOD_ANSWERS[0], question_id=chat["plan"]["questions"][0]["id"])])
    user_client.post(f"/chats/{chat_id}/finish")
    evaluation.evaluate_chat(chat_id=chat_id)
    html = user_client.get(f"/chats/{chat_id}/report").content.decode()
    assert "What the employer's screening would show" in html and "/100" in html
    assert f'action="/applications/apply/{vacancy.pk}/"' in html and "Practise the weak points" in html
    assert "How was your interviewer" not in html  # the screening assistant is not a persona to rate
    response = user_client.post(f"/chats/{chat_id}/retry-mistakes")
    assert response.status_code == 302 and response["Location"] != f"/chats/{chat_id}/"
    assert not Application.objects.exists()


def test_only_a_candidate_rehearses_a_published_employer_vacancy(api, employer_api, vacancy, resume, settings):
    catalogue = VacancyFactory(owner=None)
    draft = VacancyFactory(owner=vacancy.owner, is_published=False)
    assert api.post(f"/api/vacancies/{catalogue.pk}/rehearse").status_code == 404
    assert api.post(f"/api/vacancies/{draft.pk}/rehearse").status_code == 404
    assert api.post("/api/vacancies/999999/rehearse").status_code == 404
    assert employer_api.post(f"/api/vacancies/{vacancy.pk}/rehearse").status_code == 403
    settings.CHATS_PER_DAY = 0
    response = api.post(f"/api/vacancies/{vacancy.pk}/rehearse")
    assert response.status_code == 429 and response["Retry-After"]


def test_a_stranger_cannot_read_a_rehearsal(api, stranger_api, vacancy, resume):
    chat = _rehearse(api, vacancy)
    assert stranger_api.get(f"/api/chats/{chat['id']}").status_code == 404
    assert stranger_api.get(f"/api/chats/{chat['id']}/report").status_code == 404


def test_an_employers_own_questions_and_weight_are_rehearsed_too(api, employer, user, vacancy, resume, fake_ollama):
    from applications.screening_setup import save_setup

    own = [{"text": "How would you cut our API's p99 latency?", "topic": "Performance",
            "ideal_answer": "Measure first with tracing, then cache hot reads and fix slow queries.",
            "key_points": ["Measures before changing anything", "Caches hot reads", "Fixes slow database queries"]},
           {"text": "When could you start?", "topic": "Availability", "ideal_answer": "In two weeks.",
            "key_points": ["Gives a start date", "Mentions the notice period", "Says how flexible it is"]}]
    save_setup(employer=employer, vacancy_id=vacancy.pk, questions=own, answers_weight=50)
    chat = _rehearse(api, vacancy)
    stored = chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(chat["id"]))
    assert [q["text"] for q in stored["plan"]["questions"]] == [q["text"] for q in own]
    answer(api, chat["id"], "I would measure with tracing first, then cache the hot reads and fix slow queries.")
    relevance = _finish_and_grade(api, chat["id"])["relevance"]
    assert relevance["answers_weight"] == 50 and relevance["skills_weight"] == 50

    application_id = api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"]
    application = Application.objects.get(pk=application_id)
    answer(api, application.chat_id, "I would measure with tracing first, then cache the hot reads and fix slow queries.")
    api.post(f"/api/chats/{application.chat_id}/finish")
    application.refresh_from_db()
    assessed = assessment.assess(application_id=application.pk, queued_at=application.assessment_queued_at)
    assert assessed.relevance_score == relevance["relevance_score"]
