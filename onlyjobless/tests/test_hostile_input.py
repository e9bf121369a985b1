"""Text no store can keep (NUL, lone surrogates), broken multipart and huge pages: a clear 4xx, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

NUL, SURROGATE = "a\x00b", "a\ud800b"


@pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "surrogate"])
def test_a_log_in_with_unstorable_text_is_a_422_naming_the_field(anon_api, bad):
    response = anon_api.post("/api/auth/token", {"username": bad, "password": "whatever1"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "username"
    assert response.json()["detail"].startswith("username: Contains a character that can't be stored")


@pytest.mark.parametrize("name", ["q", "skill", "location"])
def test_a_nul_in_a_search_is_a_422(api, name):
    response = api.get("/api/vacancies", {name: NUL})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == name


@pytest.mark.parametrize(("method", "path", "body", "field"), [
    ("patch", "/api/me", {"city": NUL}, "city"),
    ("patch", "/api/me", {"preferences": {"theme": SURROGATE}}, "preferences.theme"),
    ("put", "/api/resume", {"skills": ["Python", NUL]}, "skills.1"),
    ("post", "/api/salary/predict", {"title": SURROGATE}, "title"),
], ids=["city", "preferences", "resume", "salary"])
def test_every_json_body_refuses_unstorable_text(api, method, path, body, field):
    response = getattr(api, method)(path, body)
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == field


def test_a_vacancy_with_a_nul_is_refused_and_nothing_is_saved(employer_api):
    from vacancies.models import Vacancy

    response = employer_api.post("/api/vacancies", {"title": "Dev", "company": NUL, "description": "x"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "company"
    assert not Vacancy.objects.exists()


def test_a_message_with_a_nul_is_refused_and_the_chat_keeps_nothing(api, user):
    from interviews import chats, services

    chat = services.create_free_chat(user_id=str(user.pk), title="Practice")
    response = api.post(f"/api/chats/{chat['_id']}/messages", {"content": NUL})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "content"
    assert [m["role"] for m in chats.chat_messages_for_report(chat_id=chat["_id"])] == ["assistant"]  # the greeting


def test_ordinary_unicode_and_escapes_still_pass(api):
    response = api.patch("/api/me", {"city": "Москва 🚀 \t tab"})
    assert response.status_code == 200 and response.json()["city"] == "Москва 🚀 \t tab"


def test_a_multipart_upload_without_a_boundary_is_a_400(api):
    response = api.post("/api/resume/upload", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "multipart" in response.json()["detail"].lower()


def test_a_page_number_past_any_integer_is_a_422_not_a_500(api):
    response = api.get("/api/salary/history", {"page": "99999999999999999999"})
    assert response.status_code == 422
