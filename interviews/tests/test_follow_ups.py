"""Follow-up probes with a capable model: after a weak answer, one follow-up aimed at a key point the
answer missed; its answer counts toward the same question; never with the bundled model."""

import pytest

from interviews import chats, evaluation
from interviews.models import Persona
from vacancies.models import Vacancy
from vacancies.services import replace_questions

pytestmark = pytest.mark.django_db

INDEX_POINTS = ["An index is a B-tree kept in sorted order", "It makes lookups and sorting fast",
                "It slows down writes and takes extra disk space"]
STRONG = ("An index is a B-tree kept in sorted order, so lookups and sorting are fast without a full scan. "
          "The cost is that it slows down writes and takes extra disk space.")


@pytest.fixture(autouse=True)
def capable_model(settings):
    settings.INTERVIEW_FOLLOW_UPS = True
    settings.INTERVIEW_ACKNOWLEDGE = "off"


@pytest.fixture
def chat(api, db):
    vacancy = Vacancy.objects.create(title="Backend Developer", company="Acme", description="Python APIs",
                                     skills=["Python"], location="Remote", is_published=True)
    replace_questions(vacancy=vacancy, questions=[
        {"text": "What is a database index?", "topic": "Databases", "key_points": INDEX_POINTS,
         "ideal_answer": "An index is a B-tree kept in sorted order. It makes lookups and sorting fast, but it slows "
                         "down writes and takes extra disk space."},
        {"text": "How do you test a Django view?", "topic": "Testing",
         "ideal_answer": "Use the test client with factories. Assert on the status code and the content."},
    ])
    persona = Persona.objects.create(name="Tech Lead", description="", system_prompt="", language="en")
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk, "persona_id": persona.pk})
    assert response.status_code == 201, response.content
    return response.json()


def _send(api, chat, content):
    response = api.post(f"/api/chats/{chat['id']}/messages", {"content": content})
    assert response.status_code == 201, response.content
    return response.json()["assistant_message"]


def test_it_follows_up_a_weak_answer_on_a_point_it_missed_in_the_models_words(api, chat, fake_ollama):
    fake_ollama.add_reply("What happens to inserts and updates on a table with many indexes?")
    reply = _send(api, chat, "An index makes lookups fast.")
    assert reply["content"] == "**A follow-up:** What happens to inserts and updates on a table with many indexes?"
    body = fake_ollama.chat_requests[-1].body
    assert "An index makes lookups fast." in body["messages"][1]["content"]
    assert "B-tree" in body["messages"][1]["content"]  # aimed at the first point the answer missed
    detail = api.get(f"/api/chats/{chat['id']}").json()
    assert detail["current_question_text"] == "What is a database index?"  # still the same question


def test_the_follow_ups_answer_counts_toward_the_same_question_and_there_is_only_one(api, chat, fake_ollama):
    fake_ollama.add_reply("How is the data inside an index organised?")
    _send(api, chat, "An index makes lookups fast.")
    reply = _send(api, chat, "Hmm, it is kept sorted somehow.")  # still weak: no second follow-up
    assert reply["content"] == "**Question 2 of 2:** How do you test a Django view?"
    messages = chats.chat_messages_for_report(chat_id=chats.parse_id(chat["id"]))
    answers, _ = evaluation.answers_by_question(messages)
    first_id = next(iter(answers))
    assert answers[first_id] == "An index makes lookups fast.\nHmm, it is kept sorted somehow."


def test_the_app_words_the_follow_up_when_the_model_writes_something_else(api, chat, fake_ollama):
    fake_ollama.add_reply("Great answer, 8/10! Next question.")
    reply = _send(api, chat, "An index makes lookups fast.")
    assert reply["content"] == "**A follow-up:** what would you add about this: *an index is a B-tree kept in sorted order*?"


def test_the_app_words_the_follow_up_when_the_model_is_down(api, chat, fake_ollama):
    fake_ollama.add_failure("500")
    reply = _send(api, chat, "An index makes lookups fast.")
    assert reply["status"] == "complete" and reply["content"].startswith("**A follow-up:**")


def test_a_strong_answer_or_a_non_answer_gets_the_next_question(api, chat, fake_ollama):
    assert _send(api, chat, STRONG)["content"] == "**Question 2 of 2:** How do you test a Django view?"
    assert _send(api, chat, "I don't know.")["content"].startswith("That was the last question.")
    assert fake_ollama.chat_requests == []


def test_no_follow_ups_with_the_bundled_model(api, chat, fake_ollama, settings):
    settings.INTERVIEW_FOLLOW_UPS = False
    assert _send(api, chat, "An index makes lookups fast.")["content"] == "**Question 2 of 2:** How do you test a Django view?"
