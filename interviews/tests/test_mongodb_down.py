"""With MongoDB unreachable, chat pages and endpoints answer 503 with a sentence, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

SENTENCE = "Chats are unavailable right now"


def test_the_api_answers_503_with_a_sentence(api, free_chat, mongodb_down):
    for response in (api.post("/api/chats", {}), api.get("/api/chats"),
                     api.delete(f"/api/chats/{free_chat['_id']}"), api.post(f"/api/chats/{free_chat['_id']}/finish")):
        assert response.status_code == 503 and SENTENCE in response.json()["detail"], response.content


def test_the_pages_answer_503_with_a_sentence(user_client, free_chat, mongodb_down):
    for response in (user_client.post("/chats/new", {"title": "Warm-up"}), user_client.get("/chats/"),
                     user_client.get(f"/chats/{free_chat['_id']}/")):
        assert response.status_code == 503 and SENTENCE in response.content.decode()
        assert "Temporarily unavailable" in response.content.decode()  # the site's page, with its navigation
