"""In a real Chromium: a report shared by link and opened by someone logged out, its PDF, and the
progress page's charts, with no console errors or CSP violations (the SVG charts use classes only)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRONG = ("An index is a B-tree kept sorted, so lookups and ORDER BY are fast. The price is slower writes, because "
          "every insert updates the index, and extra disk space.")


@pytest.fixture
def scored(user):
    """Two scored interviews of `user`, with questions due in the practice queue."""
    from django.utils import timezone

    from interviews.models import Persona, PracticeItem
    from interviews.tests.reports import finished_report
    from vacancies.models import Vacancy
    from vacancies.services import replace_questions

    persona = Persona.objects.create(name="Strict Tech Lead", description="Tough", system_prompt="Be strict.",
                                     language="en", difficulty="hard")
    vacancy = Vacancy.objects.create(title="Backend Developer", company="Acme", description="Python APIs",
                                     skills=["Python"], location="Remote", is_published=True)
    replace_questions(vacancy=vacancy, questions=[
        {"text": "What is a database index?", "topic": "Databases",
         "ideal_answer": "An index is a B-tree kept in sorted order. It makes lookups and sorting fast, but it slows "
                         "down writes and takes space."},
        {"text": "How do you test a Django view?", "topic": "Testing",
         "ideal_answer": "Use the test client with factories. Assert on the status code and the content."},
    ])
    finished_report(user, vacancy=vacancy, persona=persona, answers={0: "A B-tree that speeds lookups up."})
    chat_id = finished_report(user, vacancy=vacancy, persona=persona, answers={0: STRONG})
    PracticeItem.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    return chat_id


def test_a_shared_report_opens_logged_out_and_the_progress_page_charts(asgi_live_server, scored, user, browser_page):
    page = browser_page
    log_in(page, asgi_live_server.url, user.username)
    expect(page.get_by_text("1 question is due for practice")).to_be_visible()
    page.goto(f"{asgi_live_server.url}/chats/{scored}/report")
    page.select_option("#share-expiry", "7")
    page.click(".share-form button[type=submit]")
    link = page.locator("#share-url").input_value()
    expect(page.locator(".share-list .badge-ok")).to_contain_text("Works until")
    page.screenshot(path=str(ARTIFACTS / "report-share-1280.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=Download PDF")
    assert download.value.suggested_filename.endswith(".pdf")

    visitor = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("heading", name="Interview report")).to_be_visible()
    expect(visitor.locator("svg.score-chart")).to_be_visible()
    assert visitor.locator("#share").count() == 0 and visitor.locator("text=Back to the chat").count() == 0
    visitor.screenshot(path=str(ARTIFACTS / "report-shared-390.png"), full_page=True)

    page.goto(f"{asgi_live_server.url}/chats/progress")
    expect(page.locator("svg.progress-chart")).to_have_count(2)
    expect(page.get_by_text("18 of 20 interviews left today")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "progress-1280.png"), full_page=True)
    page.click("text=Practise now")
    expect(page.locator("#composer-input")).to_be_visible()


def wait_for_reply(page, count: int) -> None:
    page.wait_for_function(
        "(n) => document.querySelectorAll('article.message-assistant.status-complete').length >= n",
        arg=count, timeout=10_000)


@pytest.fixture
def priced_vacancy(user):
    from vacancies.models import Vacancy

    return Vacancy.objects.create(title="Backend Developer", company="Acme", description="Python APIs",
                                  skills=["Python"], location="Remote", is_published=True, salary_min=200_000,
                                  salary_max=260_000, currency=Vacancy.Currency.RUB)


def test_a_salary_negotiation_from_the_vacancy_page_to_its_report(asgi_live_server, priced_vacancy, user,
                                                                  run_db_worker, browser_page, fake_ollama):
    page = browser_page
    log_in(page, asgi_live_server.url, user.username)
    page.goto(f"{asgi_live_server.url}/vacancies/{priced_vacancy.pk}/")
    page.click("text=Negotiate the offer")
    greeting = page.wait_for_selector("article.message-greeting").inner_text().replace("\xa0", " ")
    # 10%, 55% and 85% into the vacancy's 200,000-260,000, rounded to 5,000 as postings are.
    assert "Alex" in greeting and "205,000 RUB" in greeting
    for number, words in enumerate(["Thank you! What range is budgeted for this role?",
                                    "I led the payments team for five years; the market pays 250,000, so I ask that.",
                                    "Let's agree, with the bonus and start date in writing. Thank you!"], start=1):
        page.fill("#composer-input", words)
        page.click("#composer button[type=submit]")
        wait_for_reply(page, number + 1)
    replies = [text.replace("\xa0", " ") for text in page.locator("article.message-assistant").all_inner_texts()]
    assert "235,000 RUB" in replies[1] and "250,000 RUB" in replies[2] and "Question" not in "".join(replies)
    page.screenshot(path=str(ARTIFACTS / "negotiation-chat-1280.png"), full_page=True)
    page.click("button:has-text('Finish')")
    page.wait_for_selector("text=Scoring your answers")
    worker = run_db_worker()
    assert worker.returncode == 0, worker.stderr[-2000:]
    page.wait_for_selector("#negotiation", timeout=15_000)
    assert "200,000–260,000 RUB" in page.inner_text("#negotiation").replace("\xa0", " ")
    assert page.locator("section.report-question").count() == 3
    page.screenshot(path=str(ARTIFACTS / "negotiation-report-1280.png"), full_page=True)


@pytest.fixture
def employer_vacancy(employer, user):
    """An employer's published vacancy with the seeded screening persona, and the candidate's resume."""
    from demo.data import PERSONAS
    from interviews.models import Persona
    from resumes.models import Resume
    from vacancies.models import Vacancy

    spec = next(spec for spec in PERSONAS if spec["slug"] == "screening")
    Persona.objects.create(**spec, kind=Persona.Kind.SCREENING)
    Resume.objects.create(user=user, positions=["Backend developer"], years_experience=4, skills=["Python", "Django"])
    return Vacancy.objects.create(owner=employer, title="Backend Developer", company="Acme", description="APIs",
                                  skills=["Python", "Django", "Kubernetes"], location="Remote", is_published=True)


def test_a_screening_rehearsal_from_the_vacancy_page_to_its_relevance(asgi_live_server, employer_vacancy, user,
                                                                      run_db_worker, browser_page, fake_ollama):
    from applications.tests.helpers import GOOD_ANSWERS

    page = browser_page
    log_in(page, asgi_live_server.url, user.username)
    page.goto(f"{asgi_live_server.url}/vacancies/{employer_vacancy.pk}/")
    page.click("text=Rehearse the screening")
    assert "private rehearsal" in page.wait_for_selector("article.message-greeting").inner_text()
    total = int(page.inner_text("#progress-badge").rsplit(" ", 1)[1])
    for number in range(1, total + 1):
        page.fill("#composer-input", GOOD_ANSWERS[number - 1])
        page.click("#composer button[type=submit]")
        wait_for_reply(page, number + 1)
    page.click("button:has-text('Finish')")
    page.wait_for_selector("text=Scoring your answers")
    worker = run_db_worker()
    assert worker.returncode == 0, worker.stderr[-2000:]
    page.wait_for_selector("#relevance", timeout=15_000)
    assert "/100" in page.inner_text("#relevance")
    expect(page.locator(f"#relevance form[action='/applications/apply/{employer_vacancy.pk}/'] button")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "rehearsal-report-1280.png"), full_page=True)
