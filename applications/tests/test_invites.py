"""Invite links: an employer invites a candidate to a vacancy's screening (drafts too); the link works once,
not after it expires or is revoked; only its hash is stored; the employer follows each invite's state;
another employer sees none of it."""

import hashlib
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import PASSWORD, UserFactory
from applications.models import Application, Invite
from applications.tests.helpers import GOOD_ANSWERS, answer
from conftest import ApiClient, token_for
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer_client(employer):
    browser = Client()
    browser.force_login(employer)
    return browser


@pytest.fixture
def draft(employer, screening_persona):
    return VacancyFactory(owner=employer, title="Stealth Platform Engineer", is_published=False,
                          skills=["Python", "Docker"])


def _invite(employer_api, vacancy, **body):
    response = employer_api.post(f"/api/vacancies/{vacancy.pk}/invites", body)
    assert response.status_code == 201, response.content
    data = response.json()
    return data, data["url"].rsplit("/", 1)[1]


def test_it_stores_only_a_hash_of_the_link(employer_api, draft):
    data, token = _invite(employer_api, draft, note="Ann from the meetup")
    invite = Invite.objects.get(pk=data["id"])
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in invite.token_hash
    assert len(token) >= 40 and data["state"] == "sent"
    assert "url" not in employer_api.get(f"/api/vacancies/{draft.pk}/invites").json()["items"][0]


def test_a_candidate_uses_an_invite_to_a_draft_once(employer_api, api, user, draft):
    data, token = _invite(employer_api, draft)
    response = api.post("/api/invites/accept", {"token": token})
    assert response.status_code == 201 and response.json()["chat_id"]
    application = Application.objects.get(candidate=user, vacancy=draft)
    assert application.status == "in_chat" and application.invite.pk == data["id"]
    again = api.post("/api/invites/accept", {"token": token})
    assert again.status_code == 409 and "already used" in again.json()["detail"]
    other = ApiClient(Client(), token_for(UserFactory(username="bystander")))
    assert other.post("/api/invites/accept", {"token": token}).status_code == 409
    assert Application.objects.filter(vacancy=draft).count() == 1
    assert api.get(f"/api/vacancies/{draft.pk}").status_code == 200  # the private vacancy, for its applicant


def test_an_expired_or_revoked_invite_does_nothing(employer_api, api, draft):
    _expired, old_token = _invite(employer_api, draft)
    Invite.objects.filter(pk=_expired["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api.post("/api/invites/accept", {"token": old_token})
    assert response.status_code == 409 and "expired" in response.json()["detail"]
    revoked, token = _invite(employer_api, draft)
    assert employer_api.post(f"/api/invites/{revoked['id']}/revoke").json()["state"] == "revoked"
    response = api.post("/api/invites/accept", {"token": token})
    assert response.status_code == 409 and "withdrew" in response.json()["detail"]
    assert api.post("/api/invites/accept", {"token": token + "x"}).status_code == 404
    assert not Application.objects.filter(vacancy=draft).exists()


def test_an_invite_for_someone_who_already_applied_stays_unused(employer_api, api, application, vacancy):
    data, token = _invite(employer_api, vacancy)
    assert api.post("/api/invites/accept", {"token": token}).status_code == 409
    assert Invite.objects.get(pk=data["id"]).accepted_at is None


def test_the_employer_follows_each_invite_state(employer_api, api, draft):
    sent, _token = _invite(employer_api, draft, note="sent")
    opened, opened_token = _invite(employer_api, draft, note="opened")
    used, used_token = _invite(employer_api, draft, note="used")
    Client().get(f"/applications/invite/{opened_token}")
    chat_id = api.post("/api/invites/accept", {"token": used_token}).json()["chat_id"]
    states = {item["note"]: item["state"] for item in employer_api.get(f"/api/vacancies/{draft.pk}/invites").json()["items"]}
    assert states == {"sent": "sent", "opened": "opened", "used": "accepted"}
    for content in GOOD_ANSWERS[:6]:
        if Application.objects.get(invite__pk=used["id"]).screening_finished_at:
            break
        answer(api, chat_id, content)
    states = {item["note"]: item["state"] for item in employer_api.get(f"/api/vacancies/{draft.pk}/invites").json()["items"]}
    assert states["used"] == "done"
    assert employer_api.post(f"/api/invites/{used['id']}/revoke").status_code == 409
    stats = employer_api.get(f"/api/vacancies/{draft.pk}/stats").json()
    assert [step["count"] for step in stats["funnel"]][:3] == [3, 1, 1]


def test_another_employers_invites_are_404(other_employer_api, employer_api, draft, other_employer):
    data, _token = _invite(employer_api, draft)
    assert other_employer_api.get(f"/api/vacancies/{draft.pk}/invites").status_code == 404
    assert other_employer_api.post(f"/api/vacancies/{draft.pk}/invites", {}).status_code == 404
    assert other_employer_api.post(f"/api/invites/{data['id']}/revoke").status_code == 404
    browser = Client()
    browser.force_login(other_employer)
    assert browser.get(f"/applications/vacancy/{draft.pk}/invites").status_code == 404
    assert browser.post(f"/applications/vacancy/{draft.pk}/invites/{data['id']}/revoke").status_code == 404
    assert Invite.objects.get(pk=data["id"]).revoked_at is None


@pytest.mark.parametrize("body", [{"days": 0}, {"days": 31}, {"note": "x" * 201}])
def test_bad_invite_settings_are_a_422(employer_api, draft, body):
    assert employer_api.post(f"/api/vacancies/{draft.pk}/invites", body).status_code == 422


def test_a_new_visitor_signs_up_through_the_link_and_lands_in_the_screening(employer_client, draft):
    page = employer_client.post(f"/applications/vacancy/{draft.pk}/invites", {"note": "Bo", "days": 3})
    assert page.status_code == 201
    link = page.content.decode().split('id="invite-link"')[0].rsplit('value="', 1)[1].split('"')[0]
    path = link.split("testserver", 1)[1]
    visitor = Client()
    landing = visitor.get(path).content.decode()
    assert "Stealth Platform Engineer" in landing and "Sign up to start" in landing
    next_query = landing.split("/accounts/register?next=", 1)[1].split('"')[0]
    signup = visitor.post(f"/accounts/register?next={next_query}",
                          {"username": "newbie", "password": PASSWORD, "role": "candidate",
                           "preferred_language": "en", "next": path})
    assert signup.status_code == 302 and signup["Location"] == path
    started = visitor.post(f"{path}/accept")
    assert started.status_code == 302 and started["Location"].startswith("/chats/")
    assert Invite.objects.get(note="Bo").state == "accepted"
    listing = employer_client.get(f"/applications/vacancy/{draft.pk}/invites").content.decode()
    assert "In screening" in listing and link not in listing


def test_a_used_link_shows_why_on_its_page(employer_api, api, user_client, draft):
    _data, token = _invite(employer_api, draft)
    api.post("/api/invites/accept", {"token": token})
    page = Client().get(f"/applications/invite/{token}")
    assert page.status_code == 409 and "This invite was already used." in page.content.decode()


def test_the_employer_revokes_on_the_page(employer_client, employer_api, draft):
    data, token = _invite(employer_api, draft)
    response = employer_client.post(f"/applications/vacancy/{draft.pk}/invites/{data['id']}/revoke", follow=True)
    assert "Invite revoked" in response.content.decode() and "Revoked" in response.content.decode()
    assert Client().get(f"/applications/invite/{token}").status_code == 409
