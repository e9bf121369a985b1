"""In a real Chromium, at 1280 and 390 px, in English and Russian: the chat window and the report of a
practice interview, with a long title, help messages and replies that stopped."""

import pytest
from bson import ObjectId
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, log_in
from interviews import chats, evaluation, services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Retry: Python Backend Developer (Senior, remote, payments team)"
QUESTIONS = [
    {"text": f"Question number {n}: how would you design part {n} of a payments API?", "topic": f"Design {n}",
     "ideal_answer": "Idempotency keys, retries with backoff, a ledger, reconciliation and monitoring."}
    for n in range(1, 6)
]
RETRY = {"en": "Retry", "ru": "Повторить"}
FINISHED = {"en": "Finished · 3 of 5 answered", "ru": "Завершено · отвечено на 3 из 5"}
WIDTHS = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}


def _message(chat: dict, **fields) -> dict:
    message = chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], **fields)
    message["_id"] = ObjectId()
    return message


@pytest.fixture
def interviews(user, mongo_db):
    """For `user` (en) and `olga` (ru): an interview in progress and one finished after 3 of 5 questions,
    both ending on a stopped reply; the finished one is graded."""
    from accounts.tests.factories import UserFactory
    from interviews.models import Persona
    from vacancies.models import Vacancy
    from vacancies.services import replace_questions

    persona = Persona.objects.create(name="Strict Tech Lead", description="Asks for precise answers.",
                                     system_prompt="You are strict.", language="en", difficulty="hard")
    vacancy = Vacancy.objects.create(title="Backend Developer", company="Acme", description="Python APIs",
                                     skills=["Python"], location="Remote", is_published=True)
    replace_questions(vacancy=vacancy, questions=QUESTIONS)
    olga = UserFactory(username="olga", preferred_language="ru")
    made = {}
    for owner in (user, olga):
        for state in ("active", "finished"):
            chat = services.start_chat(user=owner, title=TITLE, vacancy_id=vacancy.pk, persona_id=persona.pk)
            questions = chat["plan"]["questions"]
            messages = []
            for index in range(3):
                if index == 2:
                    messages.append(_message(chat, role="assistant", kind="hint", content="Think about **retries**."))
                    messages.append(_message(chat, role="assistant", kind="model_answer", content="A ledger, and keys."))
                messages.append(_message(chat, role="user", kind="answer", question_id=questions[index]["id"],
                                         content="I would add idempotency keys and a ledger, then reconcile daily."))
                messages.append(_message(chat, role="assistant", kind="reply", question_id=questions[index + 1]["id"],
                                         content=f"Thank you. {questions[index + 1]['text']}"))
            messages[-1]["status"] = "stopped"
            chats.insert_messages(messages)
            mongo_db.chats.update_one({"_id": chat["_id"]}, {"$set": {"plan.current": 3}})
            if state == "finished":
                services.finish_interview(user=owner, chat_id=str(chat["_id"]))
                evaluation.evaluate_chat(chat_id=str(chat["_id"]))
            made[owner.username, state] = str(chat["_id"])
    return made


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def check_header(page, *, finished: bool) -> None:
    """The title wraps inside the header with a visible Rename; Delete is on another row than Finish."""
    title = page.locator(".chat-title-text")
    assert title.text_content() == TITLE
    assert title.evaluate("(el) => el.scrollWidth <= el.clientWidth")  # wraps, never cut sideways
    assert title.evaluate("(el) => el.getBoundingClientRect().height <= 2.2 * parseFloat(getComputedStyle(el).lineHeight)")
    rename = page.locator(".chat-rename summary")
    expect(rename).to_be_visible()
    expect(rename).to_be_in_viewport()
    assert rename.evaluate("(el) => getComputedStyle(el).opacity") == "1"
    last = ".practice-actions a.button-primary" if finished else ".practice-actions form[action$='/finish'] button"
    delete, finish = box(page, "a[href$='/delete']"), box(page, last)
    assert abs(delete["y"] - finish["y"]) > finish["height"]  # not side by side
    summary = box(page, ".chat-rename summary")
    assert abs(summary["y"] + summary["height"] / 2 - delete["y"] - delete["height"] / 2) < 1  # Rename and Delete in line
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")  # nothing sticks out


@pytest.mark.parametrize("language, username", [("en", "alice"), ("ru", "olga")])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_chat_and_the_report_at_each_width_and_language(asgi_live_server, interviews, browser_page, width,
                                                            language, username):
    page, url = browser_page, asgi_live_server.url
    page.set_viewport_size(WIDTHS[width])
    log_in(page, url, username)
    page.goto(f"{url}/chats/{interviews[username, 'active']}/")
    page.screenshot(path=str(ARTIFACTS / f"layout_chat_{width}_{language}.png"), full_page=True)
    check_header(page, finished=False)
    for icon in (".practice-actions button:has(svg.icon)", ".message-hint .bubble-label svg.icon"):
        assert box(page, icon)["width"] > 0
    expect(page.locator("article.status-stopped button:has-text('%s')" % RETRY[language])).to_be_visible()

    page.goto(f"{url}/chats/{interviews[username, 'finished']}/")
    page.screenshot(path=str(ARTIFACTS / f"layout_finished_{width}_{language}.png"), full_page=True)
    check_header(page, finished=True)
    assert page.inner_text("#progress-badge") == FINISHED[language]
    assert page.locator("article.status-stopped").count() == 1
    assert page.locator("form[action*='/retry']").count() == 0

    page.goto(f"{url}/chats/{interviews[username, 'finished']}/report")
    page.screenshot(path=str(ARTIFACTS / f"layout_report_{width}_{language}.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / f"layout_report_top_{width}_{language}.png"))
    assert box(page, ".score-chart .chart-label")["height"] >= 10  # readable on a phone too
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("section.report-question").first.screenshot(path=str(ARTIFACTS / f"layout_report_q_{width}_{language}.png"))
    page.locator("form.feedback-form").screenshot(path=str(ARTIFACTS / f"layout_report_form_{width}_{language}.png"))


def test_rename_opens_in_place_and_delete_asks_first(asgi_live_server, interviews, browser_page, user):
    page, url = browser_page, asgi_live_server.url
    log_in(page, url, user.username)
    page.goto(f"{url}/chats/{interviews[user.username, 'active']}/")
    expect(page.locator("#title-input")).to_be_hidden()
    page.click(".chat-rename summary")
    page.fill("#title-input", "Payments API, take two")
    page.screenshot(path=str(ARTIFACTS / "layout_rename_open.png"))
    page.click(".title-form button[type=submit]")
    expect(page.locator(".chat-title-text")).to_have_text("Payments API, take two")
    expect(page.locator("#title-input")).to_be_hidden()  # the new title comes back closed

    page.click("a:has-text('Delete…')")
    page.wait_for_selector("text=Delete this chat?")
    assert "Payments API, take two" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / "layout_delete_confirm.png"))
    page.click("text=Keep it")
    expect(page.locator(".chat-title-text")).to_have_text("Payments API, take two")
    page.click("a:has-text('Delete…')")
    page.click("button:has-text('Delete the chat')")
    page.wait_for_selector("text=Chat deleted.")
    assert "Payments API, take two" not in page.inner_text("main")
