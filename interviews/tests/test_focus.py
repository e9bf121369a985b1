"""Practising the skills a resume is missing: "For you" → vacancy page → an interview built around them."""

import pytest

from interviews import chats
from interviews.plan import FOCUS_OTHER_QUESTIONS
from resumes.models import Resume
from vacancies.tests.factories import PersonaFactory, VacancyFactory

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"text": "Tell me about yourself.", "topic": "Introduction", "ideal_answer": "Role, wins, why this job."},
    {"text": "How do you keep a Docker image small?", "topic": "Containers", "ideal_answer": "Multi-stage builds."},
    {"text": "What is a database index?", "topic": "Databases", "ideal_answer": "A B-tree; faster reads."},
    {"text": "How do you test a view?", "topic": "Testing", "ideal_answer": "Test client and factories."},
    {"text": "Describe a conflict.", "topic": "Behavioural", "ideal_answer": "STAR."},
]


@pytest.fixture
def vacancy(db):
    PersonaFactory()
    return VacancyFactory(title="Platform Engineer", skills=["Python", "Docker", "Kubernetes"], questions=QUESTIONS)


def plan_of(mongo_db, chat_id):
    return [q["text"] for q in mongo_db.chats.find_one({"_id": chats.parse_id(chat_id)})["plan"]["questions"]]


def test_the_plan_leads_with_the_focus_skills_and_adds_a_question_for_an_uncovered_one(api, vacancy, mongo_db):
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk, "focus_skills": ["Docker", "Kubernetes"]})
    assert response.status_code == 201

    plan = plan_of(mongo_db, response.json()["id"])
    assert plan[0] == "How do you keep a Docker image small?"
    assert plan[1].startswith("This role needs Kubernetes.")
    assert len(plan) == 2 + FOCUS_OTHER_QUESTIONS
    assert response.json()["question_count"] == len(plan)


def test_without_focus_the_whole_question_set_is_asked(api, vacancy, mongo_db):
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk})
    assert len(plan_of(mongo_db, response.json()["id"])) == len(QUESTIONS)


@pytest.mark.parametrize("focus", [[f"skill{i}" for i in range(11)], "Docker", [1, 2]])
def test_bad_focus_lists_are_refused(api, vacancy, focus, mongo_db):
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk, "focus_skills": focus})
    assert response.status_code == 422
    assert response.json()["detail"]
    assert mongo_db.chats.count_documents({}) == 0


def test_missing_skills_on_for_you_lead_to_a_focused_practice(user_client, user, vacancy, mongo_db):
    Resume.objects.create(user=user, skills=["Python"])
    matches = user_client.get("/resume/matches").content.decode()
    assert f"/vacancies/{vacancy.pk}/?focus=Docker&amp;focus=Kubernetes" in matches

    page = user_client.get(f"/vacancies/{vacancy.pk}/?focus=Docker&focus=Kubernetes&focus=Cobol").content.decode()
    assert 'name="focus" value="Docker" checked' in page and 'value="Kubernetes" checked' in page
    assert 'value="Cobol"' not in page  # only the vacancy's own skills

    persona_id = PersonaFactory().pk
    response = user_client.post("/chats/new", {"vacancy_id": vacancy.pk, "persona_id": persona_id, "focus": ["Kubernetes"]})
    assert response.status_code == 302
    assert plan_of(mongo_db, response["Location"].strip("/").split("/")[-1])[0].startswith("This role needs Kubernetes.")


def test_a_short_skill_name_matches_whole_words_only(api, mongo_db):
    PersonaFactory()
    vacancy = VacancyFactory(title="Backend", skills=["Go"], questions=[
        {"text": "What makes a good code review?", "topic": "Teamwork", "ideal_answer": "Kind, specific."},
        {"text": "How do goroutines talk in Go?", "topic": "Concurrency", "ideal_answer": "Channels."},
    ])
    response = api.post("/api/chats", {"vacancy_id": vacancy.pk, "focus_skills": ["Go"]})
    plan = plan_of(mongo_db, response.json()["id"])
    assert plan[0] == "How do goroutines talk in Go?"  # "good" is not a question about Go
