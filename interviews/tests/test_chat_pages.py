import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from interviews import chats
from interviews.tests.conftest import add_messages

pytestmark = pytest.mark.django_db


async def _consume(response) -> str:
    return b"".join([chunk async for chunk in response.streaming_content]).decode()


def test_the_chat_list_has_an_empty_state(user_client):
    html = user_client.get("/chats/").content.decode()
    assert "No interviews yet" in html and 'href="/chats/new"' in html


def test_it_opens_a_coach_chat_from_the_new_page(user_client, user):
    response = user_client.post("/chats/new", {"title": "Warm-up"})
    assert response.status_code == 302
    page = user_client.get(response["Location"]).content.decode()
    assert "Warm-up" in page and "interview coach" in page
    listing = user_client.get("/chats/").content.decode()
    assert "Warm-up" in listing and "interview coach" in listing  # the preview of the last message


def test_the_chat_window_shows_the_newest_page_and_links_older_ones(user_client, free_chat):
    add_messages(free_chat, 40)
    html = user_client.get(f"/chats/{free_chat['_id']}/").content.decode()
    assert "message 39" in html and "message 5" not in html
    assert "?before=" in html
    older = user_client.get(f"/chats/{free_chat['_id']}/", {"before": html.split("?before=")[1].split('"')[0]},
                            headers={"HX-Request": "true"}).content.decode()
    assert "message 5" in older and "<html" not in older


def test_a_stranger_gets_404_on_every_chat_page(free_chat, stranger):
    client = Client()
    client.force_login(stranger)
    mid = chats.list_messages(chat_id=free_chat["_id"], limit=1)[0]["_id"]
    base = f"/chats/{free_chat['_id']}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"{base}/delete").status_code == 404
    for path in ("rename", "delete", "stop", "messages", f"messages/{mid}/retry"):
        assert client.post(f"{base}/{path}", {"title": "x", "content": "x"}).status_code == 404, path
    assert client.get(f"{base}/messages/{mid}/stream").status_code == 404
    assert "We couldn" in client.get(f"{base}/").content.decode()


def test_sending_saves_the_answer_and_returns_a_turn_that_streams(user_client, free_chat, fake_ollama):
    response = user_client.post(f"/chats/{free_chat['_id']}/messages", {"content": "I led a migration"},
                                headers={"HX-Request": "true"})
    assert response.status_code == 201
    html = response.content.decode()
    assert "I led a migration" in html and "sse-connect" in html and "/stream" in html
    stored = chats.list_messages(chat_id=free_chat["_id"], limit=10)
    assert [m["status"] for m in stored] == ["complete", "complete", "streaming"]


def test_the_stream_page_sends_escaped_tokens_then_the_rendered_message(user_client, free_chat, fake_ollama):
    fake_ollama.add_reply(["<script>x</script> ", "**bold**"])
    user_client.post(f"/chats/{free_chat['_id']}/messages", {"content": "hi"}, headers={"HX-Request": "true"})
    reply = chats.list_messages(chat_id=free_chat["_id"], limit=1)[0]
    response = user_client.get(f"/chats/{free_chat['_id']}/messages/{reply['_id']}/stream")
    body = async_to_sync(_consume)(response)
    assert "event: token\ndata: &lt;script&gt;x&lt;/script&gt; " in body
    assert "<script>" not in body
    assert "event: done" in body and "<strong>bold</strong>" in body
    assert chats.get_message(chat_id=free_chat["_id"], message_id=reply["_id"])["status"] == "complete"


