from datetime import timedelta

import pytest
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _pair(anon_api):
    response = anon_api.post("/api/auth/token", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    return response.json()


def _me(anon_api, access):
    return anon_api.get("/api/me", headers={"Authorization": f"Bearer {access}"})


def test_an_access_token_opens_me(anon_api, user):
    pair = _pair(anon_api)
    response = _me(anon_api, pair["access"])
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_no_token_is_401_with_detail(anon_api, user):
    response = anon_api.get("/api/me")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_an_expired_access_token_is_refused(anon_api, user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(seconds=1))
    assert _me(anon_api, str(token)).status_code == 401


def test_a_tampered_token_is_refused(anon_api, user):
    access = _pair(anon_api)["access"]
    header, payload, signature = access.split(".")
    tampered = ".".join([header, payload, signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")])
    assert _me(anon_api, tampered).status_code == 401


def test_a_refresh_token_is_not_an_access_token(anon_api, user):
    assert _me(anon_api, _pair(anon_api)["refresh"]).status_code == 401


def test_refresh_rotates_and_a_used_refresh_token_is_refused(anon_api, user):
    pair = _pair(anon_api)
    rotated = anon_api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]})
    assert rotated.status_code == 200
    new = rotated.json()
    assert new["refresh"] != pair["refresh"]
    assert _me(anon_api, new["access"]).status_code == 200
    reused = anon_api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]})
    assert reused.status_code == 401


def test_reusing_a_rotated_refresh_token_revokes_the_whole_family(anon_api, user):
    pair = _pair(anon_api)
    new = anon_api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}).json()
    anon_api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]})  # a thief replays the old one
    assert anon_api.post("/api/auth/token/refresh", {"refresh": new["refresh"]}).status_code == 401


def test_logout_blacklists_the_refresh_token(anon_api, user):
    pair = _pair(anon_api)
    response = anon_api.post("/api/auth/logout", {"refresh": pair["refresh"]}, headers={"Authorization": f"Bearer {pair['access']}"})
    assert response.status_code == 204
    assert anon_api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}).status_code == 401


def test_nobody_can_log_out_another_users_token(anon_api, user, stranger):
    pair = _pair(anon_api)
    stranger_access = str(RefreshToken.for_user(stranger).access_token)
    response = anon_api.post("/api/auth/logout", {"refresh": pair["refresh"]}, headers={"Authorization": f"Bearer {stranger_access}"})
    assert response.status_code == 401
    assert anon_api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}).status_code == 200


def test_garbage_refresh_is_401(anon_api, user):
    assert anon_api.post("/api/auth/token/refresh", {"refresh": "not-a-token"}).status_code == 401


def test_a_password_change_revokes_every_refresh_token(anon_api, user):
    first, second = _pair(anon_api), _pair(anon_api)
    response = anon_api.post(
        "/api/me/password",
        {"old_password": PASSWORD, "new_password": "another-pass-77"},
        headers={"Authorization": f"Bearer {first['access']}"},
    )
    assert response.status_code == 204
    for pair in (first, second):
        assert anon_api.post("/api/auth/token/refresh", {"refresh": pair["refresh"]}).status_code == 401
    assert anon_api.post("/api/auth/token", {"username": "alice", "password": "another-pass-77"}).status_code == 200


def test_a_password_change_needs_the_old_password(api):
    response = api.post("/api/me/password", {"old_password": "wrong", "new_password": "another-pass-77"})
    assert response.status_code == 400
    assert "old password" in response.json()["detail"]


def test_a_weak_new_password_is_refused_with_the_rule(api):
    response = api.post("/api/me/password", {"old_password": PASSWORD, "new_password": "12345678"})
    assert response.status_code == 400
    assert any("numeric" in error["message"] for error in response.json()["errors"])


def test_a_deactivated_user_token_stops_working(api, user):
    user.is_active = False
    user.save()
    assert api.get("/api/me").status_code == 401


def test_logout_ends_the_access_token_at_once(anon_api, user):
    pair = _pair(anon_api)
    assert _me(anon_api, pair["access"]).status_code == 200
    response = anon_api.post("/api/auth/logout", {"refresh": pair["refresh"]},
                             headers={"Authorization": f"Bearer {pair['access']}"})
    assert response.status_code == 204
    assert _me(anon_api, pair["access"]).status_code == 401
    assert _me(anon_api, _pair(anon_api)["access"]).status_code == 200  # a new log-in works


def test_a_password_change_ends_every_access_token_at_once(anon_api, user):
    first, second = _pair(anon_api), _pair(anon_api)
    response = anon_api.post("/api/me/password", {"old_password": PASSWORD, "new_password": "n3w-enough-pass"},
                             headers={"Authorization": f"Bearer {first['access']}"})
    assert response.status_code == 204
    assert _me(anon_api, first["access"]).status_code == 401 and _me(anon_api, second["access"]).status_code == 401


def test_a_deleted_account_token_stops_working(anon_api, user):
    pair = _pair(anon_api)
    user.delete()
    assert _me(anon_api, pair["access"]).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_two_parallel_refreshes_of_one_token_make_one_winner_and_revoke_the_family(anon_api, user):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections
    from django.test import Client

    pair = _pair(anon_api)

    def refresh(_):
        try:
            return Client().post("/api/auth/token/refresh", {"refresh": pair["refresh"]},
                                 content_type="application/json")
        finally:
            connections.close_all()

    for _ in range(3):  # the race is timing-dependent: a few rounds
        pair = _pair(anon_api)
        with ThreadPoolExecutor(max_workers=2) as pool:
            responses = list(pool.map(refresh, range(2)))
        assert sorted(response.status_code for response in responses) == [200, 401]
        winner = next(response for response in responses if response.status_code == 200).json()
        # The loser is a reuse: the winner's new pair is revoked with the rest of the family.
        assert anon_api.post("/api/auth/token/refresh", {"refresh": winner["refresh"]}).status_code == 401
        assert _me(anon_api, winner["access"]).status_code == 401
