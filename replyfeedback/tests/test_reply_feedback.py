"""Per-reply feedback: a candidate rates one interviewer reply (helpful or not, a comment); the ML export
has the consented verdicts only, each with the reply and the conversation before it."""

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from conftest import ApiClient, token_for
from interviews import chats
from replyfeedback.models import ReplyFeedback
from vacancies.tests.factories import VacancyFactory, question

pytestmark = pytest.mark.django_db

ANSWER = "An index is a B-tree that lets the database find rows without scanning the table."


@pytest.fixture
def practice(api):
    """A practice chat with one answer: its messages are the greeting, the answer and the next turn."""
    vacancy = VacancyFactory(questions=[question("What is an index?", "Indexes", "A B-tree over columns."),
                                        question("What is a lock?", "Locks", "It serialises access.")])
    chat = api.post("/api/chats", {"vacancy_id": vacancy.pk}).json()
    turn = api.post(f"/api/chats/{chat['id']}/messages", {"content": ANSWER}).json()
    return chat["id"], turn["assistant_message"]["id"]


@pytest.fixture
def staff_api(db):
    return ApiClient(Client(), token_for(UserFactory(username="ml_staff", is_staff=True)))


def _rate(api, chat_id, message_id, **body):
    return api.post(f"/api/chats/{chat_id}/messages/{message_id}/feedback", body)


def test_a_candidate_rates_a_reply_and_can_change_their_mind(api, user, practice):
    chat_id, reply_id = practice
    response = _rate(api, chat_id, reply_id, helpful=False, comment="It repeated my answer.")
    assert response.status_code == 200 and response.json()["helpful"] is False
    assert _rate(api, chat_id, reply_id, helpful=True).status_code == 200
    verdict = ReplyFeedback.objects.get()
    assert verdict.helpful is True and verdict.comment == "" and verdict.user == user


def test_the_chat_page_shows_the_control_and_the_saved_verdict(api, user_client, practice):
    chat_id, reply_id = practice
    page = user_client.get(f"/chats/{chat_id}/").content.decode()
    assert page.count("Was this reply helpful?") == 2  # the greeting and the reply; not the answer
    response = user_client.post(f"/feedback/replies/{chat_id}/{reply_id}", {"helpful": "1"},
                                headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "Thanks!" in html and html.lstrip().startswith("<form")
    page = user_client.get(f"/chats/{chat_id}/").content.decode()
    chosen = page.split(f'id="feedback-{reply_id}"', 1)[1].split("</form>", 1)[0]
    assert 'value="1" class="button button-small is-chosen" aria-pressed="true"' in chosen


def test_someone_elses_reply_or_a_users_own_answer_is_404(api, practice, stranger):
    chat_id, reply_id = practice
    intruder = ApiClient(Client(), token_for(stranger))
    assert _rate(intruder, chat_id, reply_id, helpful=True).status_code == 404
    messages = api.get(f"/api/chats/{chat_id}/messages").json()["items"]
    answer_id = next(m["id"] for m in messages if m["role"] == "user")
    assert _rate(api, chat_id, answer_id, helpful=True).status_code == 404
    assert _rate(api, chat_id, "nonsense", helpful=True).status_code == 404
    browser = Client()
    browser.force_login(stranger)
    assert browser.post(f"/feedback/replies/{chat_id}/{reply_id}", {"helpful": "1"}).status_code == 404
    assert not ReplyFeedback.objects.exists()


def test_an_employers_screening_reply_is_not_rated(api, user):
    chat = chats.new_chat_document(user_id=str(user.pk), title="Screening", kind="screening", system_prompt="")
    greeting = chats.new_message(chat_id=chat["_id"], user_id=str(user.pk), role="assistant", kind="greeting",
                                 content="Hello! Question 1 of 4: ...")
    chats.insert_chat(chat, greeting=greeting)
    assert _rate(api, str(chat["_id"]), str(greeting["_id"]), helpful=True).status_code == 409
    assert not ReplyFeedback.objects.exists()


def test_the_export_has_only_consented_verdicts_with_the_reply_and_its_context(api, staff_api, practice):
    chat_id, reply_id = practice
    messages = api.get(f"/api/chats/{chat_id}/messages").json()["items"]
    greeting_id = messages[0]["id"]
    _rate(api, chat_id, greeting_id, helpful=True)  # no consent: never exported
    _rate(api, chat_id, reply_id, helpful=False, comment="Too long", allow_training=True)
    items = staff_api.get("/api/ml/reply-feedback").json()["items"]
    assert len(items) == 1
    item = items[0]
    assert item["helpful"] is False and item["comment"] == "Too long"
    assert item["reply"] == next(m["content"] for m in messages if m["id"] == reply_id)
    assert [m["role"] for m in item["context"]] == ["assistant", "user"] and item["context"][1]["content"] == ANSWER
    assert "user" not in item and "username" not in str(item)
    assert staff_api.post("/api/ml/reply-feedback/mark-processed", {"ids": [item["id"]]}).json()["updated"] == 1
    assert staff_api.get("/api/ml/reply-feedback", {"processed": False}).json()["items"] == []


def test_withdrawing_consent_takes_a_verdict_out_of_the_export(api, staff_api, practice):
    chat_id, reply_id = practice
    _rate(api, chat_id, reply_id, helpful=True, allow_training=True)
    _rate(api, chat_id, reply_id, helpful=True, allow_training=False)
    assert staff_api.get("/api/ml/reply-feedback").json()["items"] == []


def test_only_staff_export(api, practice):
    assert api.get("/api/ml/reply-feedback").status_code == 403
    assert api.post("/api/ml/reply-feedback/mark-processed", {"ids": [1]}).status_code == 403
