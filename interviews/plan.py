"""The interview plan: pure functions over a chat's `plan`, no I/O.

The app, not the model, drives an interview: it holds the questions (each with an ideal answer
and 3-6 key points), decides which comes next, and writes every question, hint, model answer and
closing line itself, in the interview's language. The model may only add a short acknowledgement.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from django.utils import timezone

from interviews import text as t
from skills import names_term

KEY_POINTS_MIN, KEY_POINTS_MAX = 3, 6
FOCUS_SKILLS_MAX = 10
FOCUS_OTHER_QUESTIONS = 2
WEAK_SCORE = 5  # a question scored at or below this is worth practising again


def new_plan(questions: list[dict]) -> dict:
    """A plan with every field filled once, here: readers never need `.get(...) or` chains."""
    return {"questions": [with_key_points(question) for question in questions], "current": 0,
            "hints": {}, "hints_used": [], "model_answers_used": [], "follow_ups": {}}


def questions(chat: dict) -> list[dict]:
    return (chat.get("plan") or {}).get("questions") or []


def current_index(chat: dict) -> int:
    return (chat.get("plan") or {}).get("current", 0)


def current_question(chat: dict) -> dict | None:
    planned, index = questions(chat), current_index(chat)
    return planned[index] if 0 <= index < len(planned) else None


def question_by_id(chat: dict, question_id: str | None) -> tuple[int, dict] | None:
    """(index, question) of a planned question, or None."""
    for index, question in enumerate(questions(chat)):
        if question["id"] == question_id:
            return index, question
    return None


def answered_all(chat: dict) -> bool:
    planned = questions(chat)
    return bool(planned) and current_index(chat) >= len(planned)


# ---------------------------------------------------------------- rubrics

def with_key_points(question: dict) -> dict:
    """The question with 3-6 key points: its own, or derived from its ideal answer."""
    points = [str(point).strip() for point in question.get("key_points") or [] if str(point).strip()]
    return {**question, "key_points": points[:KEY_POINTS_MAX] or derive_key_points(question.get("ideal_answer") or "")}


def derive_key_points(ideal_answer: str) -> list[str]:
    """Key points read off an ideal answer: its sentences, split into clauses when there are too few,
    merged when there are too many; so every question can be graded, even one written without them."""
    pieces = [piece.strip(" -–—•*") for piece in re.split(r"(?<=[.!?;:])\s+|\n+", ideal_answer or "")]
    pieces = [piece for piece in pieces if len(t.words(piece)) >= 2]
    while len(pieces) < KEY_POINTS_MIN:
        longest = max(range(len(pieces)), key=lambda i: len(pieces[i]), default=None)
        if longest is None:
            break
        parts = [part.strip() for part in re.split(r",\s+|\s+(?:and|и|а также|then|затем)\s+", pieces[longest])
                 if len(t.words(part)) >= 2]
        if len(parts) < 2:
            break
        pieces[longest:longest + 1] = parts
    while len(pieces) > KEY_POINTS_MAX:
        shortest = min(range(len(pieces) - 1), key=lambda i: len(pieces[i]) + len(pieces[i + 1]))
        pieces[shortest:shortest + 2] = [f"{pieces[shortest].rstrip('.')}; {pieces[shortest + 1]}"]
    return [piece.rstrip(".;:") for piece in pieces]


# ---------------------------------------------------------------- what the interviewer says

_TEXT = {
    "en": {
        "question": "**Question {n} of {m}:** {text}",
        "closing": "That was the last question. Thank you! Press **Finish** to get your scored report.",
        "hint": "**Hint {n} of {m}.** A strong answer covers {m} {points}. Think about this one: *{point}*.",
        "hint_done": "You have seen every point a strong answer covers. Try answering in your own words, or ask "
                     "for the model answer.",
        "model_answer": "**A strong answer covers:**\n\n{points}\n\n**For example:** {ideal}",
        "no_question": "There is no open question right now.",
        "follow_up_label": "A follow-up:",
        "follow_up": "what would you add about this: *{point}*?",
    },
    "ru": {
        "question": "**Вопрос {n} из {m}:** {text}",
        "closing": "Это был последний вопрос. Спасибо! Нажмите **«Завершить»**, чтобы получить отчёт с оценками.",
        "hint": "**Подсказка {n} из {m}.** Сильный ответ раскрывает {m} {points}. Подумайте об этом: *{point}*.",
        "hint_done": "Вы видели все пункты сильного ответа. Попробуйте ответить своими словами или попросите "
                     "образец ответа.",
        "model_answer": "**Сильный ответ раскрывает:**\n\n{points}\n\n**Например:** {ideal}",
        "no_question": "Сейчас нет открытого вопроса.",
        "follow_up_label": "Уточняющий вопрос:",
        "follow_up": "что вы добавите об этом: *{point}*?",
    },
}


def _text(language: str) -> dict:
    return _TEXT.get(language, _TEXT["en"])


def question_text(chat: dict, question_id: str | None, *, closing: str | None = None) -> str:
    """The app's words for asking a planned question (verbatim, numbered by the app), or the closing
    line after the last one (`closing` overrides the practice closing, e.g. for screenings)."""
    language = chat.get("language", "en")
    found = question_by_id(chat, question_id)
    if found is None:
        return closing or _text(language)["closing"]
    index, question = found
    # A plan may ask its questions in its own words (a negotiation's moves are not numbered questions).
    template = (chat.get("plan") or {}).get("question_format") or _text(language)["question"]
    return template.format(n=index + 1, m=len(questions(chat)), text=question["text"])


def hint_text(chat: dict, question: dict, *, number: int) -> str:
    """The `number`-th hint (1-based) for a question: one key point at a time, never the whole answer."""
    text = _text(chat.get("language", "en"))
    points = question.get("key_points") or []
    if number > len(points):
        return text["hint_done"]
    return text["hint"].format(n=number, m=len(points), point=points[number - 1].rstrip("."),
                               points=_points_word(len(points), chat.get("language", "en")))


def _points_word(count: int, language: str) -> str:
    if language == "ru":  # 1 пункт, 2-4 пункта, 5-20 пунктов, 21 пункт...
        if count % 10 == 1 and count % 100 != 11:
            return "пункт"
        return "пункта" if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14 else "пунктов"
    return "point" if count == 1 else "points"


def model_answer_text(chat: dict, question: dict) -> str:
    text = _text(chat.get("language", "en"))
    points = "\n".join(f"- {point}" for point in question.get("key_points") or [])
    return text["model_answer"].format(points=points, ideal=question.get("ideal_answer") or "")


def no_question_text(chat: dict) -> str:
    return _text(chat.get("language", "en"))["no_question"]


# ---------------------------------------------------------------- follow-up probes

FOLLOW_UP_BELOW = 7  # an answer scoring this or more needs no follow-up


def follow_up_asked(chat: dict, question_id: str) -> bool:
    """Whether this question had its one follow-up already."""
    return question_id in ((chat.get("plan") or {}).get("follow_ups") or {})


def follow_up_point(chat: dict, *, question_id: str | None, score: int | None, missed: list[str]) -> str | None:
    """The key point to probe after an answer: the first one it missed, once per question, and only
    after a scored answer below FOLLOW_UP_BELOW (a non-answer gets the next question, not a probe)."""
    if question_id is None or follow_up_asked(chat, question_id) or score is None or score >= FOLLOW_UP_BELOW or not missed:
        return None
    return missed[0]


def follow_up_labelled(chat: dict, question: str) -> str:
    return f"**{_text(chat.get('language', 'en'))['follow_up_label']}** {question}"


def follow_up_text(chat: dict, point: str) -> str:
    """The app's own follow-up, used when the model's phrasing is late, down or unusable."""
    text = _text(chat.get("language", "en"))["follow_up"].format(point=t.lower_first(point.rstrip(".")))
    return follow_up_labelled(chat, text)


FOLLOW_UP_SYSTEM = {
    "en": ("You are a job interviewer. The candidate's answer missed something a strong answer covers. Ask ONE short "
           "follow-up question (at most 25 words) that invites them to talk about it, without stating it or giving "
           "the answer away. Write only the question."),
    "ru": ("Вы интервьюер на собеседовании. В ответе кандидата не хватает того, что есть в сильном ответе. Задайте ОДИН "
           "короткий уточняющий вопрос на русском языке (не больше 25 слов), который подведёт его к этому, не называя "
           "это прямо и не подсказывая ответ. Напишите только вопрос."),
}
FOLLOW_UP_MAX_WORDS = 30
_GRADES = re.compile(r"\b(score\w*|grade\w*|\d+\s*/\s*10|correct\w*|wrong)\b|оцен\w*|балл\w*|правильн\w*", re.I)


def follow_up_prompt(chat: dict, *, question: str, answer: str, point: str) -> list[dict]:
    language = chat.get("language", "en")
    return [{"role": "system", "content": FOLLOW_UP_SYSTEM.get(language, FOLLOW_UP_SYSTEM["en"])},
            {"role": "user", "content": f"Question: {question[:400]}\n\nAnswer: {answer[:800]}\n\nMissing: {point[:200]}"}]


def acceptable_follow_up(text: str, *, language: str = "en") -> str | None:
    """The model's follow-up when it is one short question in the chat's language that grades nothing."""
    question = " ".join(text.split()).strip().strip('"«»')
    words = len(t.words(question))
    if (not question.endswith("?") or question.count("?") > 1 or not 4 <= words <= FOLLOW_UP_MAX_WORDS
            or _GRADES.search(question) or (language == "ru" and _LATIN_WORD.search(question))):
        return None
    return question


# ---------------------------------------------------------------- the model's acknowledgement

ACK_SENTENCES = 2
ACK_MAX_WORDS = 14
ACK_SYSTEM = {
    "en": ("You are a job interviewer. The candidate has just answered one of your questions. Reply with one short, "
           "neutral sentence that acknowledges the answer, like \"Thank you, noted.\" or \"Thanks for walking me "
           "through that.\" Do not ask anything. Do not judge, grade or praise the answer. Do not explain the topic."),
    "ru": ("Вы интервьюер на собеседовании. Кандидат только что ответил на ваш вопрос. Ответьте одним коротким "
           "нейтральным предложением на русском языке, например «Спасибо, понятно.» или «Спасибо за подробный "
           "рассказ.» Ничего не спрашивайте. Не оценивайте и не хвалите ответ. Не объясняйте тему."),
}
# A sentence that grades, praises, asks or announces a question is not an acknowledgement.
_NOT_AN_ACK = re.compile(
    r"\?|\b(score\w*|grade\w*|rating|points?|\d+\s*/\s*10|out of|correct\w*|incorrect|wrong|right|great|good|"
    r"excellent|perfect|impressive|amazing|wonderful|fantastic|brilliant|well done|question\w*|next|answer is|"
    r"you should|you could)\b|"
    r"оцен\w*|балл\w*|правильн\w*|неправильн\w*|неверн\w*|отличн\w*|хорош\w*|прекрасн\w*|молод\w*|вопрос\w*|"
    r"следующ\w*|вам стоит|вам следует",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!…]*[.!…]+")


def acknowledgement_prompt(chat: dict, *, question: str, answer: str) -> list[dict]:
    """A short prompt (the question and the last answer, not the history): the system part is the same for
    every turn of a language, so llama.cpp's prompt cache reuses it. The answer stays in the user role."""
    language = chat.get("language", "en")
    return [{"role": "system", "content": ACK_SYSTEM.get(language, ACK_SYSTEM["en"])},
            {"role": "user", "content": f"Question: {question[:400]}\n\nAnswer: {answer[:600]}"}]


