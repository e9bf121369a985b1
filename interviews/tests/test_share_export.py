"""A report shared by an unguessable, revocable link; a report as PDF, a chat as Markdown."""

import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from interviews import chats, services
from interviews.models import ReportShare
from interviews.tests.reports import finished_report
from interviews.tests.test_practice import persona, vacancy  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

STRONG = ("An index is a B-tree kept sorted, so lookups and ORDER BY are fast. The price is slower writes, because "
          "every insert updates the index, and extra disk space.")


@pytest.fixture
def visitor():
    """A browser with no session at all."""
    return Client()


@pytest.fixture
def report_id(user, vacancy, persona):
    return finished_report(user, vacancy=vacancy, persona=persona, answers={0: STRONG, 2: "I like hiking."})


def _share_on_page(user_client, chat_id: str, days: str = "") -> str:
    response = user_client.post(f"/chats/{chat_id}/shares", {"expires_in_days": days})
    assert response.status_code == 201
    return re.search(r'id="share-url" type="text" readonly value="([^"]+)"', response.content.decode()).group(1)


def test_it_shares_a_report_by_a_link_that_opens_only_that_report(user_client, visitor, report_id, user, vacancy,
                                                                  persona):
    other = finished_report(user, vacancy=vacancy, persona=persona, answers={})
    services.rename_chat(user_id=str(user.pk), chat_id=other, title="My secret other interview")
    url = _share_on_page(user_client, report_id)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40 and not ReportShare.objects.filter(token_hash__contains=token).exists()
    response = visitor.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "What is a database index?" in html and "2 of 3 questions answered" in html and "<svg" in html
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive" and response["Referrer-Policy"] == "no-referrer"
    # Nothing else of the owner's: not their name, their other chats, the chat itself, or owner actions.
    assert user.username not in html and "My secret other interview" not in html
    assert f"/chats/{report_id}" not in html and "retry-mistakes" not in html and "How was your interviewer" not in html
    assert visitor.get(f"/chats/{report_id}/").status_code == 302  # the link is no login
    assert ReportShare.objects.get().views == 1


def test_a_revoked_link_stops_working_and_the_owner_sees_it_revoked(user_client, visitor, report_id):
    url = _share_on_page(user_client, report_id)
    share = ReportShare.objects.get()
    assert "Works until revoked" in user_client.get(f"/chats/{report_id}/report").content.decode()
    response = user_client.post(f"/chats/shares/{share.pk}/revoke")
    assert response.status_code == 302
    page = user_client.get(f"/chats/{report_id}/report").content.decode()
    assert "Revoked" in page and "Works until revoked" not in page
    assert visitor.get(url).status_code == 404
    assert visitor.get(f"{url}report.pdf").status_code == 404


def test_an_expired_link_stops_working(user_client, visitor, report_id):
    url = _share_on_page(user_client, report_id, days="7")
    share = ReportShare.objects.get()
    assert timedelta(days=6) < share.expires_at - timezone.now() <= timedelta(days=7)
    assert visitor.get(url).status_code == 200
    ReportShare.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert visitor.get(url).status_code == 404
    assert "Expired" in user_client.get(f"/chats/{report_id}/report").content.decode()


def test_a_deleted_chat_takes_its_links_with_it(user_client, visitor, report_id, user):
    url = _share_on_page(user_client, report_id)
    services.delete_chat(user_id=str(user.pk), chat_id=report_id)
    assert visitor.get(url).status_code == 404


def test_a_made_up_token_is_a_404(visitor, report_id):
    assert visitor.get("/shared/" + "x" * 43 + "/").status_code == 404
    assert visitor.get("/api/shared/" + "x" * 43).status_code == 404


def test_another_users_report_cannot_be_shared_or_its_links_revoked(client, stranger, user_client, report_id,
                                                                    stranger_api):
    _share_on_page(user_client, report_id)
    share = ReportShare.objects.get()
    client.force_login(stranger)
    assert client.post(f"/chats/{report_id}/shares").status_code == 404
    assert client.post(f"/chats/shares/{share.pk}/revoke").status_code == 404
    assert client.get(f"/chats/{report_id}/report.pdf").status_code == 404
    assert client.get(f"/chats/{report_id}/transcript.md").status_code == 404
    assert stranger_api.post(f"/api/chats/{report_id}/shares").status_code == 404
    assert stranger_api.delete(f"/api/shares/{share.pk}").status_code == 404
    assert stranger_api.get("/api/shares").json() == []
    assert ReportShare.objects.get().state == "working"


