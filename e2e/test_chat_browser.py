"""In a real Chromium against uvicorn: a reply streams in token by token; Stop keeps the partial reply."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, log_in
from interviews import chats

# ORM work happens in fixtures: inside `sync_playwright()` the test body runs in another
# context, whose connections pytest-django would not close (the test database could not be dropped).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_REPLY = "Good start. Tell me how you would measure whether the new index really helped the query."
SLOW_REPLY = " ".join(f"word{i}" for i in range(60))
STREAMING = "article.message-assistant.status-streaming"


def send(page, text: str) -> None:
    page.fill("#composer-input", text)
    page.click("#composer button[type=submit]")


def streamed_text(page) -> str:
    """The text of the reply that is streaming now, once some of it has arrived."""
    handle = page.wait_for_function(
        """(selector) => {
            const text = document.querySelector(selector + ' .stream-text');
            return text && text.textContent.trim().length > 0 ? text.textContent : null;
        }""", arg=STREAMING, timeout=10_000)
    return handle.json_value()


def test_a_reply_streams_in_and_stop_keeps_the_partial_reply(asgi_live_server, user, browser_page, fake_ollama):
    page = browser_page
    log_in(page, asgi_live_server.url, user.username)
    page.goto(f"{asgi_live_server.url}/chats/new")
    page.click("text=Open a coach chat")
    page.wait_for_selector("article.message-greeting")

    fake_ollama.add_reply(FIRST_REPLY, token_delay=0.12)
    send(page, "I added an index on the customer column.")
    page.wait_for_selector("article.message-user >> text=I added an index on the customer column.")
    partial = streamed_text(page)
    assert page.locator(STREAMING).count() == 1  # still streaming while the text grows
    page.screenshot(path=str(ARTIFACTS / "chat_streaming.png"))
    page.wait_for_selector("article.message-assistant.status-complete >> nth=-1", timeout=10_000)
    final = page.locator("article.message-assistant").last.locator(".markdown").inner_text()
    assert final == FIRST_REPLY
    assert 0 < len(partial.strip()) < len(FIRST_REPLY) and FIRST_REPLY.startswith(partial.strip())
    assert page.input_value("#composer-input") == ""  # the composer was cleared for the next answer

    page.set_viewport_size({"width": 390, "height": 700})  # on a phone the page scrolls as well as the messages
    fake_ollama.add_reply(SLOW_REPLY, token_delay=0.15)
    send(page, "Then I would compare EXPLAIN ANALYZE before and after.")
    page.wait_for_function(
        "(s) => (document.querySelector(s + ' .stream-text')?.textContent || '').split(' ').length > 3",
        arg=STREAMING, timeout=10_000)
    page.click(f"{STREAMING} .stop-button")
    stopped = page.wait_for_selector("article.message-assistant.status-stopped", timeout=10_000)
    expect(page.locator("article.status-stopped button:has-text('Retry')")).to_be_in_viewport(ratio=1)
    page.screenshot(path=str(ARTIFACTS / "chat_stopped.png"))
    stopped_text = stopped.query_selector(".markdown").inner_text()
    assert "Stopped" in stopped.inner_text() and stopped.query_selector("text=Retry") is not None
    assert SLOW_REPLY.startswith(stopped_text) and 3 < len(stopped_text.split()) < 60

    saved = chats.list_messages(chat_id=chats.parse_id(page.url.rstrip("/").split("/")[-1]), limit=10)[-1]
    assert (saved["status"], saved["content"].strip()) == ("stopped", stopped_text)
    assert saved["user_id"] == str(user.pk)

    page.reload()
    reloaded = page.wait_for_selector("article.message-assistant.status-stopped")
    assert reloaded.query_selector(".markdown").inner_text() == stopped_text
    assert "Stopped" in reloaded.inner_text()
    assert page.locator("article.message-assistant.status-complete .markdown").last.inner_text() == FIRST_REPLY
    page.screenshot(path=str(ARTIFACTS / "chat_reloaded.png"))


def test_a_reload_mid_reply_shows_the_text_so_far_and_streams_on_to_the_end(asgi_live_server, user, browser_page,
                                                                              fake_ollama):
    page = browser_page
    log_in(page, asgi_live_server.url, user.username)
    page.goto(f"{asgi_live_server.url}/chats/new")
    page.click("text=Open a coach chat")
    page.wait_for_selector("article.message-greeting")
    fake_ollama.add_reply(SLOW_REPLY, token_delay=0.1)
    send(page, "I would add an index.")
    page.wait_for_function(  # past the first partial save (about a second in)
        "(s) => (document.querySelector(s + ' .stream-text')?.textContent || '').split(' ').length > 15",
        arg=STREAMING, timeout=10_000)
    page.reload()
    shown = page.wait_for_selector(f"{STREAMING} .stream-text").text_content()
    assert shown and SLOW_REPLY.startswith(shown)  # the text so far, at once
    page.screenshot(path=str(ARTIFACTS / "chat_reloaded_mid_reply.png"))
    reply = page.get_attribute(STREAMING, "id")
    grown = page.wait_for_function(  # it streams on from there, nothing twice
        """([s, shown]) => { const t = document.querySelector(s + ' .stream-text')?.textContent || '';
                             return t.length > shown.length + 10 ? t : null; }""",
        arg=[STREAMING, shown], timeout=10_000).json_value()
    assert SLOW_REPLY.startswith(grown)
    done = page.wait_for_selector(f"#{reply}.status-complete", timeout=15_000)
    assert done.query_selector(".markdown").inner_text() == SLOW_REPLY  # streamed on to its end, nothing twice
    assert len(fake_ollama.chat_requests) == 1
    assert "Interrupted" not in done.inner_text()
