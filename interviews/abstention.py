"""When an answer has nothing to grade: the rules run before any grader and no model overrides them.

An abstention is `not_answered` with no score. The rules are written to never catch a real
answer, however short: a terse technical answer ("select_related and prefetch_related") has
no function words but is close in meaning to the question, so it is graded, not abstained on.
"""

from __future__ import annotations

import re

from interviews import text as t

EMPTY, ONE_WORD, COPY, GIBBERISH, NON_ANSWER = "empty", "one_word", "copy", "gibberish", "non_answer"

# Said instead of an answer. Matched on the normalised text; the answer is a non-answer only when
# little else is left once these and the filler words are taken out ("I don't know the exact flag,
# but I would..." is an answer).
_NON_ANSWER = re.compile(
    r"\b(i\s+)?(really\s+)?(do\s*n[o']?t|dont|don't|do not)\s+know\b|\bidk\b|\bno\s+(idea|clue|comment)\b|"
    r"\bnot\s+sure\b|\bno\s+answer\b|\bpass\b|\bskip\b|\brather\s+not\b|\bcan'?t\s+answer\b|\bcannot\s+answer\b|"
    r"\bnothing\s+to\s+say\b|\brepeat\s+the\s+question\b|\bdid\s*n[o']?t\s+(catch|hear|understand)\b|"
    r"\b(ask|say|repeat)\s+(that|it|this|the\s+question)\s+again\b|\bcome\s+back\s+to\s+(that|this|it)\b|"
    r"\bcan'?t\s+remember\b|\bno\s+experience\b|"
    r"повтори\w*\s+вопрос|не\s+расслышал\w*|не\s+понял\w*\s+вопрос|\bnext\s+question\b|\bhave\s+no\s+experience\b|\bnever\s+(did|done|heard)\b|"
    r"не\s*знаю|без\s+понятия|понятия\s+не\s+имею|затрудняюсь|пропуст\w*|пропущ\w*|вернуться\s+к\s+(этому|нему)|\bпас\b|следующ\w+\s+вопрос\w*|"
    r"не\s+могу\s+ответить|не\s+помню|не\s+сталкивал\w*|нечего\s+сказать|не\s+уверен\w*|не\s+хочу\s+отвечать"
)
_FILLER = frozenset("""
sorry honestly really well um uh hmm so let lets let's me next move on go im i'm just actually have no not sure idea
answer here that about question one this it please maybe right now at all the a to i we can can't cant would rather
prefer time anything much say think yeah ok okay oh also
извините простите честно говоря ну я мне мы к сожалению пока тут здесь на это не могу ответить вопрос следующий
давайте пожалуйста наверное что этот этом сейчас так вот даже ничего сказать хочу совсем тоже уж
""".split())
# Keyboard runs in Latin and Cyrillic layouts: a word made of them is mash, not language.
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
_VOWELS = set("aeiouyаеёиоуыэюя")


def reason(*, question: str, answer: str, on_topic: float | None = None) -> str | None:
    """Why `answer` has nothing to grade, or None when it should be graded.

    `on_topic` (optional) is the answer's semantic similarity to the question and its rubric, in
    the grader's scale; it lets a string of unrelated words ("banana window purple") be called
    gibberish while a terse on-topic list of terms is kept.
    """
    words = t.words(answer)
    if not words:
        return EMPTY
    if len(words) == 1:
        return ONE_WORD
    if _is_copy(question=question, words=words):
        return COPY
    if _is_non_answer(answer, words):
        return NON_ANSWER
    if _is_gibberish(words, on_topic=on_topic):
        return GIBBERISH
    return None


def _is_copy(*, question: str, words: list[str]) -> bool:
    question_words = set(t.words(question))
    novel = [word for word in words if word not in question_words]
    return len(novel) <= max(1, len(words) // 10)


def _is_non_answer(answer: str, words: list[str]) -> bool:
    normalised = t.normalize(answer)
    if not _NON_ANSWER.search(normalised):
        return False
    rest = t.words(_NON_ANSWER.sub(" ", normalised))
    return sum(1 for word in rest if word not in _FILLER and word not in t.FUNCTION_WORDS) <= 2


def says_no_answer(answer: str) -> bool:
    """A short answer that says "I don't know" or "can we skip": once the grader has found no key
    point in it, it is a non-answer however it goes on ("Не знаю, я с API почти не работал"), while
    "I'm not sure, but an index is a B-tree..." covers a point and is graded."""
    return len(t.words(answer)) <= NON_ANSWER_MAX_WORDS and bool(_NON_ANSWER.search(t.normalize(answer)))


NON_ANSWER_MAX_WORDS = 25


def _is_mash(word: str) -> bool:
    if len(word) < 3 or word.isdigit():
        return False
    if not any(ch in _VOWELS for ch in word):
        return True
    runs = sum(1 for row in _KEYBOARD_ROWS for i in range(len(word) - 2) if word[i:i + 3] in row)
    return runs >= max(2, len(word) - 3)  # two runs at least: "were", "type", "rty" are words


def _is_gibberish(words: list[str], *, on_topic: float | None) -> bool:
    if len(words) >= 4 and len(set(words)) / len(words) < 0.35:
        return True  # "the the the the", "ok ok ok ok ok"
    mash = sum(_is_mash(word) for word in words)
    if mash >= max(1, (len(words) + 1) // 2):
        return True
    # Word salad around the topic's terms ("join left join sql sql potato inner inner"): people do not
    # say a word twice in a row twice in one answer, nor mix a keyboard run into a repeated word.
    stutters = sum(1 for first, second in zip(words, words[1:], strict=False)
                   if first == second and not first.isdigit())  # "a 50/50 split" is no stutter
    if stutters >= 2 or (stutters and mash):
        return True
    # Echoes ("тест тесты мок моки", "feedback back feed", "received recieved"), letter runs ("a b c d",
    # "ааааа", "zzzz") and mash together: people answering in sentences make none of these.
    if len(words) >= 6 and _noise(words) >= max(3, len(words) // 4):
        return True
    has_function_word = any(word in t.FUNCTION_WORDS for word in words)
    return not has_function_word and on_topic is not None and on_topic < GIBBERISH_ON_TOPIC


def _noise(words: list[str]) -> int:
    noise = 0
    for previous, word in zip(["", *words], words, strict=False):
        if _is_mash(word) or (len(word) >= 3 and len(set(word)) == 1):
            noise += 1
        elif len(word) == 1 and len(previous) == 1 and word.isalpha():
            noise += 1  # "a b c d e f g"
        elif len(word) >= 3 and len(previous) >= 3 and (word in previous or previous in word or _near(word, previous)):
            noise += 1
    return noise


def _near(first: str, second: str) -> bool:
    """The same word with a letter or two changed or swapped ("received"/"recieved", "моки"/"мок")."""
    if abs(len(first) - len(second)) > 2 or min(len(first), len(second)) < 4:
        return False
    return first[:3] == second[:3] and sorted(first) == sorted(second) or first[:4] == second[:4]


# Below this similarity to the question's rubric, an answer without a single function word is a
# string of unrelated words. Set from the calibration set (bench/calibration): gibberish word salad
# scores 0.70-0.76 there, terse on-topic answers 0.80 and up.
GIBBERISH_ON_TOPIC = 0.78
