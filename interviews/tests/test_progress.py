"""Practice minutes per persona: set/add/subtract, never negative, mine only."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import UserFactory
from interviews.models import Progress
from interviews.progress import MINUTES_MAX, ProgressError, change_progress
from vacancies.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona():
    return PersonaFactory(name="Emma")


def test_it_sets_adds_and_subtracts_minutes(user, persona):
    assert change_progress(user=user, persona=persona, op="add", minutes=15).minutes == 15
    assert change_progress(user=user, persona=persona, op="add", minutes=10).minutes == 25
    assert change_progress(user=user, persona=persona, op="subtract", minutes=5).minutes == 20
    assert change_progress(user=user, persona=persona, op="set", minutes=7).minutes == 7
    assert Progress.objects.get(user=user, persona=persona).minutes == 7


def test_subtracting_more_than_there_is_stops_at_zero(user, persona):
    change_progress(user=user, persona=persona, op="set", minutes=10)
    assert change_progress(user=user, persona=persona, op="subtract", minutes=25).minutes == 0
    assert change_progress(user=user, persona=persona, op="subtract", minutes=1).minutes == 0


def test_adding_stops_at_the_maximum(user, persona):
    change_progress(user=user, persona=persona, op="set", minutes=MINUTES_MAX)
    assert change_progress(user=user, persona=persona, op="add", minutes=60).minutes == MINUTES_MAX


@pytest.mark.parametrize(("op", "minutes"), [("add", -1), ("set", -5), ("multiply", 3), ("add", 2.5), ("add", True),
                                             ("add", MINUTES_MAX + 1)])
def test_the_service_refuses_bad_input_and_saves_nothing(user, persona, op, minutes):
    with pytest.raises(ProgressError):
        change_progress(user=user, persona=persona, op=op, minutes=minutes)
    assert not Progress.objects.exists()


def test_the_api_changes_and_lists_my_progress(api, user, stranger, persona):
    other = PersonaFactory(name="Viktor")
    change_progress(user=stranger, persona=persona, op="set", minutes=99)

    response = api.post(f"/api/progress/{persona.pk}", {"op": "add", "minutes": 30})
    api.post(f"/api/progress/{other.pk}", {"op": "set", "minutes": 5})

    assert response.status_code == 200
    assert response.json()["minutes"] == 30 and response.json()["persona_id"] == persona.pk
    items = api.get("/api/progress").json()["items"]
    assert sorted((item["persona_name"], item["minutes"]) for item in items) == [("Emma", 30), ("Viktor", 5)]


def test_the_api_subtracts_down_to_zero(api, persona):
    api.post(f"/api/progress/{persona.pk}", {"op": "set", "minutes": 10})
    assert api.post(f"/api/progress/{persona.pk}", {"op": "subtract", "minutes": 60}).json()["minutes"] == 0


@pytest.mark.parametrize("payload", [{"op": "add", "minutes": -1}, {"op": "double", "minutes": 1}, {"op": "add"},
                                     {"op": "add", "minutes": "ten"}])
def test_the_api_refuses_bad_input_with_422(api, persona, payload):
    response = api.post(f"/api/progress/{persona.pk}", payload)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not Progress.objects.exists()


def test_the_api_answers_404_for_an_unknown_or_retired_persona(api):
    retired = PersonaFactory(is_active=False)
    for persona_id in (999999, retired.pk):
        response = api.post(f"/api/progress/{persona_id}", {"op": "add", "minutes": 1})
        assert response.status_code == 404
        assert response.json() == {"detail": "Persona not found."}


def test_the_api_needs_a_token(anon_api, persona):
    assert anon_api.get("/api/progress").status_code == 401
    assert anon_api.post(f"/api/progress/{persona.pk}", {"op": "add", "minutes": 1}).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_concurrent_additions_are_never_lost():
    user, persona = UserFactory(), PersonaFactory()
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    errors = []

    def add_five():
        try:
            barrier.wait(timeout=10)
            change_progress(user=user, persona=persona, op="add", minutes=5)
        except Exception as error:  # surfaced below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add_five) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Progress.objects.get(user=user, persona=persona).minutes == 5 * threads_count