# The app's own acknowledgements, varied by question so they do not read as a loop.
APP_ACKS = {
    "en": ("Thank you.", "Thanks, noted.", "Got it, thank you.", "Thank you for the answer.", "Noted, thanks."),
    "ru": ("Спасибо.", "Спасибо, понятно.", "Принято, спасибо.", "Спасибо за ответ.", "Понятно, спасибо."),
}


def app_acknowledgement(chat: dict, *, question_id: str | None) -> str:
    phrases = APP_ACKS.get(chat.get("language", "en"), APP_ACKS["en"])
    index = next((i for i, q in enumerate(questions(chat)) if q["id"] == question_id), 0)
    return phrases[index % len(phrases)]


def complete_sentences(text: str) -> list[str]:
    """The finished sentences at the start of `text` (the unfinished tail is left out)."""
    return [match.group(0).strip() for match in _SENTENCE.finditer(text.split("\n", 1)[0]) if match.group(0).strip()]


# Read in the bench's samples: a small model talks about itself ("I'm a job interviewer."), restates
# the answer at length, or drifts into English inside a Russian interview.
_ABOUT_ITSELF = re.compile(r"^(i|i'm|i am|as an?)\b|^я\b", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def acceptable_acknowledgement(sentences: list[str], *, language: str = "en") -> list[str]:
    """The leading sentences that make a neutral acknowledgement: at most two, short, in the chat's
    language, and none that asks, grades, praises, talks about itself or writes a question; everything
    from the first bad sentence on is dropped."""
    kept: list[str] = []
    for sentence in sentences[:ACK_SENTENCES]:
        words = len(t.words(sentence))
        if (_NOT_AN_ACK.search(sentence) or not 2 <= words <= ACK_MAX_WORDS or _ABOUT_ITSELF.search(sentence)
                or (language == "ru" and _LATIN_WORD.search(sentence))):
            break
        kept.append(sentence)
    return kept


# ---------------------------------------------------------------- plans for focused practice and retries

def _mentions(question: dict, skill: str) -> bool:
    return any(names_term(question.get(field) or "", skill) for field in ("topic", "text", "ideal_answer"))


# Worded here, not through gettext: the interview speaks the vacancy's language, not the UI's.
_FOCUS = {
    "en": {
        "text": "This role needs %(skill)s. Tell me about a time you used it, or, if you haven't yet, how you would "
                "get productive with it in your first month: what would you learn and build first?",
        "ideal": "Says honestly how much %(skill)s they have used. Explains what %(skill)s is for in this role with a "
                 "concrete example (their own, or a realistic one), names a trade-off or a common mistake, and gives "
                 "a specific plan to close the gap: which docs or course, a small project, and how they would check "
                 "their work.",
    },
    "ru": {
        "text": "Для этой роли нужен %(skill)s. Расскажите, как вы его использовали, или, если ещё не приходилось, "
                "как освоите его за первый месяц: что изучите и что сделаете первым?",
        "ideal": "Честно говорит, какой у него опыт с %(skill)s. Объясняет, зачем %(skill)s нужен в этой роли, на "
                 "конкретном примере (своём или реалистичном), называет компромисс или типичную ошибку и даёт "
                 "конкретный план: документация или курс, небольшой проект и как проверить результат.",
    },
}


def focus_plan(planned: list[dict], skills: list[str], *, language: str, key_points: dict[str, list[str]]) -> list[dict]:
    """The plan for practising the skills a candidate is missing: the vacancy's questions about them
    first, a question of our own for a skill none of them covers, then a couple of others so it still
    feels like this vacancy's interview. `key_points` are the rubric of our own question, per language."""
    focused = [q for q in planned if any(_mentions(q, skill) for skill in skills)]
    covered = {skill for skill in skills if any(_mentions(q, skill) for q in focused)}
    text = _FOCUS.get(language, _FOCUS["en"])
    points = key_points.get(language) or key_points.get("en") or []
    own = [{"id": f"f{i}", "topic": skill, "text": text["text"] % {"skill": skill},
            "ideal_answer": text["ideal"] % {"skill": skill},
            "key_points": [point.replace("%(skill)s", skill) for point in points]}
           for i, skill in enumerate(skills) if skill not in covered]
    others = [q for q in planned if q not in focused][:FOCUS_OTHER_QUESTIONS]
    return focused + own + others


def weak_question_ids(evaluation: dict) -> list[str]:
    """Questions worth practising again: scored 5 or less, or not answered."""
    return [q["id"] for q in evaluation.get("questions", [])
            if q["verdict"] == "not_answered" or (q["score"] is not None and q["score"] <= WEAK_SCORE)]


def practice_minutes(chat: dict, *, now: datetime | None = None) -> int:
    """Minutes spent in an interview: from its start to now, capped so a forgotten tab counts fairly."""
    elapsed = ((now or timezone.now()) - chat["created_at"]).total_seconds()
    return max(1, min(120, math.ceil(elapsed / 60)))
