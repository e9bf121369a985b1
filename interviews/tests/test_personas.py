"""Personas: the public list with ratings, and the order the practice picker offers them in."""

import pytest
from django.template.loader import render_to_string

from interviews.models import Persona
from vacancies.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_it_lists_active_personas_with_their_ratings_to_anyone(anon_api):
    emma = PersonaFactory(name="Emma", slug="friendly-recruiter", difficulty="easy", rating="4.25", ratings_count=4,
                          ratings_sum=17, system_prompt="SECRET PROMPT")
    PersonaFactory(name="Retired", is_active=False)

    response = anon_api.get("/api/personas")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["name"] for item in items] == ["Emma"]
    assert items[0] == {
        "id": emma.pk, "slug": "friendly-recruiter", "name": "Emma", "description": emma.description,
        "language": "en", "difficulty": "easy", "kind": "practice", "rating": 4.25, "ratings_count": 4,
    }
    assert "SECRET PROMPT" not in response.content.decode()


def test_the_practice_picker_offers_the_vacancy_language_first_then_gentlest_first():
    PersonaFactory(name="Viktor", language="en", difficulty="hard")
    PersonaFactory(name="Emma", language="en", difficulty="easy")
    PersonaFactory(name="Дмитрий", language="ru", difficulty="hard")
    PersonaFactory(name="Анна", language="ru", difficulty="medium")
    PersonaFactory(name="Screening", kind=Persona.Kind.SCREENING, difficulty="easy")
    PersonaFactory(name="Off", is_active=False)

    names = lambda language: [p.name for p in Persona.objects.for_practice(language=language)]  # noqa: E731

    assert names("ru") == ["Анна", "Дмитрий", "Emma", "Viktor"]
    assert names("en") == ["Emma", "Viktor", "Анна", "Дмитрий"]
    assert names("") == ["Emma", "Анна", "Viktor", "Дмитрий"]


def test_the_picker_partial_renders_radio_cards_and_keeps_a_selection():
    emma = PersonaFactory(name="Emma", difficulty="easy", rating="4.50", ratings_count=2, ratings_sum=9)
    viktor = PersonaFactory(name="Viktor", difficulty="hard")

    html = render_to_string("interviews/persona_picker.html", {"personas": [emma, viktor],
                                                               "selected_persona_id": str(viktor.pk)})

    assert html.count('type="radio" name="persona_id"') == 2
    assert f'value="{viktor.pk}" required checked' in html
    assert f'value="{emma.pk}" required>' in html
    assert "4.5" in html and "2 ratings" in html and "Not rated yet" in html
    assert "badge-ok" in html and "badge-danger" in html


def test_the_picker_says_so_when_there_is_nobody():
    assert "No interviewers are available" in render_to_string("interviews/persona_picker.html", {"personas": []})
