"""In a real Chromium: register → log out → log in → edit the profile."""

import pytest

from e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_logout_login_and_edit_profile(live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/register")
    # What a password manager or autofill does (through the CSSOM, which the CSP allows): the
    # refused form swapped in must not copy that style attribute over (htmx would, by setAttribute).
    page.evaluate("document.querySelector('#id_username').style.outline = '2px solid gold'")
    page.fill("#id_username", "browser_user")
    page.fill("#id_password", "short")
    page.click("button[type=submit]")
    page.wait_for_selector(".field-error")
    page.screenshot(path=str(ARTIFACTS / "register_errors.png"))
    assert "too short" in page.inner_text("form")

    page.fill("#id_password", "browser-pass-42")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Hello, browser_user")
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))

    page.click("text=Log out")
    page.wait_for_selector("text=Sign up")
    page.goto(f"{live_server.url}/accounts/login")
    page.fill("#id_username", "BROWSER_USER")
    page.fill("#id_password", "browser-pass-42")
    page.click("form button[type=submit]")
    page.wait_for_selector("text=Hello, browser_user")

    page.goto(f"{live_server.url}/accounts/profile")
    page.fill("#id_city", "Kazan")
    page.fill("#id_phone", "not a phone")
    page.click("text=Save profile")
    page.wait_for_selector(".field-error")
    page.fill("#id_phone", "+7 900 123-45-67")
    page.click("text=Save profile")
    page.wait_for_selector("text=Profile saved.")
    page.screenshot(path=str(ARTIFACTS / "profile.png"))
    assert page.input_value("#id_city") == "Kazan"
