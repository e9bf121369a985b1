"""A whole practice interview through the API, with the fake LLM and the real task worker."""

import json

import pytest
from django.core.management import call_command

from interviews import chats, evaluation
from interviews.models import Persona, Progress
from vacancies.models import Vacancy
from vacancies.services import replace_questions
from vacancies.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona(db):
    return Persona.objects.create(name="Strict Tech Lead", description="Tough", system_prompt="You are strict.",
                                  language="en", difficulty="hard")


@pytest.fixture
def vacancy(db):
    vacancy = Vacancy.objects.create(title="Backend Developer", company="Acme", description="Python APIs",
                                     skills=["Python", "Django"], location="Remote", is_published=True)
    replace_questions(vacancy=vacancy, questions=[
        {"text": "What is a database index?", "topic": "Databases", "ideal_answer": "A B-tree that speeds up lookups at a write cost."},
        {"text": "How do you test a Django view?", "topic": "Testing", "ideal_answer": "Use the test client, factories and assert on status and content."},
        {"text": "Tell me about a conflict in your team.", "topic": "Behavioural", "ideal_answer": "STAR, own actions, result."},
    ])
    return vacancy


def _start(api, vacancy, persona):
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk, "persona_id": persona.pk})
    assert response.status_code == 201, response.content
    return response.json()


def grade(score, feedback="Good points.", evidence=""):
    return json.dumps({"score": score, "feedback": feedback, "evidence": evidence})


def test_it_starts_with_a_greeting_that_asks_the_first_question(api, vacancy, persona):
    chat = _start(api, vacancy, persona)
    assert chat["kind"] == "practice" and chat["question_count"] == 3 and chat["current_question"] == 0
    greeting = api.get(f"/api/chats/{chat['id']}/messages").json()["items"][0]
    assert "Strict Tech Lead" in greeting["content"] and "3 questions" in greeting["content"]
    assert "What is a database index?" in greeting["content"]


def test_the_app_asks_the_next_planned_question(api, vacancy, persona, fake_ollama):
    chat = _start(api, vacancy, persona)
    response = api.post(f"/api/chats/{chat['id']}/messages", {"content": "An index is a B-tree for fast lookups."})
    assert response.status_code == 201
    system = fake_ollama.chat_requests[-1].body["messages"][0]["content"]
    assert "You are strict." in system and "question 2 of 3" in system and "How do you test a Django view?" in system
    assert response.json()["user_message"]["question_id"] == chats.get_chat(
        user_id=chat_user(api), chat_id=chats.parse_id(chat["id"]))["plan"]["questions"][0]["id"]


def chat_user(api):
    return api.get("/api/me").json()["id"]


def test_hints_are_grounded_in_the_ideal_answer_and_marked_used(api, vacancy, persona, fake_ollama):
    chat = _start(api, vacancy, persona)
    fake_ollama.add_reply("Think about what makes lookups fast.")
    response = api.post(f"/api/chats/{chat['id']}/hint")
    assert response.status_code == 201
    assert response.json()["assistant_message"]["kind"] == "hint"
    assert "B-tree that speeds up lookups" in fake_ollama.chat_requests[-1].body["messages"][0]["content"]
    stored = chats.get_chat(user_id=chat_user(api), chat_id=chats.parse_id(chat["id"]))
    assert stored["plan"]["hints_used"] == [stored["plan"]["questions"][0]["id"]]


def test_a_free_chat_has_no_hints(api, fake_ollama):
    chat = api.post("/api/chats", {}).json()
    assert api.post(f"/api/chats/{chat['id']}/hint").status_code == 409


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection
def test_the_full_interview_to_a_report(api, vacancy, persona, fake_ollama, user):
    chat = _start(api, vacancy, persona)
    api.post(f"/api/chats/{chat['id']}/messages", {"content": "An index is a B-tree that makes lookups fast but slows writes."})
    api.post(f"/api/chats/{chat['id']}/messages", {"content": "   idk   "})
    api.post(f"/api/chats/{chat['id']}/messages", {"content": "We disagreed on a design, I ran a spike and we chose by data."})
    response = api.post(f"/api/chats/{chat['id']}/finish")
    assert response.status_code == 202 and response.json()["status"] == "pending"
    assert api.get(f"/api/chats/{chat['id']}/report").json()["status"] == "pending"

    fake_ollama.add_reply(grade(8, evidence="B-tree that makes lookups fast"))
    fake_ollama.add_reply(grade(5, evidence="invented words not in the answer"))
    call_command("db_worker", "--batch")

    report = api.get(f"/api/chats/{chat['id']}/report").json()
    assert report["status"] == "ready"
    verdicts = [(q["verdict"], q["score"]) for q in report["questions"]]
    assert verdicts == [("scored", 8), ("not_answered", None), ("scored", 5)]
    assert report["overall"] == 6.5 and report["unanswered_count"] == 1
    assert report["questions"][0]["evidence"] == "B-tree that makes lookups fast"
    assert report["questions"][2]["evidence"] == ""  # not a quote from the answer
    assert len(fake_ollama.chat_requests) == 3 + 2  # three replies, two grades: the empty answer never reached the model
    assert Progress.objects.get(user=user, persona=persona).minutes >= 1
    assert api.post(f"/api/chats/{chat['id']}/messages", {"content": "more"}).status_code == 409

    retry = api.post(f"/api/chats/{chat['id']}/retry-mistakes")
    assert retry.status_code == 201
    plan = chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(retry.json()["id"]))["plan"]["questions"]
    assert [q["text"] for q in plan] == ["How do you test a Django view?", "Tell me about a conflict in your team."]


