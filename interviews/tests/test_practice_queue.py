"""Weak questions come back on a 1, 3, 7, 14-day schedule; Practise now; the progress page and the allowance."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews import evaluation, plan, practice_now, services
from interviews.models import PracticeItem, PracticeSession
from interviews.tests.reports import answer, finished_report
from interviews.tests.test_practice import persona, vacancy  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

INDEX = ("An index is a B-tree kept sorted, so lookups and ORDER BY are fast. The price is slower writes, because "
         "every insert updates the index, and extra disk space.")
TESTING = ("Use the test client with factories. Assert on the status code and the content. Check permissions for "
           "a stranger.")
GOOD = {"What is a database index?": INDEX, "How do you test a Django view?": TESTING}


@pytest.fixture
def first_interview(user, vacancy, persona):
    """Index answered well, testing skipped, the conflict question answered off topic."""
    return finished_report(user, vacancy=vacancy, persona=persona, answers={0: INDEX, 2: "I like hiking."})


def _days_until_due(item: PracticeItem) -> int:
    return round((item.due_at - timezone.now()) / timedelta(days=1))


def _make_due(user) -> None:
    PracticeItem.objects.filter(user=user).update(due_at=timezone.now() - timedelta(minutes=1))


def _practise_due(user, answers: dict[str, str]) -> dict:
    """Practise now, answer the due questions whose text is in `answers`, finish and grade."""
    chat = practice_now.start_due_practice(user=user)
    for index, question in enumerate(plan.questions(chat)):
        if question["text"] in answers:
            answer(user, chat, index, answers[question["text"]])
    services.finish_interview(user=user, chat_id=str(chat["_id"]))
    evaluation.evaluate_chat(chat_id=str(chat["_id"]))
    return chat


def test_weak_and_skipped_questions_come_back_a_day_later(user, first_interview):
    items = {item.question["text"]: item for item in PracticeItem.objects.filter(user=user)}
    assert set(items) == {"How do you test a Django view?", "Tell me about a conflict in your team."}
    assert all(item.step == 0 and _days_until_due(item) == 1 for item in items.values())
    assert items["How do you test a Django view?"].last_score is None
    assert items["Tell me about a conflict in your team."].last_score <= 5


def test_good_answers_move_a_question_along_and_a_weak_one_starts_it_again(user, first_interview):
    testing = PracticeItem.objects.get(user=user, question__text="How do you test a Django view?")
    for expected_gap in (3, 7, 14):
        _make_due(user)
        _practise_due(user, {"How do you test a Django view?": TESTING})
        testing.refresh_from_db()
        assert testing.done_at is None and _days_until_due(testing) == expected_gap
    _make_due(user)
    _practise_due(user, {"How do you test a Django view?": "No idea."})  # weak: back to the start
    testing.refresh_from_db()
    assert testing.step == 0 and _days_until_due(testing) == 1
    for _step in range(4):
        _make_due(user)
        _practise_due(user, {"How do you test a Django view?": TESTING})
    testing.refresh_from_db()
    assert testing.done_at is not None
    assert testing not in PracticeItem.objects.for_owner(user).scheduled()


def test_grading_an_interview_again_moves_nothing_twice(user, first_interview):
    _make_due(user)
    chat = _practise_due(user, GOOD)
    steps = dict(PracticeItem.objects.values_list("key", "step"))
    evaluation.evaluate_chat(chat_id=str(chat["_id"]))
    assert dict(PracticeItem.objects.values_list("key", "step")) == steps
    assert PracticeSession.objects.filter(user=user).count() == 2


def test_practise_now_asks_only_the_due_questions(api, user, first_interview):
    assert api.post("/api/practice/start").status_code == 409  # due tomorrow, not now
    PracticeItem.objects.filter(user=user, question__text="How do you test a Django view?").update(
        due_at=timezone.now() - timedelta(minutes=1))
    response = api.post("/api/practice/start")
    assert response.status_code == 201
    assert response.json()["question_count"] == 1
    assert response.json()["current_question_text"] == "How do you test a Django view?"


def test_practise_now_counts_toward_the_daily_limit(api, user, first_interview, settings):
    _make_due(user)
    settings.CHATS_PER_DAY = 1  # the first interview used it
    response = api.post("/api/practice/start")
    assert response.status_code == 429 and response["Retry-After"]
    queue = api.get("/api/practice").json()
    assert queue["allowance"]["left"] == 0 and queue["allowance"]["used"] == 1
    assert queue["allowance"]["next_free_at"] is not None


def test_the_api_shows_the_queue_and_the_allowance_to_its_owner_only(api, stranger_api, first_interview):
    queue = api.get("/api/practice").json()
    assert queue["due_count"] == 0 and queue["scheduled_count"] == 2 and queue["intervals_days"] == [1, 3, 7, 14]
    assert {item["text"] for item in queue["upcoming"]} == {"How do you test a Django view?",
                                                           "Tell me about a conflict in your team."}
    assert queue["allowance"] == {**queue["allowance"], "limit": 20, "used": 1, "left": 19}
    assert stranger_api.get("/api/practice").json()["scheduled_count"] == 0
    assert stranger_api.post("/api/practice/start").status_code == 409


def test_the_dashboard_shows_what_is_due(user_client, user, first_interview):
    html = user_client.get("/").content.decode()
    assert "Nothing is due" in html and "19 of 20 interviews left today" in html
    _make_due(user)
    html = user_client.get("/").content.decode()
    assert "2 questions are due for practice" in html and 'action="/chats/practice"' in html
    response = user_client.post("/chats/practice")
    assert response.status_code == 302 and response["Location"].startswith("/chats/")
    assert "18 of 20 interviews left today" in user_client.get("/chats/new").content.decode()


def test_the_progress_page_charts_scores_per_topic_and_minutes_per_week(user_client, api, user, first_interview):
    _make_due(user)
    _practise_due(user, GOOD)
    html = user_client.get("/chats/progress").content.decode()
    assert html.count('class="progress-chart"') == 2 and "series-line series-0" in html
    assert "Testing" in html and "Behavioural" in html and "18 of 20 interviews left today" in html
    progress = api.get("/api/practice/progress").json()
    testing = next(series for series in progress["topics"] if series["topic"] == "Testing")
    assert [point["score"] for point in testing["points"]][-1] >= 6  # skipped the first time: only answered scores
    assert len(progress["weeks"]) == 8 and progress["weeks"][-1]["minutes"] >= 2
    assert sum(week["minutes"] for week in progress["weeks"]) == sum(
        PracticeSession.objects.filter(user=user).values_list("minutes", flat=True))
