"""Question versioning: an edit saves version N+1 and leaves N as interviews snapshotted it."""

import pytest

from vacancies.models import Question, QuestionSet
from vacancies.services import VacancyError, question_set_snapshot, replace_questions
from vacancies.tests.factories import VacancyFactory, question

pytestmark = pytest.mark.django_db


def test_it_saves_edits_as_a_new_version_and_keeps_the_old_one_intact():
    vacancy = VacancyFactory()
    v1 = replace_questions(vacancy=vacancy, questions=[question("Q1"), question("Q2")])
    v1_snapshot = question_set_snapshot(v1)

    v2 = replace_questions(vacancy=vacancy, questions=[question("Q1 reworded"), question("Q2"), question("Q3")])

    assert (v1.version, v2.version) == (1, 2)
    assert vacancy.current_question_set() == v2
    assert question_set_snapshot(QuestionSet.objects.get(pk=v1.pk)) == v1_snapshot
    assert [q.text for q in v1.questions.all()] == ["Q1", "Q2"]
    assert [q.text for q in v2.questions.all()] == ["Q1 reworded", "Q2", "Q3"]


def test_saving_the_same_questions_again_creates_no_version():
    vacancy = VacancyFactory()
    v1 = replace_questions(vacancy=vacancy, questions=[question("Q1", "T", "A")])

    again = replace_questions(vacancy=vacancy, questions=[{"text": " Q1 ", "topic": "T", "ideal_answer": "A"}])

    assert again == v1
    assert vacancy.question_sets.count() == 1


def test_versions_are_numbered_per_vacancy():
    first, second = VacancyFactory(), VacancyFactory()
    replace_questions(vacancy=first, questions=[question("A")])
    replace_questions(vacancy=first, questions=[question("B")])

    assert replace_questions(vacancy=second, questions=[question("C")]).version == 1


@pytest.mark.parametrize("questions", [[], [question("   ")], [{"topic": "No text"}]])
def test_it_refuses_an_empty_interview_and_saves_nothing(questions):
    vacancy = VacancyFactory()
    with pytest.raises(VacancyError):
        replace_questions(vacancy=vacancy, questions=questions)
    assert not QuestionSet.objects.exists() and not Question.objects.exists()


def test_the_snapshot_has_the_shape_a_chat_plan_stores():
    vacancy = VacancyFactory()
    question_set = replace_questions(
        vacancy=vacancy, questions=[question("Why?", "Motivation", "Because."), question("How?", "", "")]
    )
    first, second = question_set.questions.all()

    assert question_set_snapshot(question_set) == {
        "version": 1,
        "questions": [
            {"id": str(first.pk), "text": "Why?", "topic": "Motivation", "ideal_answer": "Because.", "key_points": []},
            {"id": str(second.pk), "text": "How?", "topic": "", "ideal_answer": "", "key_points": []},
        ],
    }


def test_a_vacancy_without_questions_has_no_current_set():
    assert VacancyFactory().current_question_set() is None