def test_invalid_json_is_retried_once_then_not_evaluated(api, vacancy, persona, fake_ollama, user):
    chat = _start(api, vacancy, persona)
    api.post(f"/api/chats/{chat['id']}/messages", {"content": "An index is a B-tree that makes lookups fast."})
    oid = chats.parse_id(chat["id"])
    fake_ollama.add_reply("not json")
    fake_ollama.add_reply(grade(7))
    assert evaluation.evaluate_chat(chat_id=chat["id"])["questions"][0]["score"] == 7
    fake_ollama.add_reply("not json")
    fake_ollama.add_reply("still not json")
    result = evaluation.evaluate_chat(chat_id=chat["id"])  # a rerun overwrites
    assert result["questions"][0]["verdict"] == "not_evaluated" and result["overall"] is None
    assert chats.get_chat(user_id=str(user.pk), chat_id=oid)["evaluation"]["questions"][0]["verdict"] == "not_evaluated"


@pytest.mark.parametrize("answer", ["", "   ", "yes", "What is a database index?"])
def test_empty_one_word_and_copied_answers_are_not_answered(answer):
    assert evaluation.is_unanswered(question="What is a database index?", answer=answer)


def test_the_question_snapshot_survives_a_question_edit(api, vacancy, persona):
    chat = _start(api, vacancy, persona)
    replace_questions(vacancy=vacancy, questions=[{"text": "Brand new question?", "topic": "New", "ideal_answer": "x"}])
    stored = chats.get_chat(user_id=chat_user(api), chat_id=chats.parse_id(chat["id"]))
    assert stored["question_set_version"] == 1
    assert stored["plan"]["questions"][0]["text"] == "What is a database index?"
    assert _start(api, vacancy, persona)["question_count"] == 1


def test_feedback_rates_the_persona_once(api, vacancy, persona):
    chat = _start(api, vacancy, persona)
    response = api.post(f"/api/chats/{chat['id']}/feedback", {"rating": 4, "comment": "Tough but fair"})
    assert response.status_code == 201 and response.json()["persona_ratings_count"] == 1
    assert api.post(f"/api/chats/{chat['id']}/feedback", {"rating": 5}).status_code == 409
    assert api.post(f"/api/chats/{chat['id']}/feedback", {"rating": 6}).status_code == 422


@pytest.mark.parametrize("path", ["hint", "model-answer", "finish", "report", "retry-mistakes", "feedback"])
def test_a_stranger_gets_404_on_practice_endpoints(api, stranger_api, vacancy, persona, path):
    chat = _start(api, vacancy, persona)
    url = f"/api/chats/{chat['id']}/{path}"
    response = stranger_api.get(url) if path == "report" else stranger_api.post(url, {"rating": 3})
    assert response.status_code == 404


def test_unknown_vacancy_or_persona_is_404(api, vacancy, persona):
    assert api.post("/api/chats", {"vacancy_id": 999999, "persona_id": persona.pk}).status_code == 404
    assert api.post("/api/chats", {"vacancy_id": vacancy.pk, "persona_id": 999999}).status_code == 404


def test_the_screening_persona_is_not_a_practice_interviewer(api, vacancy):
    screening = PersonaFactory(name="Screening assistant", kind=Persona.Kind.SCREENING)
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk, "persona_id": screening.pk})
    assert response.status_code == 404
    assert response.json() == {"detail": "Interviewer not found."}


def test_without_a_persona_the_gentlest_interviewer_of_the_vacancy_language_is_chosen(api, vacancy):
    PersonaFactory(name="Other language", difficulty="easy", language="ru" if vacancy.language == "en" else "en")
    PersonaFactory(name="Hard", difficulty="hard", language=vacancy.language)
    PersonaFactory(name="Medium", difficulty="medium", language=vacancy.language)
    gentle = PersonaFactory(name="Gentle", difficulty="easy", language=vacancy.language)
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk})
    assert response.status_code == 201
    assert response.json()["persona_id"] == gentle.pk
