"""`seed_demo`: loads the catalogue and personas once; running it again changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from demo.data import EMPLOYER_VACANCIES, PERSONAS, VACANCIES
from demo.seed import seed
from interviews.models import Persona
from resumes.models import Resume
from vacancies.models import Question, QuestionSet, Vacancy

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Vacancy, QuestionSet, Question, Persona, Resume))


def test_it_loads_vacancies_with_version_one_questions_and_personas():
    seed()

    assert counts() == (
        len(VACANCIES) + len(EMPLOYER_VACANCIES),
        len(VACANCIES),
        sum(len(v["questions"]) for v in VACANCIES),
        len(PERSONAS),
        1,
    )
    employer = User.objects.get(username="employer")
    assert sorted(Vacancy.objects.for_owner(employer).values_list("slug", flat=True)) == sorted(
        spec["slug"] for spec in EMPLOYER_VACANCIES
    )
    assert Resume.objects.get(user__username="demo").skills
    spec = VACANCIES[0]
    vacancy = Vacancy.objects.get(slug=spec["slug"])
    assert (vacancy.title, vacancy.skills, vacancy.owner) == (spec["title"], spec["skills"], None)
    assert vacancy.is_published
    question_set = vacancy.current_question_set()
    assert question_set.version == 1
    assert [q.text for q in question_set.questions.all()] == [q["text"] for q in spec["questions"]]
    assert Vacancy.objects.published().first().slug == spec["slug"]
    assert Persona.objects.get(slug="screening").kind == Persona.Kind.SCREENING
    assert Persona.objects.get(slug="friendly-recruiter").kind == Persona.Kind.PRACTICE


def test_running_it_twice_changes_nothing(django_assert_max_num_queries):
    seed()
    before = counts()
    stamps = list(Vacancy.objects.order_by("pk").values_list("updated_at", flat=True))

    with django_assert_max_num_queries(20):
        call_command("seed_demo", stdout=StringIO())

    assert counts() == before
    assert list(Vacancy.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_it_keeps_edits_and_only_fills_in_what_is_missing():
    seed()
    edited = Vacancy.objects.get(slug=VACANCIES[0]["slug"])
    edited.title = "Renamed by an admin"
    edited.save()
    bare = Vacancy.objects.get(slug=VACANCIES[1]["slug"])
    bare.question_sets.all().delete()
    Persona.objects.get(slug="bar-raiser").delete()

    seed()

    assert Vacancy.objects.get(pk=edited.pk).title == "Renamed by an admin"
    assert bare.current_question_set().version == 1
    assert Persona.objects.filter(slug="bar-raiser").exists()
    assert counts()[0] == len(VACANCIES) + len(EMPLOYER_VACANCIES)