def test_an_empty_answer_is_an_inline_error(user_client, free_chat):
    response = user_client.post(f"/chats/{free_chat['_id']}/messages", {"content": "  "}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#composer-error"
    assert "Write something" in response.content.decode()


def test_xss_in_messages_renders_inert(user_client, free_chat):
    payload = '<img src=x onerror=alert(1)> [click](javascript:alert(2)) <script>alert(3)</script>'
    chats.insert_messages([chats.new_message(chat_id=free_chat["_id"], user_id=free_chat["user_id"], role="assistant",
                                             kind="reply", content=payload)])
    html = user_client.get(f"/chats/{free_chat['_id']}/").content.decode()
    assert "<img" not in html and "<script>alert" not in html and 'href="javascript:' not in html
    assert "&lt;img" in html


def test_rename_delete_and_clear_pages(user_client, free_chat, user):
    user_client.post(f"/chats/{free_chat['_id']}/rename", {"title": "System design"})
    assert chats.get_chat(user_id=str(user.pk), chat_id=free_chat["_id"])["title"] == "System design"
    assert user_client.post(f"/chats/{free_chat['_id']}/delete").status_code == 302
    assert user_client.get(f"/chats/{free_chat['_id']}/").status_code == 404
    user_client.post("/chats/new", {})
    assert "Delete every chat" in user_client.get("/chats/clear").content.decode()
    user_client.post("/chats/clear")
    assert "No interviews yet" in user_client.get("/chats/").content.decode()


def test_chat_pages_need_login(client, free_chat):
    assert client.get("/chats/").status_code == 302
    assert client.post(f"/chats/{free_chat['_id']}/messages", {"content": "x"}).status_code == 302


def _assistant(chat: dict, **fields) -> dict:
    message = chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role="assistant", **fields)
    chats.insert_messages([message])
    return message


def test_the_title_is_a_heading_with_a_rename_form_that_opens_in_place(user_client, free_chat):
    chats.update_chat(user_id=free_chat["user_id"], chat_id=free_chat["_id"],
                      changes={"title": "Retry: Python Backend Developer (Senior, remote)"})
    html = user_client.get(f"/chats/{free_chat['_id']}/").content.decode()
    assert '<h1 class="chat-title-text">Retry: Python Backend Developer (Senior, remote)</h1>' in html
    assert '<details class="chat-rename">' in html and "Rename</summary>" in html
    response = user_client.post(f"/chats/{free_chat['_id']}/rename", {"title": "System design"},
                                headers={"HX-Request": "true"})
    assert '<h1 class="chat-title-text">System design</h1>' in response.content.decode()


def test_delete_asks_on_a_page_of_its_own_first(user_client, free_chat):
    chat_page = user_client.get(f"/chats/{free_chat['_id']}/").content.decode()
    assert f'href="/chats/{free_chat["_id"]}/delete"' in chat_page
    assert f'action="/chats/{free_chat["_id"]}/delete"' not in chat_page  # no one-click delete on the chat
    confirm = user_client.get(f"/chats/{free_chat['_id']}/delete")
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Delete this chat?" in html and "Practice" in html and 'method="post"' in html
    assert f'href="/chats/{free_chat["_id"]}/"' in html  # keep it: back to the chat
    assert user_client.get(f"/chats/{free_chat['_id']}/").status_code == 200  # asking deleted nothing


def test_help_messages_and_reply_buttons_carry_svg_icons_not_emoji(user_client, free_chat):
    _assistant(free_chat, kind="hint", content="Think about retries.")
    _assistant(free_chat, kind="model_answer", content="A ledger.")
    _assistant(free_chat, kind="reply", content="Half a repl", status="stopped")
    html = user_client.get(f"/chats/{free_chat['_id']}/").content.decode()
    assert html.count('<p class="bubble-label"><svg class="icon"') == 2
    assert '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' in html
    assert not {"💡", "📘", "↻", "■"} & set(html)


def test_a_reply_cut_off_without_stop_says_interrupted_and_offers_retry(user_client, free_chat):
    _assistant(free_chat, kind="reply", content="Half a repl", status="interrupted")
    html = user_client.get(f"/chats/{free_chat['_id']}/").content.decode()
    assert "Interrupted" in html and "Stopped" not in html and "/retry" in html


def test_the_title_inputs_keep_the_services_limit(user_client, free_chat, user):
    assert 'name="title" maxlength="120"' in user_client.get("/chats/new").content.decode()
    page = user_client.get(f"/chats/{free_chat['_id']}/").content.decode()
    assert 'maxlength="120" required' in page
    renamed = user_client.post(f"/chats/{free_chat['_id']}/rename", {"title": "Mine"}, headers={"HX-Request": "true"})
    assert 'maxlength="120" required' in renamed.content.decode()
