"""Applying: once per vacancy, only to published employers' vacancies, and never lost when MongoDB is down."""

import pytest

from applications import screening, services
from applications.models import Application
from interviews import chats
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_it_applies_and_opens_the_screening_chat(api, user, vacancy, resume):
    response = api.post(f"/api/vacancies/{vacancy.pk}/apply")
    assert response.status_code == 201
    body = response.json()
    application = Application.objects.get(pk=body["id"])
    assert body == {"id": application.pk, "status": "in_chat", "chat_id": application.chat_id}
    assert application.skill_match == 40  # Python and Django of five skills
    chat = chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(application.chat_id))
    assert chat["kind"] == "screening" and chat["vacancy_id"] == vacancy.pk and chat["status"] == "active"
    assert "Acme" in chat["system_prompt"] and "Kubernetes" in chat["system_prompt"]
    assert "four years" not in chat["system_prompt"]  # the resume never reaches the system prompt
    greeting = chats.list_messages(chat_id=chat["_id"], limit=5)[0]
    assert greeting["kind"] == "greeting" and chat["plan"]["questions"][0]["text"] in greeting["content"]


def test_a_second_apply_is_a_conflict_and_keeps_one_row(api, vacancy, application):
    response = api.post(f"/api/vacancies/{vacancy.pk}/apply")
    assert response.status_code == 409
    assert response.json()["detail"] == "You have already applied to this vacancy."
    assert Application.objects.count() == 1


def test_the_service_turns_the_unique_constraint_into_a_409(user, vacancy):
    from applications import services

    Application.objects.create(candidate=user, vacancy=vacancy)
    with pytest.raises(services.ApplicationError) as error:
        services.apply(candidate=user, vacancy_id=vacancy.pk)
    assert error.value.status == 409 and Application.objects.count() == 1


def test_an_unpublished_vacancy_is_not_found(api, employer):
    draft = VacancyFactory(owner=employer, is_published=False)
    assert api.post(f"/api/vacancies/{draft.pk}/apply").status_code == 404
    assert api.post("/api/vacancies/999999/apply").status_code == 404
    assert not Application.objects.exists()


def test_employers_cannot_apply_even_to_their_own_vacancy(employer_api, other_employer_api, vacancy):
    assert employer_api.post(f"/api/vacancies/{vacancy.pk}/apply").status_code == 403
    assert other_employer_api.post(f"/api/vacancies/{vacancy.pk}/apply").status_code == 403


def test_a_catalogue_vacancy_has_no_employer_to_apply_to(api, db):
    catalogue = VacancyFactory(owner=None)
    response = api.post(f"/api/vacancies/{catalogue.pk}/apply")
    assert response.status_code == 400 and "practice" in response.json()["detail"]


def test_anonymous_apply_is_401(anon_api, vacancy):
    assert anon_api.post(f"/api/vacancies/{vacancy.pk}/apply").status_code == 401


def test_without_a_resume_every_skill_is_a_gap(api, vacancy):
    application = Application.objects.get(pk=api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"])
    assert application.skill_match == 0


def test_when_mongodb_is_down_the_application_stays_new_and_starts_later(api, user, vacancy, resume, monkeypatch,
                                                                         mongo_db):
    def down(*args, **kwargs):
        raise chats.ChatsUnavailable("connection refused")

    monkeypatch.setattr(chats, "insert_chat", down)
    response = api.post(f"/api/vacancies/{vacancy.pk}/apply")
    assert response.status_code == 201
    assert response.json()["status"] == "new" and response.json()["chat_id"] is None
    application = Application.objects.get()
    assert application.status == "new" and application.skill_match == 40

    assert api.post(f"/api/applications/{application.pk}/screening").status_code == 503
    monkeypatch.undo()
    response = api.post(f"/api/applications/{application.pk}/screening")
    assert response.status_code == 200 and response.json()["status"] == "in_chat"
    application.refresh_from_db()
    assert chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(application.chat_id))["kind"] == "screening"
    # Starting again returns the same chat rather than a second one.
    assert api.post(f"/api/applications/{application.pk}/screening").json()["chat_id"] == application.chat_id
    assert mongo_db.chats.count_documents({"kind": "screening"}) == 1


