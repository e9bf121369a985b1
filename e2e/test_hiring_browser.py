"""In a real Chromium against uvicorn: an employer publishes a vacancy, a candidate types a resume, sees the
match, applies and answers the screening; the worker scores it; the employer reads the ranked response and
approves it with a message the candidate then sees."""

import re

import pytest

from e2e.conftest import ARTIFACTS, log_in

# ORM work happens in fixtures only: inside `sync_playwright()` the test body runs in another context.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = [
    "I built our CI images with Docker multi-stage builds and cut the image size from 900 MB to 120 MB.",
    "I have only used Kubernetes in a home lab with k3s, but I know deployments, services and rolling updates.",
    "I have written Python for five years: Django APIs, data pipelines and the deployment tooling of my team.",
    "At my current job I moved our deploys from hand-run scripts to a pipeline that ships twenty times a day.",
    "I want to work on platform tooling full time, and I could start in two weeks.",
]


@pytest.fixture
def hiring_setup(employer, user):
    """The seeded screening persona, an employer and a candidate (both log in with the factories' password)."""
    from demo.data import PERSONAS
    from interviews.models import Persona

    spec = next(spec for spec in PERSONAS if spec["slug"] == "screening")
    Persona.objects.create(**spec, kind=Persona.Kind.SCREENING)
    return employer, user


def log_out(page) -> None:
    page.click("button:has-text('Log out')")
    page.wait_for_selector("text=Log in")


def wait_for_replies(page, count: int) -> None:
    page.wait_for_function(
        "(n) => document.querySelectorAll('article.message-assistant.status-complete').length >= n",
        arg=count, timeout=10_000)


def test_an_employer_hires_through_a_scored_screening(asgi_live_server, hiring_setup, run_db_worker, browser_page,
                                                     fake_ollama):
    employer, candidate = hiring_setup
    page, url = browser_page, asgi_live_server.url

    # The employer publishes a vacancy.
    log_in(page, url, employer.username)
    page.goto(f"{url}/vacancies/new/")
    page.evaluate("document.querySelector('#id_title').style.outline = '2px solid gold'")  # as autofill might
    page.click("button:has-text('Create vacancy')")
    page.wait_for_selector(".field-error")  # the refused form is swapped in without breaking the CSP
    page.fill("#id_title", "Platform Engineer")
    page.fill("#id_company", "Northwind")
    page.fill("#id_location", "Remote")
    page.fill("#id_description", "Build the deployment platform: CI images, clusters and the tools around them.")
    page.fill("#id_skills", "Python, Docker, Kubernetes")
    page.click("button:has-text('Create vacancy')")
    page.wait_for_selector("text=Vacancy created.")
    page.click("#publish-state button:has-text('Publish')")  # a new vacancy is a draft until then
    page.wait_for_selector("text=“Platform Engineer” is published.")
    log_out(page)

    # The candidate types a resume, sees the match and applies.
    log_in(page, url, candidate.username)
    page.goto(f"{url}/resume/")
    page.fill("#id_positions", "Backend developer")
    page.fill("#id_years_experience", "5")
    page.fill("#id_skills", "Python, Django")
    page.fill("#id_summary", "Backend developer who also owns the team's deployment tooling.")
    page.click("button:has-text('Save resume')")
    page.wait_for_selector("text=Resume saved.")
    page.goto(f"{url}/resume/matches")
    page.click("a:has-text('Platform Engineer')")
    box = page.wait_for_selector("#apply-box")
    assert "Your skill match: 33%" in box.inner_text() and "Docker, Kubernetes" in box.inner_text()
    page.click("#apply-box button:has-text('Apply')")

    greeting = page.wait_for_selector("article.message-greeting")
    assert "Northwind" in greeting.inner_text() and "Question 1 of 5" in greeting.inner_text()
    assert page.locator("button:has-text('Hint')").count() == 0
    for number, text in enumerate(ANSWERS, start=1):
        page.fill("#composer-input", text)
        page.click("#composer button[type=submit]")
        wait_for_replies(page, number + 1)
    closing = page.locator("article.message-assistant").last.inner_text()
    assert "employer will review" in closing and "Question" not in closing  # the app's closing, not the model's
    page.screenshot(path=str(ARTIFACTS / "hiring_screening_chat.png"), full_page=True)
    page.goto(f"{url}/applications/")
    assert "answers were sent" in page.inner_text("main")
    log_out(page)

    # The worker scores the screening against each question's key points, with no model.
    asked = len(fake_ollama.chat_requests)
    worker = run_db_worker()
    assert worker.returncode == 0, worker.stderr[-2000:]

    # The employer reads the ranked response and approves it with a message.
    log_in(page, url, employer.username)
    page.goto(f"{url}/vacancies/mine/")
    page.click(".own-vacancy a:has-text('Responses')")  # the vacancy's own, not the nav's (all vacancies)
    card = page.wait_for_selector(".response-card")
    assert len(fake_ollama.chat_requests) == asked
    assert re.fullmatch(r"\d{1,3}\s*/100", page.inner_text(".response-score").strip())
    assert candidate.username in card.inner_text()
    page.screenshot(path=str(ARTIFACTS / "hiring_responses.png"), full_page=True)
    page.click("a:has-text('Review')")
    page.wait_for_selector("#assessment")
    assessment = page.inner_text("#assessment")
    assert "Concerns" in assessment or "Strengths" in assessment  # read from the key points each answer covered
    assert ANSWERS[1] in page.inner_text(".transcript")
    page.click("label:has-text('Approve')")
    page.fill("#decision-message", "Great screening! Let's talk on Monday at 10:00.")
    page.click("button:has-text('Save decision')")
    page.wait_for_selector("#decision >> text=Decision saved")
    page.screenshot(path=str(ARTIFACTS / "hiring_response_detail.png"), full_page=True)
    log_out(page)

    # The candidate sees the decision.
    log_in(page, url, candidate.username)
    page.goto(f"{url}/applications/")
    mine = page.inner_text("main")
    assert "Approved" in mine and "Let's talk on Monday at 10:00." in mine
    page.screenshot(path=str(ARTIFACTS / "hiring_candidate_applications.png"), full_page=True)
