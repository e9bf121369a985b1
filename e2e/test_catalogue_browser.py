"""In a real Chromium against uvicorn, at 1280 and 390 px, in English and Russian: the pages a new
candidate and an employer meet first (header, catalogue, a vacancy, "For you", the dashboard, a
response with a long answer, the employer's vacancies) fit the screen; a new vacancy stays a draft
until its employer publishes it; the catalogue pages through htmx."""

from datetime import UTC, datetime, timedelta

import pytest

from e2e.conftest import ARTIFACTS, log_in

# ORM work happens in fixtures only: inside `sync_playwright()` the test body runs in another context.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)
PASSWORD = "demo-pass-2024"
LONG_ANSWER = ("I moved our deploys to a pipeline: " + "build-test-scan-sign-publish-" * 12
               + " and https://ci.example.com/pipelines/" + "a1b2c3d4e5" * 12 + " shows every run.")


@pytest.fixture(params=["en", "ru"])
def language(request) -> str:
    return request.param


@pytest.fixture
def demo(db, language):
    """The demo seed (catalogue, employer vacancies, personas, accounts) with everyone speaking `language`,
    a fresh candidate, and an application with a long screening answer."""
    from accounts.models import User
    from applications import services as applications
    from interviews import chats
    from demo.seed import seed
    from vacancies.models import Vacancy

    seed()
    User.objects.create_user(username="newbie", password=PASSWORD, role=User.Role.CANDIDATE)
    User.objects.update(preferred_language=language)
    candidate = User.objects.get(username="demo")
    employer_vacancy = Vacancy.objects.get(slug="demo-employer-python-backend")
    application = applications.apply(candidate=candidate, vacancy_id=employer_vacancy.pk)
    chats.insert_messages([chats.new_message(chat_id=chats.parse_id(application.chat_id), user_id=str(candidate.pk),
                                             role="user", kind="reply", content=LONG_ANSWER)])
    for minutes_ago, overall in ((90, 5.5), (30, 7.0)):  # two scored practice interviews: a rising score
        when = datetime.now(UTC) - timedelta(minutes=minutes_ago)
        chats.insert_chat(chats.new_chat_document(
            user_id=str(candidate.pk), title=f"{employer_vacancy.title} · Emma", kind="practice", system_prompt="",
            extra={"status": "finished", "created_at": when, "updated_at": when,
                   "evaluation": {"status": "ready", "overall": overall, "questions": []}}))
    return {"vacancy": employer_vacancy, "application": application}


def set_language(page, url: str, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": url}])


def log_out(page, url: str, language: str) -> None:
    page.context.clear_cookies()
    set_language(page, url, language)


def look(page, name: str) -> None:
    """A full-page screenshot at each width; nothing may stick out sideways."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 860})
        page.reload()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{name}_{width}.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}_{width}_top.png"))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px too wide"


def test_the_pages_fit_at_both_widths(asgi_live_server, demo, browser_page, language):
    page, url = browser_page, asgi_live_server.url
    set_language(page, url, language)
    page.goto(f"{url}/")
    look(page, f"look_landing_{language}")
    page.set_viewport_size({"width": 1280, "height": 860})
    sign_up = page.locator(".nav-account a.button").bounding_box()
    hero_button = page.locator(".hero-actions .button").last.bounding_box()
    assert abs(sign_up["height"] - hero_button["height"]) < 1, (sign_up, hero_button)
    page.set_viewport_size({"width": 390, "height": 860})
    page.click("label.nav-burger")
    page.screenshot(path=str(ARTIFACTS / f"look_landing_menu_{language}_390.png"))
    page.goto(f"{url}/vacancies/")
    look(page, f"look_list_{language}")
    page.locator("nav.page-links").screenshot(path=str(ARTIFACTS / f"look_list_pages_{language}_390.png"))

    log_in(page, url, "newbie", PASSWORD)
    look(page, f"look_dashboard_new_{language}")
    log_out(page, url, language)

    log_in(page, url, "demo", PASSWORD)
    page.goto(f"{url}/vacancies/{demo['vacancy'].pk}/")
    look(page, f"look_detail_{language}")
    page.goto(f"{url}/resume/matches")
    look(page, f"look_matches_{language}")
    page.goto(f"{url}/")
    look(page, f"look_dashboard_demo_{language}")
    log_out(page, url, language)

    log_in(page, url, "employer", PASSWORD)
    page.goto(f"{url}/applications/{demo['application'].pk}/")
    look(page, f"look_response_{language}")
    page.goto(f"{url}/vacancies/mine/")
    look(page, f"look_mine_{language}")
    page.goto(f"{url}/vacancies/new/")
    look(page, f"look_form_{language}")


@pytest.mark.parametrize("language", ["en"])
def test_a_new_vacancy_stays_a_draft_until_published_and_the_catalogue_pages(asgi_live_server, demo,
                                                                             browser_page, language):
    page, url = browser_page, asgi_live_server.url
    log_in(page, url, "employer", PASSWORD)
    page.goto(f"{url}/vacancies/new/")
    page.fill("#id_title", "Site Reliability Engineer")
    page.fill("#id_company", "Northwind Logistics")
    page.fill("#id_description", "Keep the parcel platform up: on-call, SLOs, incident reviews.")
    page.fill("#id_skills", "Python, Kubernetes, Prometheus")
    page.click("button:has-text('Create vacancy')")
    page.wait_for_selector("text=Vacancy created.")
    assert "Draft" in page.inner_text("#publish-state")
    draft_url = page.url
    look(page, "look_owner_draft_en")
    log_out(page, url, language)

    log_in(page, url, "demo", PASSWORD)
    page.goto(f"{url}/vacancies/?q=reliability")
    assert "Site Reliability Engineer" not in page.inner_text("#results")
    page.goto(f"{url}/resume/matches")
    assert "Site Reliability Engineer" not in page.inner_text("main")
    assert page.request.get(draft_url).status == 404  # as the candidate (a 404 in the tab would log an error)
    log_out(page, url, language)

    log_in(page, url, "employer", PASSWORD)
    page.goto(draft_url)
    page.click("#publish-state button:has-text('Publish')")
    page.wait_for_selector("text=“Site Reliability Engineer” is published.")
    assert page.url == draft_url
    log_out(page, url, language)

    log_in(page, url, "demo", PASSWORD)
    page.goto(f"{url}/vacancies/?q=reliability")
    assert "Site Reliability Engineer" in page.inner_text("#results")

    # Ten a page; page 2 comes in through htmx, keeps the address bookmarkable and starts at its top.
    page.goto(f"{url}/vacancies/")
    assert page.locator(".vacancy-card").count() == 10
    first_title = page.locator(".vacancy-card h2").first.inner_text()
    page.click("nav.page-links a:has-text('2')")
    page.wait_for_selector("nav.page-links [aria-current=page]:has-text('2')")
    assert page.url.endswith("/vacancies/?page=2")
    assert page.locator(".vacancy-card h2").first.inner_text() != first_title
    assert page.evaluate("document.getElementById('results').getBoundingClientRect().top") >= 0
