"""In a real Chromium against uvicorn: a whole short practice interview, from the picker to the scored report."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, log_in

# ORM work happens in fixtures: inside `sync_playwright()` the test body runs in another
# context, whose connections pytest-django would not close (the test database could not be dropped).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = [
    {"text": "What is a database index, and what does it cost?", "topic": "Databases",
     "ideal_answer": "A B-tree (or similar) structure that speeds up lookups and sorting, paid for with slower "
                     "writes and extra storage."},
    {"text": "How do you test a Django view?", "topic": "Testing",
     "ideal_answer": "Use the test client with factories; assert on the status code, the template and the content; "
                     "cover the permission cases."},
]
FIRST_ANSWER = "An index is a B-tree that makes lookups fast, but every insert has to update it, so writes slow down."
SECOND_ANSWER = "I use the Django test client with factories and check the status code and the rendered content."


@pytest.fixture
def interview_setup(user):
    """Two vacancies and two interviewers to choose from; the candidate picks the second of each."""
    from interviews.models import Persona
    from vacancies.models import Vacancy
    from vacancies.services import replace_questions

    Persona.objects.create(name="Friendly Recruiter", description="Warm and patient.", system_prompt="Be kind.",
                           language="en", difficulty="easy")
    Persona.objects.create(name="Strict Tech Lead", description="Asks for precise answers.",
                           system_prompt="You are strict.", language="en", difficulty="hard")
    other = Vacancy.objects.create(title="Analyst", company="Numbers Ltd", description="SQL reports",
                                   skills=["SQL"], location="Remote", is_published=True)
    replace_questions(vacancy=other, questions=[{"text": "What is a JOIN?", "topic": "SQL", "ideal_answer": "..."}])
    vacancy = Vacancy.objects.create(title="Backend Developer", company="Acme", description="Python APIs",
                                     skills=["Python", "Django"], location="Remote", is_published=True)
    replace_questions(vacancy=vacancy, questions=QUESTIONS)
    return user


def wait_for_reply(page, count: int) -> None:
    """Until `count` assistant messages have finished streaming."""
    page.wait_for_function(
        "(n) => document.querySelectorAll('article.message-assistant.status-complete').length >= n",
        arg=count, timeout=10_000)


def answer(page, text: str, replies_before: int) -> None:
    page.fill("#composer-input", text)
    page.click("#composer button[type=submit]")
    wait_for_reply(page, replies_before + 1)


def test_a_short_interview_from_the_picker_to_the_report(asgi_live_server, interview_setup, run_db_worker,
                                                         browser_page, fake_ollama):
    page = browser_page
    log_in(page, asgi_live_server.url, interview_setup.username)
    page.goto(f"{asgi_live_server.url}/chats/new")
    page.select_option("#vacancy", label="Backend Developer — Acme")
    page.click("label.persona-card:has-text('Strict Tech Lead')")
    page.screenshot(path=str(ARTIFACTS / "practice_new.png"))
    page.click("text=Start the interview")

    greeting = page.wait_for_selector("article.message-greeting")
    assert "Strict Tech Lead" in greeting.inner_text() and QUESTIONS[0]["text"] in greeting.inner_text()
    assert "Question 1 of 2" in page.inner_text("#progress-badge")

    # With the bundled model the app acknowledges and asks the planned question, verbatim.
    answer(page, FIRST_ANSWER, replies_before=1)
    assert "Question 2 of 2" in page.inner_text("#progress-badge")
    reply = page.locator("article.message-assistant").last.inner_text()
    assert reply.startswith("Thank you.") and QUESTIONS[1]["text"] in reply
    assert fake_ollama.chat_requests == []

    asked = len(fake_ollama.chat_requests)
    page.click("button:has-text('Hint')")
    hint = page.wait_for_selector("article.message-hint.status-complete")
    assert "test client" in hint.inner_text().lower()  # one key point of the question, without a model call
    assert len(fake_ollama.chat_requests) == asked

    answer(page, SECOND_ANSWER, replies_before=3)
    assert "All questions answered" in page.inner_text("#progress-badge")
    page.screenshot(path=str(ARTIFACTS / "practice_chat.png"), full_page=True)

    page.click("button:has-text('Finish')")
    page.wait_for_selector("text=Scoring your answers")
    asked = len(fake_ollama.chat_requests)
    worker = run_db_worker()
    assert worker.returncode == 0, worker.stderr[-2000:]

    page.wait_for_selector(".overall-score", timeout=15_000)  # the pending page polls every 2 s
    assert len(fake_ollama.chat_requests) == asked  # graded against the key points, offline
    assert page.inner_text(".overall-score").endswith("/10")
    questions = page.locator("section.report-question")
    assert questions.count() == 2
    first, second = questions.nth(0).inner_text(), questions.nth(1).inner_text()
    assert QUESTIONS[0]["text"] in first and "/10" in first and "Used help" not in first
    assert "WHAT YOU COVERED" in first.upper()
    assert FIRST_ANSWER in first
    assert QUESTIONS[1]["text"] in second and "/10" in second and "Used help" in second
    assert page.locator(".report-summary svg.score-chart").count() == 1
    page.screenshot(path=str(ARTIFACTS / "practice_report.png"), full_page=True)

    # Nothing is rated for the candidate; sending no stars says so beside them.
    assert page.locator("input[name=rating]:checked").count() == 0
    page.fill("#fb-comment", "Tough but fair.")
    page.click("button:has-text('Send rating')")
    error = page.wait_for_selector("#rating-error")
    assert error.inner_text() == "Choose a rating: 1 to 5 stars."
    expect(page.locator("#rating-error")).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / "practice_rating_error.png"))
    assert page.input_value("#fb-comment") == "Tough but fair."
    page.click("label.radio-card:has-text('5')")
    page.click("button:has-text('Send rating')")
    page.wait_for_selector("text=Thanks for rating your interviewer.")
