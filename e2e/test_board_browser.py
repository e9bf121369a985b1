"""In a real Chromium: an employer filters all responses across vacancies, loads the next rows through htmx,
exports them and opens a vacancy's statistics; both pages fit a phone's width."""

import pytest

from e2e.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


@pytest.fixture
def responses(employer):
    from django.utils import timezone

    from accounts.tests.factories import UserFactory
    from applications.models import Application
    from vacancies.tests.factories import VacancyFactory

    backend = VacancyFactory(owner=employer, title="Backend Developer")
    VacancyFactory(owner=employer, title="Data Analyst", is_published=False)
    for number in range(30):
        status = "approved" if number % 7 == 0 else "rejected" if number % 5 == 0 else "in_chat"
        Application.objects.create(candidate=UserFactory(username=f"cand{number:02}"), vacancy=backend,
                                   status=status, relevance_score=3 * number, screening_finished_at=timezone.now(),
                                   assessment_status="ready")
    return backend


def fits(page, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 860})
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{name}_{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px too wide"
    page.set_viewport_size({"width": 1280, "height": 860})


def test_an_employer_filters_pages_and_reads_the_statistics(asgi_live_server, responses, browser_page, employer):
    page, url = browser_page, asgi_live_server.url
    log_in(page, url, employer.username)
    page.click("nav >> text=Responses")
    page.select_option("#id_sort", "-score")
    page.click("button:has-text('Filter')")
    page.wait_for_selector("text=30 responses match")
    assert page.locator("tbody tr[id^=response-]").count() == 25
    page.click("text=Show more")
    page.wait_for_function("() => document.querySelectorAll('tbody tr[id^=response-]').length === 30")
    assert page.locator("text=Show more").count() == 0
    assert page.locator("tbody tr[id^=response-]").first.inner_text().startswith("cand29")
    fits(page, "board")

    with page.expect_download() as download:
        page.click("text=Export CSV")
    assert download.value.suggested_filename.endswith(".csv")

    page.goto(f"{url}/applications/vacancy/{responses.pk}/stats")
    page.wait_for_selector("svg.histogram")
    assert page.locator("#funnel-applied .funnel-count").inner_text() == "30"
    fits(page, "stats")
