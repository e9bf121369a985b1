"""The app's own words in an interview, read as a candidate would, in English and Russian."""

import pytest

from interviews import plan


@pytest.mark.parametrize("count,language,word", [
    (1, "en", "1 point"), (4, "en", "4 points"),
    (3, "ru", "3 пункта"), (4, "ru", "4 пункта"), (5, "ru", "5 пунктов"), (6, "ru", "6 пунктов"),
])
def test_a_hint_counts_the_points_in_the_interviews_grammar(count, language, word):
    question = {"id": "q1", "text": "Q?", "key_points": [f"Point {i}" for i in range(count)]}
    chat = {"language": language, "plan": {"questions": [question]}}
    assert word in plan.hint_text(chat, question, number=1)


def test_a_follow_up_in_the_apps_words_names_the_point_inside_a_sentence():
    chat = {"language": "ru", "plan": {"questions": []}}
    assert plan.follow_up_text(chat, "Сверить итоги с независимым источником.") == (
        "**Уточняющий вопрос:** что вы добавите об этом: *сверить итоги с независимым источником*?")


@pytest.mark.parametrize("text,kept", [
    ("How would you check that the lift is not noise?", True),
    ("Great answer, 8/10! What else?", False),  # grades
    ("Tell me more about indexes.", False),  # not a question
    ("What? Why?", False),  # two questions
])
def test_only_one_short_question_that_grades_nothing_is_kept_as_a_follow_up(text, kept):
    assert (plan.acceptable_follow_up(text) is not None) is kept
