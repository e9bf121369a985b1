import pytest
from django.test import override_settings

from interviews import chats, services
from interviews.tests.conftest import add_messages

pytestmark = pytest.mark.django_db


def test_it_creates_a_free_chat_with_a_greeting(api):
    response = api.post("/api/chats", {"title": "Backend prep"})
    assert response.status_code == 201
    chat = response.json()
    assert chat["title"] == "Backend prep" and chat["kind"] == "free" and chat["message_count"] == 1
    messages = api.get(f"/api/chats/{chat['id']}/messages").json()["items"]
    assert [m["kind"] for m in messages] == ["greeting"]


def test_chats_are_listed_newest_activity_first_with_a_cursor(api, user):
    ids = [api.post("/api/chats", {"title": f"chat {i}"}).json()["id"] for i in range(5)]
    api.patch(f"/api/chats/{ids[0]}", {"title": "renamed, so active again"})
    first = api.get("/api/chats", {"limit": 2}).json()
    assert [c["id"] for c in first["items"]] == [ids[0], ids[4]]
    second = api.get("/api/chats", {"limit": 2, "cursor": first["next_cursor"]}).json()
    third = api.get("/api/chats", {"limit": 2, "cursor": second["next_cursor"]}).json()
    assert [c["id"] for c in second["items"] + third["items"]] == [ids[3], ids[2], ids[1]]
    assert third["next_cursor"] is None


def test_a_bad_cursor_is_a_clear_error(api):
    response = api.get("/api/chats", {"cursor": "garbage"})
    assert response.status_code == 422
    assert "cursor" in response.json()["detail"]


def test_rename_validates_the_title(api, free_chat):
    response = api.patch(f"/api/chats/{free_chat['_id']}", {"title": "   "})
    assert response.status_code == 422
    assert api.get(f"/api/chats/{free_chat['_id']}").json()["title"] == "Practice"


def test_delete_is_soft_and_then_404(api, free_chat, mongo_db):
    assert api.delete(f"/api/chats/{free_chat['_id']}").status_code == 204
    assert api.get(f"/api/chats/{free_chat['_id']}").status_code == 404
    assert mongo_db.chats.find_one({"_id": free_chat["_id"]})["deleted_at"] is not None


def test_clear_all_hides_every_chat(api, user):
    for _ in range(3):
        api.post("/api/chats", {})
    assert api.delete("/api/chats").status_code == 204
    assert api.get("/api/chats").json()["items"] == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/chats/{id}"),
        ("patch", "/api/chats/{id}"),
        ("delete", "/api/chats/{id}"),
        ("get", "/api/chats/{id}/messages"),
        ("post", "/api/chats/{id}/messages"),
        ("post", "/api/chats/{id}/stop"),
        ("post", "/api/chats/{id}/messages/{mid}/retry"),
    ],
)
def test_a_stranger_gets_404_on_every_chat_endpoint(stranger_api, free_chat, method, path):
    mid = chats.list_messages(chat_id=free_chat["_id"], limit=1)[0]["_id"]
    url = path.format(id=free_chat["_id"], mid=mid)
    body = {"title": "mine now", "content": "hello"}
    response = getattr(stranger_api, method)(url, body) if method in ("post", "patch") else getattr(stranger_api, method)(url)
    assert response.status_code == 404, response.content
    assert response.json()["detail"]


@pytest.mark.parametrize("bad_id", ["not-an-id", "{\"$ne\": null}", "000000000000000000000000"])
def test_malformed_or_unknown_ids_are_404(api, bad_id):
    assert api.get(f"/api/chats/{bad_id}").status_code == 404


def test_the_daily_chat_limit_is_429_with_retry_after(api, settings):
    settings.CHATS_PER_DAY = 2
    api.post("/api/chats", {})
    second = api.post("/api/chats", {})
    api.delete(f"/api/chats/{second.json()['id']}")  # deleting does not give the chat back
    response = api.post("/api/chats", {})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "2 chats a day" in response.json()["detail"]


def test_messages_page_backwards_without_gaps_or_duplicates(api, free_chat):
    greeting = chats.list_messages(chat_id=free_chat["_id"], limit=1)
    written = greeting + add_messages(free_chat, 250)
    seen, before = [], None
    while True:
        page = api.get(f"/api/chats/{free_chat['_id']}/messages", {"limit": 100, **({"before": before} if before else {})}).json()
        seen = page["items"] + seen
        if before is None:
            add_messages(free_chat, 3)  # new messages arriving while the user scrolls up change nothing
        before = page["next_before"]
        if before is None:
            break
    assert [m["id"] for m in seen] == [str(m["_id"]) for m in written]


def test_message_pages_are_capped_at_100(api, free_chat):
    assert api.get(f"/api/chats/{free_chat['_id']}/messages", {"limit": 101}).status_code == 422


def test_a_message_page_is_one_indexed_find(free_chat, mongo_db, mongo_commands):
    add_messages(free_chat, 30)
    plan = mongo_db.messages.find({"chat_id": free_chat["_id"]}).sort("_id", -1).limit(10).explain()
    index_names = {index["name"] for index in mongo_db.messages.list_indexes()}
    assert "chat_id_1__id_-1" in index_names
    assert plan["queryPlanner"]["parsedQuery"] or plan["queryPlanner"]  # the shape we send: equality + sort on the suffix
    mongo_commands.clear()
    services.list_messages(user_id=free_chat["user_id"], chat_id=str(free_chat["_id"]), limit=20)
    assert mongo_commands.count("find") == 2  # the ownership check and the page itself


def test_a_message_sent_twice_with_one_idempotency_key_is_saved_once(api, free_chat, fake_ollama):
    headers = {"Idempotency-Key": "retry-after-timeout-1"}
    first = api.post(f"/api/chats/{free_chat['_id']}/messages", {"content": "My answer"}, headers=headers)
    again = api.post(f"/api/chats/{free_chat['_id']}/messages", {"content": "My answer"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["user_message"]["id"] == first.json()["user_message"]["id"]
    assert again.json()["assistant_message"]["content"] == first.json()["assistant_message"]["content"]
    assert len(fake_ollama.chat_requests) == 1
    answers = [m for m in chats.list_messages(chat_id=free_chat["_id"], limit=50) if m["role"] == "user"]
    assert [m["content"] for m in answers] == ["My answer"]
    # Without the key (or with another) it is a new message.
    assert api.post(f"/api/chats/{free_chat['_id']}/messages", {"content": "My answer"},
                    headers={"Idempotency-Key": "another"}).status_code == 201


def test_an_idempotency_key_is_bound_to_its_chat_and_checked(api, user, free_chat, fake_ollama):
    other = services.create_free_chat(user_id=str(user.pk), title="Other")
    headers = {"Idempotency-Key": "k1"}
    assert api.post(f"/api/chats/{free_chat['_id']}/messages", {"content": "x"}, headers=headers).status_code == 201
    assert api.post(f"/api/chats/{other['_id']}/messages", {"content": "x"}, headers=headers).status_code == 409
    bad = api.post(f"/api/chats/{free_chat['_id']}/messages", {"content": "x"}, headers={"Idempotency-Key": "a b"})
    assert bad.status_code == 422 and "Idempotency-Key" in bad.json()["detail"]
