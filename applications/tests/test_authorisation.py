"""Who may do what, for every endpoint and page: the vacancy's owner, another employer, a candidate who
did not apply, the applicant, and an anonymous visitor. Someone else's application is always a 404."""

import pytest
from django.test import Client

from applications.models import Application
from conftest import ApiClient

pytestmark = pytest.mark.django_db

ROLES = ["owner", "other_employer", "candidate", "applicant", "anonymous"]


@pytest.fixture
def apis(employer_api, other_employer_api, stranger_api, api, application):
    return {"owner": employer_api, "other_employer": other_employer_api, "candidate": stranger_api,
            "applicant": api, "anonymous": ApiClient(Client())}


@pytest.fixture
def browsers(employer, other_employer, stranger, user, application):
    clients = {}
    for role, person in [("owner", employer), ("other_employer", other_employer), ("candidate", stranger),
                         ("applicant", user), ("anonymous", None)]:
        clients[role] = Client()
        if person is not None:
            clients[role].force_login(person)
    return clients


API_MATRIX = [
    # (method, path, body, {role: status})
    ("post", "/api/vacancies/{vacancy}/apply", None,
     {"owner": 403, "other_employer": 403, "candidate": 201, "applicant": 409, "anonymous": 401}),
    ("get", "/api/applications", None,
     {"owner": 200, "other_employer": 200, "candidate": 200, "applicant": 200, "anonymous": 401}),
    ("get", "/api/vacancies/{vacancy}/applications", None,
     {"owner": 200, "other_employer": 404, "candidate": 404, "applicant": 404, "anonymous": 401}),
    ("get", "/api/applications/{application}", None,
     {"owner": 200, "other_employer": 404, "candidate": 404, "applicant": 404, "anonymous": 401}),
    ("patch", "/api/applications/{application}", {"status": "approved", "message": "Welcome!"},
     {"owner": 200, "other_employer": 404, "candidate": 404, "applicant": 404, "anonymous": 401}),
    ("post", "/api/applications/{application}/assess", None,
     {"owner": 202, "other_employer": 404, "candidate": 404, "applicant": 404, "anonymous": 401}),
    ("post", "/api/applications/{application}/screening", None,
     {"owner": 404, "other_employer": 404, "candidate": 404, "applicant": 200, "anonymous": 401}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "expected"), API_MATRIX,
                         ids=[f"{m} {p}" for m, p, _b, _e in API_MATRIX])
def test_the_api_answers_each_role(apis, application, role, method, path, body, expected):
    url = path.format(vacancy=application.vacancy_id, application=application.pk)
    client = apis[role]
    response = getattr(client, method)(url, body) if body is not None else getattr(client, method)(url)
    assert response.status_code == expected[role], response.content
    application.refresh_from_db()
    if expected[role] >= 400 and method == "patch":
        assert application.status == "in_chat" and application.message == ""


@pytest.mark.parametrize("role", ROLES)
def test_only_the_applicant_sees_their_application_in_their_list(apis, application, role):
    response = apis[role].get("/api/applications")
    if role == "anonymous":
        assert response.status_code == 401
    else:
        assert [item["id"] for item in response.json()["items"]] == ([application.pk] if role == "applicant" else [])


def test_the_owner_sees_the_transcript_and_nobody_else_reads_it(apis, application):
    apis["applicant"].post(f"/api/chats/{application.chat_id}/messages", {"content": "Three years of PostgreSQL."})
    detail = apis["owner"].get(f"/api/applications/{application.pk}").json()
    greeting, answer, _reply = detail["transcript"]
    assert greeting["role"] == "assistant" and greeting["kind"] == "greeting" and greeting["question"] is None
    assert answer["content"] == "Three years of PostgreSQL." and "PostgreSQL" in answer["question"]
    assert detail["candidate"]["username"] == "alice" and detail["resume"]["skills"] == ["Python", "Django"]
    for role in ("other_employer", "candidate", "applicant"):
        assert "transcript" not in apis[role].get(f"/api/applications/{application.pk}").json()


def test_an_application_reads_only_its_candidates_screening_chat(apis, stranger, application):
    apis["applicant"].post(f"/api/chats/{application.chat_id}/messages", {"content": "Three years of PostgreSQL."})
    practice = apis["candidate"].post("/api/chats", {}).json()["id"]  # the stranger's own coach chat
    # Rows pointing at another candidate's screening, or at a chat that is not a screening, read nothing.
    borrowed = Application.objects.create(candidate=stranger, vacancy=application.vacancy, status="in_chat",
                                          chat_id=application.chat_id)
    assert apis["owner"].get(f"/api/applications/{borrowed.pk}").json()["transcript"] == []
    Application.objects.filter(pk=borrowed.pk).update(chat_id=practice)
    assert apis["owner"].get(f"/api/applications/{borrowed.pk}").json()["transcript"] == []
    assert len(apis["owner"].get(f"/api/applications/{application.pk}").json()["transcript"]) == 3


PAGE_MATRIX = [
    ("get", "/applications/", {"owner": 302, "other_employer": 302, "candidate": 200, "applicant": 200,
                               "anonymous": "login"}),
    ("get", "/applications/vacancy/{vacancy}/", {"owner": 200, "other_employer": 404, "candidate": 404,
                                                  "applicant": 404, "anonymous": "login"}),
    ("get", "/applications/{application}/", {"owner": 200, "other_employer": 404, "candidate": 404,
                                             "applicant": 404, "anonymous": "login"}),
    ("post", "/applications/{application}/decide", {"owner": 302, "other_employer": 404, "candidate": 404,
                                                    "applicant": 404, "anonymous": "login"}),
    ("post", "/applications/{application}/assess", {"owner": 302, "other_employer": 404, "candidate": 404,
                                                    "applicant": 404, "anonymous": "login"}),
    ("post", "/applications/{application}/screening", {"owner": 404, "other_employer": 404, "candidate": 404,
                                                       "applicant": 302, "anonymous": "login"}),
    ("post", "/applications/apply/{vacancy}/", {"owner": 403, "other_employer": 403, "candidate": 302,
                                                "applicant": 302, "anonymous": "login"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), PAGE_MATRIX, ids=[f"{m} {p}" for m, p, _e in PAGE_MATRIX])
def test_the_pages_answer_each_role(browsers, application, role, method, path, expected):
    url = path.format(vacancy=application.vacancy_id, application=application.pk)
    client = browsers[role]
    response = client.post(url, {"status": "rejected"}) if method == "post" else client.get(url)
    if expected[role] == "login":
        assert response.status_code == 302 and response.url.startswith("/accounts/login")
    else:
        assert response.status_code == expected[role]
    application.refresh_from_db()
    if expected[role] != 302 and "decide" in path:
        assert application.status == "in_chat"


def test_another_employers_vacancy_id_and_a_missing_one_look_the_same(other_employer_api, employer_api, application):
    foreign = other_employer_api.get(f"/api/vacancies/{application.vacancy_id}/applications")
    missing = employer_api.get("/api/vacancies/999999/applications")
    assert foreign.status_code == missing.status_code == 404
    assert other_employer_api.get("/api/applications/999999").status_code == 404
    assert Application.objects.count() == 1
