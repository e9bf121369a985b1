import pytest

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


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


def test_a_stranger_elsewhere_cannot_lock_the_owner_out(client, user):
    for _ in range(8):
        client.post("/api/auth/token", {"username": "alice", "password": "bad"}, content_type="application/json",
                    REMOTE_ADDR="203.0.113.9")
    assert client.post("/api/auth/token", {"username": "alice", "password": "bad"}, content_type="application/json",
                       REMOTE_ADDR="203.0.113.9").status_code == 429
    response = client.post("/api/auth/token", {"username": "alice", "password": PASSWORD},
                           content_type="application/json", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200


def test_one_address_spraying_usernames_is_limited(client, user, settings):
    settings.LOGIN_IP_LIMIT = 4
    for index in range(4):
        client.post("/api/auth/token", {"username": f"guess{index}", "password": "bad"},
                    content_type="application/json", REMOTE_ADDR="203.0.113.9")
    blocked = client.post("/api/auth/token", {"username": "alice", "password": PASSWORD},
                          content_type="application/json", REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429
    assert client.post("/api/auth/token", {"username": "alice", "password": PASSWORD},
                       content_type="application/json", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_successful_log_ins_behind_one_address_never_add_up(client, user, settings):
    settings.LOGIN_IP_LIMIT = 3
    for _ in range(6):
        assert client.post("/api/auth/token", {"username": "alice", "password": PASSWORD},
                           content_type="application/json", REMOTE_ADDR="192.0.2.1").status_code == 200


def test_failures_from_many_addresses_slow_the_username_down(client, user, settings, monkeypatch):
    import time

    import accounts.throttling as throttling

    settings.LOGIN_USER_BACKOFF_AFTER = 3
    now = [time.time()]
    monkeypatch.setattr(throttling, "_now", lambda: now[0])
    for index in range(4):
        client.post("/api/auth/token", {"username": "alice", "password": "bad"}, content_type="application/json",
                    REMOTE_ADDR=f"203.0.113.{index}")
    slowed = client.post("/api/auth/token", {"username": "alice", "password": PASSWORD},
                         content_type="application/json", REMOTE_ADDR="198.51.100.7")
    assert slowed.status_code == 429 and int(slowed["Retry-After"]) == 2  # 2 ** (4 - 3): a pause, not a lockout
    now[0] += 2
    assert client.post("/api/auth/token", {"username": "alice", "password": PASSWORD},
                       content_type="application/json", REMOTE_ADDR="198.51.100.7").status_code == 200


@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # not our proxy: the header is the client's own words
    ("10.0.0.5", "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # our proxy appended the real client; 6.6.6.6 was forged
    ("10.0.0.5", "1.2.3.4, 10.0.0.7", "1.2.3.4"),  # two of our proxies
    ("10.0.0.5", "", "10.0.0.5"),
])
def test_the_client_address_comes_from_x_forwarded_for_only_via_a_trusted_proxy(rf, settings, remote, forwarded,
                                                                                 expected):
    from accounts.throttling import client_ip

    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = rf.post("/api/auth/token", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_without_trusted_proxies_x_forwarded_for_is_ignored(rf):
    from accounts.throttling import client_ip

    request = rf.post("/api/auth/token", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "127.0.0.1"
