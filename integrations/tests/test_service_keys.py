"""Service keys: made in the admin and shown once, stored hashed; scoped (403 outside), revocable (401),
rate-limited across processes and logged; the Telegram bot's flow works through them."""

import hashlib

import pytest
from django.test import Client

from accounts.tests.factories import EmployerFactory, UserFactory
from integrations import keys
from integrations.models import ResumeDraft, ServiceKey, ServiceKeyUse
from resumes.models import Resume
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

ALL = ["vacancies:read", "matches:read", "resumes:draft"]


def _get(client, path, key, **params):
    return client.get(path, params, headers={"X-Service-Key": key} if key else {})


@pytest.fixture
def bot_key():
    _key, text = keys.create_key(name="Telegram bot", scopes=ALL)
    return text


@pytest.fixture
def candidate(db):
    user = UserFactory(username="tg_alice", telegram_id="@Alice_Dev")
    Resume.objects.create(user=user, skills=["Python", "Django"], positions=["Backend developer"])
    return user


def test_the_bot_looks_a_user_up_by_telegram_username_and_lists_their_matches(client, bot_key, candidate):
    VacancyFactory(title="Django developer", skills=["Python", "Django"])
    VacancyFactory(title="Draft role", skills=["Python"], is_published=False)
    for name in ("alice_dev", "@ALICE_DEV"):
        response = _get(client, f"/api/service/users/{name}/matches", bot_key)
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["username"] == "tg_alice"
        assert [item["vacancy"]["title"] for item in data["items"]] == ["Django developer"]
        assert data["items"][0]["match"] == 100
    assert _get(client, "/api/service/users/nobody_here/matches", bot_key).status_code == 404
    assert _get(client, "/api/service/users/x/matches", bot_key).status_code == 422


def test_an_employer_or_an_ambiguous_username_is_not_guessed(client, bot_key, candidate):
    EmployerFactory(username="boss", telegram_id="boss_account")
    assert _get(client, "/api/service/users/boss_account/matches", bot_key).status_code == 404
    UserFactory(username="tg_alice2", telegram_id="alice_dev")
    assert _get(client, "/api/service/users/alice_dev/matches", bot_key).status_code == 409


def test_the_bot_reads_published_vacancies(client, bot_key):
    VacancyFactory(title="Open role")
    VacancyFactory(title="Hidden draft", is_published=False)
    data = _get(client, "/api/service/vacancies", bot_key).json()
    assert [item["title"] for item in data["items"]] == ["Open role"] and data["count"] == 1


def test_a_resume_draft_waits_for_the_user_to_use_it(client, bot_key, candidate):
    response = client.post("/api/service/users/alice_dev/resume-draft",
                           {"skills": ["k8s", "Go"], "summary": "From the bot", "years_experience": 3},
                           content_type="application/json", headers={"X-Service-Key": bot_key})
    assert response.status_code == 201
    assert Resume.objects.get(user=candidate).skills == ["Python", "Django"]  # untouched until used
    browser = Client()
    browser.force_login(candidate)
    assert "sent 1 resume draft" in browser.get("/resume/").content.decode()
    draft = ResumeDraft.objects.get(user=candidate)
    assert browser.post("/integrations/drafts/", {"draft": draft.pk, "action": "use"}).status_code == 302
    resume = Resume.objects.get(user=candidate)
    assert resume.skills == ["Kubernetes", "Go"] and resume.summary == "From the bot"
    assert resume.positions == ["Backend developer"] and not ResumeDraft.objects.exists()


def test_a_bad_draft_is_a_422_with_the_field(client, bot_key, candidate):
    response = client.post("/api/service/users/alice_dev/resume-draft", {"years_experience": 500},
                           content_type="application/json", headers={"X-Service-Key": bot_key})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "years_experience"
    assert not ResumeDraft.objects.exists()


def test_another_users_draft_cannot_be_used(client, bot_key, candidate, stranger):
    client.post("/api/service/users/alice_dev/resume-draft", {"summary": "x"}, content_type="application/json",
                headers={"X-Service-Key": bot_key})
    browser = Client()
    browser.force_login(stranger)
    browser.post("/integrations/drafts/", {"draft": ResumeDraft.objects.get().pk, "action": "use"})
    assert not Resume.objects.filter(user=stranger).exists() and ResumeDraft.objects.count() == 1


def test_a_key_outside_its_scopes_gets_403_and_the_use_is_logged(client, candidate):
    _key, text = keys.create_key(name="Vacancy reader", scopes=["vacancies:read"])
    response = _get(client, "/api/service/users/alice_dev/matches", text)
    assert response.status_code == 403 and "matches:read" in response.json()["detail"]
    assert client.post("/api/service/users/alice_dev/resume-draft", {}, content_type="application/json",
                       headers={"X-Service-Key": text}).status_code == 403
    assert _get(client, "/api/service/vacancies", text).status_code == 200
    assert list(ServiceKeyUse.objects.order_by("at", "id").values_list("scope", "status")) == [
        ("matches:read", 403), ("resumes:draft", 403), ("vacancies:read", 200)]
    assert ServiceKey.objects.get().last_used_at is not None


@pytest.mark.parametrize("header", [None, "", "oj_nope_nope", "Bearer x", "oj_only"])
def test_a_missing_or_unknown_key_is_401(client, bot_key, header):
    assert _get(client, "/api/service/vacancies", header).status_code == 401


def test_a_revoked_key_is_401(client, bot_key):
    assert _get(client, "/api/service/vacancies", bot_key).status_code == 200
    keys.revoke_key(key=ServiceKey.objects.get())
    assert _get(client, "/api/service/vacancies", bot_key).status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_401(client, bot_key):
    forged = bot_key.rsplit("_", 1)[0] + "_" + "A" * 43
    assert _get(client, "/api/service/vacancies", forged).status_code == 401


def test_only_a_hash_of_the_key_is_stored(bot_key):
    key = ServiceKey.objects.get()
    secret = bot_key.split("_", 2)[2]
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in str(key.__dict__)


def test_every_use_counts_against_the_keys_budget(client, settings, bot_key):
    settings.SERVICE_KEY_REQUESTS_PER_MINUTE = 3
    statuses = [_get(client, "/api/service/vacancies", bot_key).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = _get(client, "/api/service/vacancies", bot_key)
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    _other, other_text = keys.create_key(name="Other", scopes=ALL)
    assert _get(client, "/api/service/vacancies", other_text).status_code == 200  # a budget per key


def test_a_user_token_is_not_a_service_key(client, api):
    assert api.get("/api/service/vacancies").status_code == 401


def test_the_admin_shows_a_new_key_once_and_revokes_it(client):
    admin = UserFactory(username="operator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post("/admin/integrations/servicekey/add/", {"name": "Bot", "scopes": ["vacancies:read"]},
                           follow=True)
    text = response.content.decode().split("only its hash is kept): ", 1)[1].split("<", 1)[0].strip()
    assert text.startswith("oj_") and _get(Client(), "/api/service/vacancies", text).status_code == 200
    key = ServiceKey.objects.get()
    assert text not in client.get(f"/admin/integrations/servicekey/{key.pk}/change/").content.decode()
    client.post("/admin/integrations/servicekey/", {"action": "revoke", "_selected_action": [key.pk]})
    assert _get(Client(), "/api/service/vacancies", text).status_code == 401
