"""The top bar a visitor sees: Log in as a link, Sign up as a normal button."""

from django.test import Client


def test_sign_up_is_a_normal_button_not_a_small_one(db):
    html = Client().get("/vacancies/").content.decode()

    assert '<a class="button" href="/accounts/register">Sign up</a>' in html
