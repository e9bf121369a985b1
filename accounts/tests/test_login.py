import pytest
from django.core.cache import cache

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def test_it_logs_in_and_out_with_the_pages(client, user):
    response = client.post("/accounts/login", {"username": "ALICE", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/profile").status_code == 200
    client.post("/accounts/logout")
    assert client.get("/accounts/profile").status_code == 302


def test_logout_is_post_only(client, user):
    client.force_login(user)
    assert client.get("/accounts/logout").status_code == 405


def test_a_wrong_password_is_a_clear_form_error(client, user):
    response = client.post("/accounts/login", {"username": "alice", "password": "nope"})
    assert response.status_code == 400
    assert "Wrong username or password" in response.content.decode()


def test_it_throttles_after_five_failures_then_recovers(anon_api, user, settings, monkeypatch):
    import accounts.throttling as throttling

    import time

    now = [time.time()]
    monkeypatch.setattr(throttling, "_now", lambda: now[0])
    for _ in range(5):
        assert anon_api.post("/api/auth/token", {"username": "alice", "password": "bad"}).status_code == 401
    blocked = anon_api.post("/api/auth/token", {"username": "alice", "password": PASSWORD})
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= 15 * 60
    assert "Too many failed log-ins" in blocked.json()["detail"]

    now[0] += 15 * 60 + 1
    assert anon_api.post("/api/auth/token", {"username": "alice", "password": PASSWORD}).status_code == 200


def test_the_login_page_shows_the_throttle_message(client, user):
    for _ in range(5):
        client.post("/accounts/login", {"username": "alice", "password": "bad"})
    response = client.post("/accounts/login", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()


def test_failures_for_another_username_do_not_block_this_one(anon_api, user, stranger):
    for _ in range(6):
        anon_api.post("/api/auth/token", {"username": "mallory", "password": "bad"})
    assert anon_api.post("/api/auth/token", {"username": "alice", "password": PASSWORD}).status_code == 200


def test_the_login_page_does_not_redirect_off_site(client, user):
    response = client.post("/accounts/login?next=https://evil.example/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/"


def test_pages_enforce_csrf(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    page = strict.get("/accounts/login")
    token = page.cookies["csrftoken"].value
    response = strict.post("/accounts/login", {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_the_api_token_endpoint_needs_no_csrf(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/api/auth/token", {"username": "alice", "password": PASSWORD}, content_type="application/json")
    assert response.status_code == 200
