"""A candidate's dashboard says what to do next (add a resume → practise for a vacancy → read the report),
shows no 0% matches, and once reports are scored, the last score and how it moved."""

from datetime import UTC, datetime, timedelta

import pytest

from applications.models import Application
from interviews import chats
from resumes.models import Resume
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def current_step(html: str) -> str:
    start = html.index('aria-current="step"')
    return html[start:html.index("</li>", start)]


def practice_chat(user, *, minutes_ago: int, status: str = "active", overall: float | None = None,
                  kind: str = "practice") -> str:
    when = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    evaluation = None if overall is None else {"status": "ready", "overall": overall, "questions": []}
    chat = chats.new_chat_document(user_id=str(user.pk), title=f"Interview {minutes_ago}", kind=kind,
                                   system_prompt="", extra={"status": status, "evaluation": evaluation,
                                                            "created_at": when, "updated_at": when})
    chats.insert_chat(chat)
    return str(chat["_id"])


def test_a_new_account_is_told_to_add_a_resume_and_sees_no_zero_percent(user_client):
    for title in ("Data Analyst", "DevOps Engineer", "Backend Engineer"):
        VacancyFactory(title=title)

    html = user_client.get("/").content.decode()

    step = current_step(html)
    assert "Add your resume" in step and 'href="/resume/"' in step and "button-primary" in step
    assert "0%" not in html
    assert "Your last score" not in html


def test_with_a_resume_the_next_step_is_practising_the_best_match(user_client, user, employer):
    Resume.objects.create(user=user, skills=["Python", "SQL"])
    best = VacancyFactory(title="Data Engineer", skills=["Python", "SQL"])
    applied = VacancyFactory(title="Applied role", skills=["Python", "SQL"], owner=employer)
    Application.objects.create(candidate=user, vacancy=applied)

    html = user_client.get("/").content.decode()

    step = current_step(html)
    assert "Practise for a vacancy" in step
    assert f'href="/vacancies/{best.pk}/#practice-title"' in step
    assert "step-done" in html  # the resume step
    for_you = html[html.index("For you"):html.index("Your applications")]
    assert "Data Engineer" in for_you and "Applied role" not in for_you


def test_an_unfinished_interview_makes_finishing_it_the_next_step(user_client, user):
    Resume.objects.create(user=user, skills=["Python"])
    chat_id = practice_chat(user, minutes_ago=5)

    step = current_step(user_client.get("/").content.decode())

    assert "Read your report" in step and f'href="/chats/{chat_id}/"' in step and "Continue the interview" in step


def test_a_finished_interview_being_scored_points_at_its_report(user_client, user):
    Resume.objects.create(user=user, skills=["Python"])
    chat_id = practice_chat(user, minutes_ago=5, status="finished")

    step = current_step(user_client.get("/").content.decode())

    assert "being scored" in step and f'href="/chats/{chat_id}/report"' in step


def test_reports_show_the_last_score_and_its_rise(user_client, user):
    Resume.objects.create(user=user, skills=["Python"])
    practice_chat(user, minutes_ago=60, status="finished", overall=5.5)
    last = practice_chat(user, minutes_ago=10, status="finished", overall=7)
    practice_chat(user, minutes_ago=1, kind="free")  # a free chat has no report and changes nothing

    html = user_client.get("/").content.decode()

    assert 'aria-current="step"' not in html  # every step done
    assert "Keep practising" in html
    score = html[html.index("Your last score"):]
    assert "7<small>/10</small>" in score and "↑ +1.5" in score
    assert f'href="/chats/{last}/report"' in score


def test_a_drop_and_a_first_score_are_said_too(user_client, user):
    Resume.objects.create(user=user, skills=["Python"])
    practice_chat(user, minutes_ago=60, status="finished", overall=8)
    assert "your first scored interview" in user_client.get("/").content.decode()

    practice_chat(user, minutes_ago=10, status="finished", overall=6.5)
    assert "↓ -1.5" in user_client.get("/").content.decode()


def test_mongodb_down_still_shows_the_resume_step(user_client, mongodb_down):
    html = user_client.get("/").content.decode()

    assert "Add your resume" in current_step(html)
