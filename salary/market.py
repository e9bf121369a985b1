"""Market estimate for vacancies: the salary model's range, and how an employer's range compares with it.

The salary model answers None when no version is trained yet; every function here turns that into
a verdict the page can put in a sentence, never an error. Vacancy pages read it through the `market` template
tags (salary/templatetags/market.py), so vacancies does not import salary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from salary.ml import Prediction
from salary.services import estimate_for_vacancy
from vacancies.models import Vacancy

NO_TITLE = "no_title"
UNAVAILABLE = "unavailable"
NO_RANGE = "no_range"
OTHER_CURRENCY = "other_currency"
BELOW = "below"
WITHIN = "within"
ABOVE = "above"


@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: str  # one of the constants above
    estimate: Prediction | None
    salary_min: int | None
    salary_max: int | None
    currency: str


def estimate_for(vacancy: Vacancy) -> Prediction | None:
    """The model's range for a vacancy that publishes no salary; None when it has one or no model is ready."""
    if vacancy.salary_min or vacancy.salary_max:
        return None
    return estimate_for_vacancy(title=vacancy.title, description=vacancy.description, skills=vacancy.skills,
                                location=vacancy.location)


def compare_with_market(
    *,
    title: str,
    description: str = "",
    skills: Iterable[str] = (),
    location: str = "",
    salary_min: int | None = None,
    salary_max: int | None = None,
    currency: str = Vacancy.Currency.RUB,
) -> Comparison:
    """Where the range salary_min..salary_max (either bound may be missing) sits against the estimate.

    BELOW when it ends under the estimate's start, ABOVE when it starts past its end, WITHIN when the two
    overlap. A range in another currency than the model's is not compared: no exchange rates here.
    """
    estimate = estimate_for_vacancy(title=title, description=description, skills=skills, location=location)
    if not (title or "").strip():
        verdict = NO_TITLE
    elif estimate is None:
        verdict = UNAVAILABLE
    elif salary_min is None and salary_max is None:
        verdict = NO_RANGE
    elif currency != estimate.currency:
        verdict = OTHER_CURRENCY
    else:
        low = salary_min if salary_min is not None else salary_max
        high = salary_max if salary_max is not None else salary_min
        if high < estimate.salary_from:
            verdict = BELOW
        elif low > estimate.salary_to:
            verdict = ABOVE
        else:
            verdict = WITHIN
    return Comparison(verdict=verdict, estimate=estimate, salary_min=salary_min, salary_max=salary_max,
                      currency=currency)
