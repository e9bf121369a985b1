"""In a real Chromium: an employer makes an invite link to a draft vacancy; a newcomer opens it, signs up
through the (htmx) form, comes back to the invite and lands in the screening chat; the employer's list
then says "In screening" and the link no longer works."""

import pytest

from accounts.tests.factories import PASSWORD
from e2e.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(employer):
    from demo.data import PERSONAS
    from interviews.models import Persona
    from vacancies.tests.factories import VacancyFactory

    spec = next(spec for spec in PERSONAS if spec["slug"] == "screening")
    Persona.objects.create(**spec, kind=Persona.Kind.SCREENING)
    return VacancyFactory(owner=employer, title="Stealth Platform Engineer", is_published=False)


def test_a_newcomer_signs_up_through_an_invite_and_lands_in_the_screening(asgi_live_server, draft, employer,
                                                                          browser_page):
    page, url = browser_page, asgi_live_server.url
    log_in(page, url, employer.username)
    page.goto(f"{url}/applications/vacancy/{draft.pk}/")
    page.click("text=Invites")
    page.fill("#id_note", "Bo from the meetup")
    page.click("button:has-text('Create a link')")
    link = page.input_value("#invite-link")
    page.screenshot(path=str(ARTIFACTS / "invites_new_link.png"), full_page=True)
    page.context.clear_cookies()

    page.goto(link)
    page.wait_for_selector("text=Stealth Platform Engineer")
    page.click("text=Sign up to start")
    page.fill("#id_username", "bo_newcomer")
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(link)
    page.screenshot(path=str(ARTIFACTS / "invite_landing.png"), full_page=True)
    page.click("button:has-text('Start the screening')")
    page.wait_for_url(f"{url}/chats/*/")
    page.wait_for_selector("text=Stealth Platform Engineer")

    page.goto(link)
    page.wait_for_selector("text=This invite was already used.")
    page.context.clear_cookies()
    log_in(page, url, employer.username)
    page.goto(f"{url}/applications/vacancy/{draft.pk}/invites")
    page.wait_for_selector("text=In screening")
    page.screenshot(path=str(ARTIFACTS / "invites_list.png"), full_page=True)
