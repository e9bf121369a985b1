"""All of an employer's responses across their vacancies: filtered, sorted, keyset-paginated, exported as CSV.

Keyset pages (`next_cursor`) instead of page numbers: a response that arrives or is decided while the
employer reads does not shift the next page, and page 500 costs what page 1 costs. The cursor is
opaque to clients (base64 JSON of the last row's sort key and id) and checked when it comes back.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application
from applications.services import ApplicationError
from vacancies.models import Vacancy

PAGE_SIZE = 25
PAGE_SIZE_MAX = 100
SCORE_MIN, SCORE_MAX = 0, 100
# "-score": best first (unscored last); "score": weakest first; "-date": newest first; "date": oldest first.
SORTS = ("-date", "date", "-score", "score")
DEFAULT_SORT = "-date"
UNSCORED = -1  # the sort key of a response without a score: below every real score
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Filters:
    vacancy_id: int | None = None
    status: str | None = None
    score_min: int | None = None
    score_max: int | None = None
    applied_from: date | None = None
    applied_to: date | None = None


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise ApplicationError(_("Sort by one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)}, status=422)


def _sort_field(sort: str) -> str:
    return "sort_score" if sort.endswith("score") else "created_at"


def _filtered(*, employer, filters: Filters) -> QuerySet[Application]:
    """The employer's responses matching `filters`; a vacancy that is not theirs is a 404, not an empty list."""
    responses = Application.objects.for_vacancy_owner(employer)
    if filters.vacancy_id is not None:
        if not Vacancy.objects.for_owner(employer).filter(pk=filters.vacancy_id).exists():
            raise ApplicationError(_("Vacancy not found."), status=404)
        responses = responses.filter(vacancy_id=filters.vacancy_id)
    if filters.status:
        responses = responses.filter(status=filters.status)
    if filters.score_min is not None:
        responses = responses.filter(relevance_score__gte=filters.score_min)
    if filters.score_max is not None:
        responses = responses.filter(relevance_score__lte=filters.score_max)
    if filters.applied_from is not None:
        responses = responses.filter(created_at__date__gte=filters.applied_from)
    if filters.applied_to is not None:
        responses = responses.filter(created_at__date__lte=filters.applied_to)
    # An IntegerField, not the score's PositiveSmallIntegerField: Django answers a lookup outside a
    # field's range with no rows, so `sort_score = -1` on the positive type would end a walk of pages
    # at the first page boundary among unscored responses.
    return responses.annotate(sort_score=Coalesce("relevance_score", Value(UNSCORED), output_field=IntegerField()))


def _ordered(responses: QuerySet[Application], sort: str) -> QuerySet[Application]:
    field = _sort_field(sort)
    if sort.startswith("-"):
        return responses.order_by(F(field).desc(), F("id").desc())
    return responses.order_by(F(field).asc(), F("id").asc())


def _encode(row: Application, sort: str) -> str:
    key = row.sort_score if _sort_field(sort) == "sort_score" else row.created_at.isoformat()
    raw = json.dumps({"s": sort, "k": key, "id": row.pk}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, sort: str) -> tuple[int | datetime, int]:
    """The last row's sort key and id; a cursor that was not ours, or was made for another sort, is a 400."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if data["s"] != sort or not isinstance(data["id"], int):
            raise ValueError
        key = data["k"]
        if _sort_field(sort) == "created_at":
            key = datetime.fromisoformat(key)
        elif not isinstance(key, int):
            raise ValueError
        return key, data["id"]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        raise ApplicationError(_("This page link is no longer valid: start from the first page.")) from None


def _after(responses: QuerySet[Application], *, cursor: str, sort: str) -> QuerySet[Application]:
    key, last_id = _decode(cursor, sort)
    field = _sort_field(sort)
    if sort.startswith("-"):
        return responses.filter(Q(**{f"{field}__lt": key}) | Q(**{field: key, "id__lt": last_id}))
    return responses.filter(Q(**{f"{field}__gt": key}) | Q(**{field: key, "id__gt": last_id}))


def responses_page(*, employer, filters: Filters, sort: str = DEFAULT_SORT, cursor: str = "",
                   limit: int = PAGE_SIZE) -> tuple[list[Application], str | None]:
    """One page of the employer's responses (only responses to their own vacancies) and the cursor of
    the next page, None on the last. Unscored responses sort below every score."""
    _check_sort(sort)
    limit = max(1, min(limit, PAGE_SIZE_MAX))
    responses = _ordered(_filtered(employer=employer, filters=filters), sort)
    if cursor:
        responses = _after(responses, cursor=cursor, sort=sort)
    rows = list(responses.select_related("candidate", "vacancy")[: limit + 1])
    next_cursor = _encode(rows[limit - 1], sort) if len(rows) > limit else None
    return rows[:limit], next_cursor


def count(*, employer, filters: Filters) -> int:
    return _filtered(employer=employer, filters=filters).count()


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


CSV_HEADER = ("candidate", "vacancy", "company", "score", "skill_match", "status", "decision", "message",
              "applied_at", "screened_at", "decided_at")


def export_csv(*, employer, filters: Filters, sort: str = DEFAULT_SORT) -> Iterator[str]:
    """The filtered list as CSV lines (a header first), every text cell made formula-safe.

    Checks the filters (a foreign vacancy is a 404) before it returns, so a refusal is an error
    response, never a broken download; the rows then stream from the database in chunks.
    """
    _check_sort(sort)
    responses = _ordered(_filtered(employer=employer, filters=filters), sort).select_related("candidate", "vacancy")
    return _csv_lines(responses)


def _csv_lines(responses: QuerySet[Application]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(cell) for cell in cells])
        return buffer.getvalue()

    yield line(CSV_HEADER)
    decisions = {Application.Status.APPROVED, Application.Status.REJECTED}
    for row in responses.iterator(chunk_size=500):
        yield line((row.candidate.username, row.vacancy.title, row.vacancy.company, row.relevance_score,
                    row.skill_match, row.status, row.status if row.status in decisions else "", row.message,
                    _when(row.created_at), _when(row.screening_finished_at), _when(row.decided_at)))
