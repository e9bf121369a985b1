"""Rating an interviewer after a chat, and the staff-only export of consented feedback."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from accounts.tests.factories import UserFactory
from conftest import ApiClient, token_for
from interviews.feedback import AlreadyRated, InvalidFeedback, rate_persona
from interviews.models import Feedback, Persona
from vacancies.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona():
    return PersonaFactory(name="Emma")


@pytest.fixture
def staff_api(db):
    return ApiClient(Client(), token_for(UserFactory(username="ml_staff", is_staff=True)))


def test_it_records_feedback_and_updates_the_mean(user, stranger, persona):
    feedback = rate_persona(user=user, persona=persona, chat_id="a" * 24, rating=5, comment=" Great! ",
                            allow_training=True)
    rate_persona(user=stranger, persona=persona, chat_id="b" * 24, rating=2)
    rate_persona(user=user, persona=persona, chat_id="c" * 24, rating=4)

    assert (feedback.rating, feedback.comment, feedback.allow_training, feedback.processed) == (5, "Great!", True, False)
    persona.refresh_from_db()
    assert (persona.rating, persona.ratings_count, persona.ratings_sum) == (Decimal("3.67"), 3, 11)


def test_the_passed_persona_sees_its_new_mean(user, persona):
    rate_persona(user=user, persona=persona, chat_id="a" * 24, rating=4)
    assert (persona.rating, persona.ratings_count) == (Decimal("4.00"), 1)


def test_a_second_rating_of_the_same_chat_is_a_conflict_and_changes_nothing(user, persona):
    rate_persona(user=user, persona=persona, chat_id="a" * 24, rating=5)

    with pytest.raises(AlreadyRated) as raised:
        rate_persona(user=user, persona=persona, chat_id="a" * 24, rating=1)

    assert raised.value.status == 409
    persona.refresh_from_db()
    assert (persona.rating, persona.ratings_count, Feedback.objects.count()) == (Decimal("5.00"), 1, 1)


@pytest.mark.parametrize("rating", [0, 6, -1, 3.5, "5", True])
def test_it_refuses_a_rating_outside_one_to_five(user, persona, rating):
    with pytest.raises(InvalidFeedback):
        rate_persona(user=user, persona=persona, chat_id="a" * 24, rating=rating)
    assert not Feedback.objects.exists()


def test_it_refuses_an_overlong_comment(user, persona):
    with pytest.raises(InvalidFeedback):
        rate_persona(user=user, persona=persona, chat_id="a" * 24, rating=3, comment="x" * 2001)


@pytest.mark.django_db(transaction=True)
def test_concurrent_ratings_are_never_lost():
    persona = PersonaFactory()
    user = UserFactory()
    ratings = [1, 2, 3, 4, 5, 5, 4, 3, 5, 1]
    barrier = threading.Barrier(len(ratings))
    errors = []

    def rate(chat_id, rating):
        try:
            barrier.wait(timeout=10)
            rate_persona(user=user, persona=Persona.objects.get(pk=persona.pk), chat_id=chat_id, rating=rating)
        except Exception as error:  # surfaced below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=rate, args=(f"chat{n}", rating)) for n, rating in enumerate(ratings)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    persona.refresh_from_db()
    assert (persona.ratings_count, persona.ratings_sum) == (10, 33)
    assert persona.rating == Decimal("3.30")
    assert Feedback.objects.count() == 10


def _feedback(persona, user, *, allow_training=True, processed=False, rating=4):
    return Feedback.objects.create(user=user, persona=persona, chat_id=f"chat{Feedback.objects.count()}",
                                   rating=rating, comment="Useful", allow_training=allow_training, processed=processed)


def test_staff_export_consented_feedback_without_who_wrote_it(staff_api, user, persona):
    fresh = _feedback(persona, user)
    done = _feedback(persona, user, processed=True)
    _feedback(persona, user, allow_training=False)

    everything = staff_api.get("/api/ml/feedback").json()["items"]
    unprocessed = staff_api.get("/api/ml/feedback", {"processed": "false"}).json()["items"]

    assert [item["id"] for item in everything] == [fresh.pk, done.pk]
    assert [item["id"] for item in unprocessed] == [fresh.pk]
    assert unprocessed[0] == {
        "id": fresh.pk, "persona_id": persona.pk, "persona_slug": persona.slug, "chat_id": fresh.chat_id, "rating": 4,
        "comment": "Useful", "allow_training": True, "processed": False, "created_at": unprocessed[0]["created_at"],
    }


def test_staff_mark_feedback_processed_and_the_next_export_moves_on(staff_api, user, persona):
    first, second = _feedback(persona, user), _feedback(persona, user)
    not_consented = _feedback(persona, user, allow_training=False)

    response = staff_api.post("/api/ml/feedback/mark-processed", {"ids": [first.pk, not_consented.pk, 999999]})

    assert response.json() == {"updated": 1}
    unprocessed = staff_api.get("/api/ml/feedback", {"processed": "false"}).json()["items"]
    assert [item["id"] for item in unprocessed] == [second.pk]
    not_consented.refresh_from_db()
    assert not not_consented.processed


def test_the_export_limit_is_bounded(staff_api, user, persona):
    for _ in range(3):
        _feedback(persona, user)
    assert len(staff_api.get("/api/ml/feedback", {"limit": 2}).json()["items"]) == 2
    assert staff_api.get("/api/ml/feedback", {"limit": 100000}).status_code == 422


def test_the_export_is_for_staff_only(api, anon_api, user, persona):
    _feedback(persona, user)

    for response in (api.get("/api/ml/feedback"), api.post("/api/ml/feedback/mark-processed", {"ids": [1]})):
        assert response.status_code == 403
        assert response.json() == {"detail": "Only staff can use the ML feedback export."}
    assert anon_api.get("/api/ml/feedback").status_code == 401
    assert not Feedback.objects.filter(processed=True).exists()