def test_the_api_makes_lists_opens_and_revokes_links(api, anon_api, report_id):
    response = api.post(f"/api/chats/{report_id}/shares", {"expires_in_days": 30})
    assert response.status_code == 201
    made = response.json()
    assert made["state"] == "working" and made["url"].startswith("http://testserver/shared/")
    token = made["url"].rstrip("/").rsplit("/", 1)[1]
    shared = anon_api.get(f"/api/shared/{token}")
    assert shared.status_code == 200 and shared["X-Robots-Tag"].startswith("noindex")
    body = shared.json()
    assert body["status"] == "ready" and body["questions"][0]["score"] >= 7 and body["title"]
    assert [s["id"] for s in api.get("/api/shares", {"chat_id": report_id}).json()] == [made["id"]]
    assert "url" not in api.get("/api/shares").json()[0]  # shown once only
    assert api.delete(f"/api/shares/{made['id']}").status_code == 204
    assert anon_api.get(f"/api/shared/{token}").status_code == 404
    assert api.get("/api/shares").json()[0]["state"] == "revoked"


def test_bad_expiry_is_a_422_and_an_unscored_report_a_409(api, user, vacancy, persona, report_id):
    assert api.post(f"/api/chats/{report_id}/shares", {"expires_in_days": 0}).status_code == 422
    assert api.post(f"/api/chats/{report_id}/shares", {"expires_in_days": "soon"}).status_code == 422
    active = services.start_interview(user=user, vacancy_id=vacancy.pk, persona_id=persona.pk)
    response = api.post(f"/api/chats/{active['_id']}/shares")
    assert response.status_code == 409 and "scored report" in response.json()["detail"]
    assert api.get(f"/api/chats/{active['_id']}/report.pdf").status_code == 409


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_report_exports_to_a_pdf_with_the_scores_and_points(user_client, api, report_id, user):
    report = services.report(user_id=str(user.pk), chat_id=report_id)
    response = user_client.get(f"/chats/{report_id}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="') and ".pdf" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    strong, skipped, off_topic = report["questions"]
    assert f"Overall: {report['overall']}/10" in text and "1 of 3 questions answered" not in text
    assert "2 of 3 questions answered" in text
    assert f"{strong['score']}/10" in text and f"{off_topic['score']}/10" in text and "Not answered" in text
    assert "What you covered" in text and "What was missing" in text and "An index is a B-tree kept in sorted order" in text
    assert _pdf_text(api.get(f"/api/chats/{report_id}/report.pdf").content) == text


def test_a_russian_report_prints_in_russian(user_client, report_id, user):
    user.preferred_language = "ru"
    user.save(update_fields=["preferred_language"])
    text = _pdf_text(user_client.get(f"/chats/{report_id}/report.pdf").content)
    assert "Отчёт о собеседовании" in text and "Что вы раскрыли" in text


def test_a_shared_link_downloads_the_same_pdf(user_client, visitor, report_id):
    url = _share_on_page(user_client, report_id)
    response = visitor.get(f"{url}report.pdf")
    assert response.status_code == 200 and "noindex" in response["X-Robots-Tag"]
    assert "What is a database index?" in _pdf_text(response.content)


def test_the_transcript_exports_to_markdown(user_client, api, report_id, user):
    response = user_client.get(f"/chats/{report_id}/transcript.md")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/markdown")
    text = response.content.decode()
    messages = chats.chat_messages_for_report(chat_id=chats.parse_id(report_id))
    assert text.startswith("# Backend Developer")
    assert "**You:**" in text and STRONG in text and "I like hiking." in text
    assert "**Strict Tech Lead:**" in text and "What is a database index?" in text
    assert text.count("**You:**") == sum(m["role"] == "user" for m in messages)
    assert api.get(f"/api/chats/{report_id}/transcript.md").content.decode() == text


def test_an_operator_revokes_a_link_in_the_admin(admin_client, user_client, visitor, report_id):
    url = _share_on_page(user_client, report_id)
    share = ReportShare.objects.get()
    listing = admin_client.get("/admin/interviews/reportshare/").content.decode()
    assert report_id in listing and share.token_hash not in url
    response = admin_client.post("/admin/interviews/reportshare/", {"action": "revoke", "_selected_action": [share.pk]})
    assert response.status_code == 302
    assert visitor.get(url).status_code == 404


def test_a_tampered_expiry_is_refused_not_taken_as_never(user_client, report_id):
    response = user_client.post(f"/chats/{report_id}/shares", {"expires_in_days": "forever"}, follow=True)
    assert "A link can expire in 1 to 365 days, or never." in response.content.decode()
    assert not ReportShare.objects.exists()


def test_revoked_links_do_not_count_toward_the_limit(api, report_id, settings, monkeypatch):
    monkeypatch.setattr("interviews.sharing.SHARES_PER_CHAT_MAX", 2)
    first = api.post(f"/api/chats/{report_id}/shares").json()
    api.post(f"/api/chats/{report_id}/shares")
    refused = api.post(f"/api/chats/{report_id}/shares")
    assert refused.status_code == 409 and "revoke one" in refused.json()["detail"]
    api.delete(f"/api/shares/{first['id']}")
    assert api.post(f"/api/chats/{report_id}/shares").status_code == 201
