"""Negotiate the offer: a practice chat where a recruiter makes a salary offer for a vacancy and the
candidate negotiates over three turns.

The app makes every move, with its numbers, when the chat starts: a first offer low in the salary
band, a counter-offer in its middle and a final offer near its top, never outside it. The band is
the vacancy's own range when it has one (a single published bound is completed from the salary
model), else the salary model's predicted range. The model may only add a short acknowledgement
before a move, so the chat reads well with the small offline model. Each of the candidate's answers
is graded by the interview grader against negotiation key points (interviews/data/negotiation.json);
the report shows the band and the market range used.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from interviews import chats, kinds, plan, services
from interviews.errors import ChatConflict, ChatNotFound
from salary.services import estimate_for_vacancy
from vacancies.models import Vacancy

TEXT_FILE = Path(__file__).parent / "data" / "negotiation.json"
# Where each move sits in the band (0 = its bottom, 1 = its top), and the ask a strong answer names.
OFFER_AT, COUNTER_AT, FINAL_AT, ASK_AT = 0.10, 0.55, 0.85, 0.95
NBSP = "\u00a0"
SYSTEM_PROMPT = (
    "You are {name}, a friendly, professional recruiter at {company}, making a salary offer for the {title} role "
    "to a candidate who passed the interviews. The app states every offer and its numbers; you never name "
    "amounts or change the terms."
)


@cache
def _texts() -> dict:
    return json.loads(TEXT_FILE.read_text())


def _text(language: str) -> dict:
    return _texts().get(language) or _texts()["en"]


def _round(amount: float) -> int:
    """To 1,000 below 100k and to 5,000 above, as postings state salaries."""
    step = 1_000 if amount < 100_000 else 5_000
    return int(round(amount / step) * step)


def salary_band(vacancy: Vacancy) -> dict | None:
    """{low, high, currency, market, vacancy_range} the recruiter negotiates within, or None when there is
    neither a range on the vacancy nor a trained salary model."""
    market = estimate_for_vacancy(title=vacancy.title, description=vacancy.description, skills=vacancy.skills,
                                  location=vacancy.location)
    market_range = ({"low": market.salary_from, "high": market.salary_to, "currency": market.currency,
                     "model_version": market.model_version} if market else None)
    own_low, own_high = vacancy.salary_min, vacancy.salary_max
    vacancy_range = ({"low": own_low, "high": own_high, "currency": vacancy.currency}
                     if own_low or own_high else None)
    if own_low and own_high:
        low, high, currency = own_low, own_high, vacancy.currency
    elif vacancy_range and market and market.currency == vacancy.currency:
        low, high = own_low or market.salary_from, own_high or market.salary_to
        low, high, currency = min(low, high), max(low, high), vacancy.currency
    elif market:
        low, high, currency = market.salary_from, market.salary_to, market.currency
    else:
        return None
    return {"low": low, "high": high, "currency": currency, "market": market_range, "vacancy_range": vacancy_range}


def moves(band: dict) -> dict:
    """The offer, the counter-offer and the final offer: rising, each inside [low, high]."""
    low, high = band["low"], band["high"]

    def at(share: float) -> int:
        return min(high, max(low, _round(low + share * (high - low))))

    return {"offer": at(OFFER_AT), "counter": at(COUNTER_AT), "final": at(FINAL_AT), "ask": at(ASK_AT)}


def money(amount: int, currency: str, *, language: str) -> str:
    grouped = f"{amount:,}"
    if language == "ru":
        grouped = grouped.replace(",", NBSP)
    return f"{grouped}{NBSP}{currency}"


def _plan_questions(*, band: dict, steps: dict, language: str) -> list[dict]:
    """The three moves as a plan: the recruiter's words, what a strong answer covers, and one such answer."""
    text = _text(language)
    amounts = {name: money(value, band["currency"], language=language) for name, value in steps.items()}
    reference = band["market"] or band
    amounts["market"] = (f"{money(reference['low'], reference['currency'], language=language)} – "
                         f"{money(reference['high'], reference['currency'], language=language)}")
    return [{"id": f"n{number}", "topic": text[f"topic_{move}"], "text": text[move].format(**amounts),
             "key_points": text[f"points_{move}"], "ideal_answer": text[f"ideal_{move}"].format(**amounts)}
            for number, move in enumerate(("offer", "counter", "final"), start=1)]


def start_negotiation(*, user, vacancy_id: int) -> dict:
    """A negotiation practice chat for a vacancy the user can see, opened with the recruiter's first offer.

    Guarantees: every amount the recruiter names lies within the band (`salary_band`); no model call is
    needed to start; it counts toward the daily chat limit. A vacancy with no range and no trained salary
    model can't be negotiated (409)."""
    vacancy = Vacancy.objects.visible_to(user).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise ChatNotFound(_("Vacancy not found."))
    band = salary_band(vacancy)
    if band is None:
        raise ChatConflict(_("This vacancy states no salary and the salary model is not trained yet, so there is "
                             "no offer to negotiate. Try a vacancy with a salary range."))
    language = vacancy.language
    text = _text(language)
    steps = moves(band)
    questions = _plan_questions(band=band, steps=steps, language=language)
    services.check_daily_chat_limit(user_id=str(user.pk))
    chat = chats.new_chat_document(
        user_id=str(user.pk),
        title=(_("Negotiation: %(title)s · %(company)s") % {"title": vacancy.title, "company": vacancy.company})[:120],
        kind="negotiation",
        system_prompt=SYSTEM_PROMPT.format(name=text["recruiter"], company=vacancy.company, title=vacancy.title),
        vacancy_id=vacancy.pk,
        plan={**plan.new_plan(questions), "question_format": "{text}"},
        extra={"vacancy_title": vacancy.title, "language": language, "persona_name": text["recruiter"],
               "negotiation": {**band, **steps}},
    )
    greeting = chats.new_message(
        chat_id=chat["_id"], user_id=str(user.pk), role="assistant", kind="greeting",
        content=text["greeting"].format(name=text["recruiter"], company=vacancy.company, title=vacancy.title,
                                        first=questions[0]["text"]),
        question_id=questions[0]["id"])
    return chats.insert_chat(chat, greeting=greeting)


NEGOTIATION = kinds.ChatKind(
    name="negotiation",
    ratable=False,
    schedules_questions=False,  # its moves carry this offer's numbers: practise by negotiating again
    closing={language: texts["closing"] for language, texts in _texts().items()},
    on_evaluated=lambda *, chat, evaluation: {"negotiation": chat.get("negotiation")},
)
kinds.register(NEGOTIATION)
