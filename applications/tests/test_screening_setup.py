"""The employer's own screening: questions with rubrics (or suggestions), versioned so that a running or
finished screening keeps its questions and blend; the relevance blend within 50-90 % answers."""

import pytest
from django.test import Client

from applications import assessment
from applications.models import Application, ScreeningVersion
from applications.tests.helpers import answer, assessment_json
from interviews import chats
from vacancies.tests.factories import VacancyFactory, question

pytestmark = pytest.mark.django_db

OWN = [
    {"text": "How would you roll out a schema change with zero downtime?", "topic": "Migrations",
     "ideal_answer": "Expand and contract: add nullable columns, backfill in batches, switch reads, then drop.",
     "key_points": ["Adds before it removes", "Backfills in batches", "Switches reads last"]},
    {"text": "How do you find a slow query in production?", "topic": "Performance",
     "ideal_answer": "pg_stat_statements, EXPLAIN ANALYZE, then an index for the filter and order.",
     "key_points": ["Measures first", "Reads the plan", "Indexes the filter and order", "Checks the fix"]},
]


@pytest.fixture
def employer_client(employer):
    browser = Client()
    browser.force_login(employer)
    return browser


def _plan(user, application) -> list[dict]:
    return chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(application.chat_id))["plan"]["questions"]


def test_candidates_are_screened_with_the_employers_questions_and_a_change_spares_running_screenings(
        employer_api, api, user, resume, vacancy):
    response = employer_api.put(f"/api/vacancies/{vacancy.pk}/screening", {"answers_weight": 80, "questions": OWN})
    assert response.status_code == 200 and response.json()["version"] == 1
    application = Application.objects.get(pk=api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"])
    planned = _plan(user, application)
    assert [q["text"] for q in planned] == [q["text"] for q in OWN]
    assert planned[1]["key_points"] == OWN[1]["key_points"] and planned[0]["ideal_answer"] == OWN[0]["ideal_answer"]

    changed = [{**OWN[0], "text": "Tell me about a migration that went wrong."}]
    assert employer_api.put(f"/api/vacancies/{vacancy.pk}/screening",
                            {"answers_weight": 50, "questions": changed}).json()["version"] == 2
    assert [q["text"] for q in _plan(user, application)] == [q["text"] for q in OWN]
    application.refresh_from_db()
    assert application.screening_version.version == 1 and application.answers_weight == 80
    assert ScreeningVersion.objects.get(vacancy=vacancy, version=1).questions == OWN


def test_the_blend_in_force_when_the_candidate_applied_scores_them(settings, employer_api, api, resume, vacancy,
                                                                   fake_ollama):
    settings.LLM_GRADING = True
    employer_api.put(f"/api/vacancies/{vacancy.pk}/screening", {"answers_weight": 90, "questions": OWN})
    application = Application.objects.get(pk=api.post(f"/api/vacancies/{vacancy.pk}/apply").json()["id"])
    employer_api.put(f"/api/vacancies/{vacancy.pk}/screening", {"answers_weight": 50, "questions": OWN})
    for content in ("Expand, backfill in batches, then switch reads and drop.", "EXPLAIN ANALYZE, then an index."):
        answer(api, application.chat_id, content)
    fake_ollama.add_reply(assessment_json(80))
    token = Application.objects.get(pk=application.pk).assessment_queued_at
    scored = assessment.assess(application_id=application.pk, queued_at=token)
    assert scored.relevance_score == round(0.9 * 80 + 0.1 * application.skill_match)  # 76 with 40 % skills


@pytest.mark.parametrize(("weight", "status"), [(49, 422), (50, 200), (90, 200), (91, 422)])
def test_the_answers_weight_stays_within_50_and_90(employer_api, vacancy, weight, status):
    assert employer_api.put(f"/api/vacancies/{vacancy.pk}/screening", {"answers_weight": weight}).status_code == status


@pytest.mark.parametrize("change", [{"key_points": ["one", "two"]}, {"key_points": [str(n) for n in range(7)]},
                                    {"ideal_answer": ""}, {"text": ""}])
def test_a_question_needs_its_rubric(employer_api, vacancy, change):
    response = employer_api.put(f"/api/vacancies/{vacancy.pk}/screening", {"questions": [{**OWN[0], **change}]})
    assert response.status_code == 422 and not ScreeningVersion.objects.exists()


def test_another_employers_screening_is_404(other_employer_api, rival_client, vacancy):
    assert other_employer_api.get(f"/api/vacancies/{vacancy.pk}/screening").status_code == 404
    assert other_employer_api.put(f"/api/vacancies/{vacancy.pk}/screening", {"questions": OWN}).status_code == 404
    assert other_employer_api.get(f"/api/vacancies/{vacancy.pk}/screening/suggestions").status_code == 404
    assert rival_client.get(f"/applications/vacancy/{vacancy.pk}/screening").status_code == 404
    assert rival_client.post(f"/applications/vacancy/{vacancy.pk}/screening", {}).status_code == 404


@pytest.fixture
def rival_client(other_employer):
    browser = Client()
    browser.force_login(other_employer)
    return browser


def test_suggestions_come_from_the_question_bank_with_rubrics(employer_api, employer, screening_persona):
    vacancy = VacancyFactory(owner=employer, skills=["Python"], questions=[
        {**question("What does the GIL do?", "Python", "It lets one thread run Python bytecode at a time."),
         "key_points": ["One thread at a time", "Released on I/O", "Processes for CPU work"]}])
    items = employer_api.get(f"/api/vacancies/{vacancy.pk}/screening/suggestions").json()["items"]
    assert items[0]["text"] == "What does the GIL do?"
    assert len(items) >= 5 and all(3 <= len(item["key_points"]) <= 6 and item["ideal_answer"] for item in items)


def test_the_page_saves_questions_from_suggestions_and_explains_the_blend(employer_client, vacancy):
    page = employer_client.get(f"/applications/vacancy/{vacancy.pk}/screening?suggest=1").content.decode()
    assert "scores 68." in page and "Experience" in page  # 0.7 × 80 + 0.3 × 40 at the default weight
    data = {"answers_weight": "60", "q-TOTAL_FORMS": "2", "q-INITIAL_FORMS": "0"}
    data.update({f"q-0-{name}": value for name, value in OWN[0].items() if name != "key_points"})
    data["q-0-key_points"] = "\n".join(OWN[0]["key_points"])
    response = employer_client.post(f"/applications/vacancy/{vacancy.pk}/screening", data, follow=True)
    assert "Screening saved as version 1." in response.content.decode()
    saved = ScreeningVersion.objects.get(vacancy=vacancy)
    assert saved.answers_weight == 60 and saved.questions == [OWN[0]]


def test_the_page_shows_a_weight_out_of_bounds_as_a_form_error(employer_client, vacancy):
    response = employer_client.post(f"/applications/vacancy/{vacancy.pk}/screening",
                                    {"answers_weight": "95", "q-TOTAL_FORMS": "0", "q-INITIAL_FORMS": "0"})
    assert response.status_code == 400 and "less than or equal to 90" in response.content.decode()
    assert not ScreeningVersion.objects.exists()