def test_the_candidate_lists_their_applications_without_the_employers_score(api, application):
    Application.objects.filter(pk=application.pk).update(relevance_score=77, strengths=[{"text": "x", "evidence": ""}])
    body = api.get("/api/applications").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["status"] == "in_chat" and item["vacancy"]["title"] == "Backend Developer"
    assert item["chat_id"] == application.chat_id
    assert "relevance_score" not in item and "strengths" not in item and "rejection_reasons" not in item


def test_the_plan_asks_gaps_first_then_matched_skills_then_motivation(vacancy):
    plan = screening.build_plan(vacancy=vacancy, matched_skills=["Python", "Django"],
                                missing_skills=["PostgreSQL", "Docker", "Kubernetes"])
    assert [q["topic"] for q in plan] == ["PostgreSQL", "Docker", "Kubernetes", "Python", "Experience", "Motivation"]
    assert [q["gap"] for q in plan[:4]] == [True, True, True, False]
    assert "does not mention" in plan[0]["text"] and "Acme" in plan[-1]["text"]
    assert len({q["id"] for q in plan}) == len(plan)


@pytest.mark.parametrize(("matched", "missing", "expected"), [
    ([], [], 4), (["Python"], [], 4), ([], ["Go"], 4), (["Python"], ["Go"], 4), (["A", "B"], ["C"], 5),
    (["A", "B", "C", "D", "E"], [], 6), ([], ["A", "B", "C", "D", "E"], 6), (["A", "B", "C"], ["D", "E", "F"], 6),
])
def test_the_plan_has_four_to_six_questions(vacancy, matched, missing, expected):
    plan = screening.build_plan(vacancy=vacancy, matched_skills=matched, missing_skills=missing)
    assert len(plan) == expected
    assert plan[-1]["topic"] == "Motivation"


def test_a_russian_vacancy_gets_russian_questions(employer, screening_persona):
    vacancy = VacancyFactory(owner=employer, language="ru", company="Ромашка", skills=["Python"])
    plan = screening.build_plan(vacancy=vacancy, matched_skills=[], missing_skills=["Python"])
    assert "В вакансии требуется Python" in plan[0]["text"] and "Ромашка" in plan[-1]["text"]


def test_a_greeting_that_cannot_be_saved_leaves_no_empty_screening_chat(api, user, vacancy, resume, monkeypatch,
                                                                        mongo_db):
    """The store fails between the chat and its first message: the candidate sees no chat, and can start it later."""
    from pymongo.collection import Collection
    from pymongo.errors import AutoReconnect

    real_insert = Collection.insert_one

    def messages_down(self, document, *args, **kwargs):
        if self.name == "messages":
            raise AutoReconnect("connection reset")
        return real_insert(self, document, *args, **kwargs)

    monkeypatch.setattr(Collection, "insert_one", messages_down)
    response = api.post(f"/api/vacancies/{vacancy.pk}/apply")
    assert response.status_code == 201 and response.json()["status"] == "new"
    assert api.get("/api/chats").json()["items"] == []
    assert mongo_db.chats.count_documents({}) == 0
    monkeypatch.undo()
    application = Application.objects.get()
    assert api.post(f"/api/applications/{application.pk}/screening").json()["status"] == "in_chat"
    assert len(api.get("/api/chats").json()["items"]) == 1


@pytest.mark.django_db(transaction=True)
def test_an_application_that_cannot_record_its_chat_discards_it(api, user, vacancy, resume, monkeypatch, mongo_db):
    from django.db import DatabaseError

    real_save = Application.save

    def save_fails(self, *args, **kwargs):
        if "chat_id" in (kwargs.get("update_fields") or ()):
            raise DatabaseError("server closed the connection unexpectedly")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Application, "save", save_fails)
    application = Application.objects.create(candidate=user, vacancy=vacancy)
    with pytest.raises(DatabaseError):
        services.open_screening(application_id=application.pk)
    assert mongo_db.chats.count_documents({}) == 0 and mongo_db.messages.count_documents({}) == 0
