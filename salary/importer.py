"""Parse exports of real vacancies (CSV or JSON Lines, hh.ru vacancy API field names).

Framework-free: returns :class:`salary.ml.Posting` objects plus per-row errors and a
summary; the ``import_vacancies`` management command decides how to store and print them.

Accepted shapes
---------------
* JSONL: one object per line, shaped like an hh.ru vacancy::

      {"name": "...", "description": "<p>HTML allowed</p>",
       "salary": {"from": 150000, "to": 200000, "currency": "RUR"} | null,
       "area": {"name": "Москва"}, "key_skills": [{"name": "Python"}, ...]}

* CSV with a header row: ``name, description, salary.from, salary.to, salary.currency,
  area.name, key_skills``; ``key_skills`` is a JSON list (of strings or ``{"name": ...}``)
  or names separated by ``;`` (or ``,`` when there is no ``;``). Descriptions may be HTML.

Rows are validated one by one: a bad row is reported with its row and line number and a
sentence saying what is wrong, and every other row is still imported. Problems with the
file as a whole (not UTF-8, no ``name`` column, unknown format) raise ImportFileError.

Currencies
----------
Codes are checked against hh.ru's currency dictionary; hh.ru's legacy codes are mapped to
ISO (``RUR`` -> ``RUB``, ``BYR`` -> ``BYN``). Postings in every known currency are
imported as they are, without conversion; the salary model trains on RUB only (see
``salary.ml``), because converting with a fixed exchange-rate table would mix different
labour markets and go stale.

Salaries are taken as published: hh.ru's ``gross`` flag (before/after tax) is ignored,
since most IT postings are gross and the rest differ by 13 % income tax, well inside the
model's error.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, Literal

from salary.ml import Posting

__all__ = ["CURRENCY_ALIASES", "KNOWN_CURRENCIES", "ImportFileError", "ImportResult", "RowError", "html_to_text",
           "parse_file"]

Format = Literal["csv", "jsonl"]

# hh.ru's /dictionaries currency list, in ISO codes.
KNOWN_CURRENCIES = frozenset({"RUB", "USD", "EUR", "KZT", "BYN", "UAH", "UZS", "AZN", "GEL", "KGS"})
# hh.ru still uses pre-redenomination codes in its API.
CURRENCY_ALIASES = {"RUR": "RUB", "BYR": "BYN"}

_CSV_COLUMNS = ("name", "description", "salary.from", "salary.to", "salary.currency", "area.name", "key_skills")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (as opposed to one bad row)."""


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # 1-based data row (header excluded)
    line: int  # 1-based line in the file where the row starts
    message: str

    def __str__(self) -> str:
        return f"row {self.row} (line {self.line}): {self.message}"


@dataclass(slots=True)
class ImportResult:
    postings: list[Posting] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    read: int = 0

    @property
    def imported(self) -> int:
        return len(self.postings)

    @property
    def skipped(self) -> int:
        return len(self.errors)

    @property
    def by_currency(self) -> dict[str, int]:
        return dict(Counter(p.currency for p in self.postings))

    def summary(self) -> str:
        currencies = ", ".join(f"{code} {n}" for code, n in sorted(self.by_currency.items())) or "none"
        return f"read {self.read}, imported {self.imported}, skipped {self.skipped} (currencies: {currencies})"


class _RowProblem(ValueError):
    """One row is invalid; the message is shown to the user as is."""


# --------------------------------------------------------------------------- HTML


class _TextExtractor(HTMLParser):
    # Block-level tags end a line of text; without this "<li>a</li><li>b</li>" becomes "ab".
    _BREAKS = frozenset({"p", "br", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """Strip tags and entities, keep paragraph breaks as newlines, collapse other whitespace."""
    text = value
    if "<" in value or "&" in value:
        extractor = _TextExtractor()
        extractor.feed(value)
        extractor.close()
        text = html.unescape("".join(extractor.parts))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- field parsing


def _amount(value: Any, *, field_name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):  # bool is an int subclass; True is not a salary
        raise _RowProblem(f"{field_name} is not a number: {value!r}")
    if isinstance(value, str):
        # Exports from spreadsheets write "150 000" or "150000.0".
        cleaned = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            raise _RowProblem(f"{field_name} is not a number: {value!r}") from None
    if not isinstance(value, int | float):
        raise _RowProblem(f"{field_name} is not a number: {value!r}")
    if value != value or value in (float("inf"), float("-inf")):
        raise _RowProblem(f"{field_name} is not a finite number")
    if value < 0:
        raise _RowProblem(f"{field_name} is negative ({value:g})")
    if value == 0:
        # hh.ru writes null for a missing bound; 0 is a data error, not "no upper limit".
        raise _RowProblem(f"{field_name} is zero; leave it empty when the bound is not published")
    return round(value)


def _currency(value: Any, *, default: str | None) -> str:
    code = str(value).strip().upper() if value is not None else ""
    if not code:
        if default is None:
            raise _RowProblem("salary.currency is missing")
        return default
    code = CURRENCY_ALIASES.get(code, code)
    if code not in KNOWN_CURRENCIES:
        known = ", ".join(sorted(KNOWN_CURRENCIES | set(CURRENCY_ALIASES)))
        raise _RowProblem(f"unknown currency {value!r} (expected one of {known})")
    return code


def _skills(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return ()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                raise _RowProblem(f"key_skills looks like JSON but is not valid: {text[:60]!r}") from None
        else:
            separator = ";" if ";" in text else ","
            return tuple(_dedupe(part.strip() for part in text.split(separator)))
    if not isinstance(value, list):
        raise _RowProblem("key_skills must be a list of names or of {\"name\": ...} objects")
    names: list[str] = []
    for item in value:
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str):
            raise _RowProblem(f"key_skills contains an entry without a name: {item!r}")
        names.append(name.strip())
    return tuple(_dedupe(names))


def _dedupe(names: Iterator[str] | list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def _posting(*, name: Any, description: Any, salary_from: Any, salary_to: Any, currency: Any, area: Any,
             skills: Any, synthetic: Any, default_currency: str | None) -> Posting:
    """Validate one row's raw fields; raises _RowProblem with a user-facing sentence."""
    title = html_to_text(name) if isinstance(name, str) else ""
    if not title:
        raise _RowProblem("missing name (the vacancy title)")
    low = _amount(salary_from, field_name="salary.from")
    high = _amount(salary_to, field_name="salary.to")
    if low is None and high is None:
        raise _RowProblem("no salary: salary.from and salary.to are both empty")
    if low is not None and high is not None and low > high:
        raise _RowProblem(f"salary.from ({low}) is greater than salary.to ({high})")
    return Posting(
        title=title,
        description=html_to_text(description) if isinstance(description, str) else "",
        skills=_skills(skills),
        location=str(area).strip() if area is not None else "",
        salary_from=low,
        salary_to=high,
        currency=_currency(currency, default=default_currency),
        synthetic=synthetic is True or (isinstance(synthetic, str) and synthetic.strip().lower() == "true"),
    )


# --------------------------------------------------------------------------- formats


def _parse_jsonl(stream: IO[str], result: ImportResult, *, default_currency: str | None) -> None:
    row = 0
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue  # blank lines (e.g. a trailing newline) are not rows
        row += 1
        result.read += 1
        try:
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise _RowProblem(f"invalid JSON ({error.msg} at column {error.colno})") from None
            if not isinstance(item, dict):
                raise _RowProblem(f"expected a JSON object, got {type(item).__name__}")
            salary = item.get("salary")
            if salary is not None and not isinstance(salary, dict):
                raise _RowProblem("salary must be an object with from/to/currency or null")
            salary = salary or {}
            area = item.get("area")
            result.postings.append(_posting(
                name=item.get("name"), description=item.get("description"),
                salary_from=salary.get("from"), salary_to=salary.get("to"), currency=salary.get("currency"),
                area=area.get("name") if isinstance(area, dict) else area,
                skills=item.get("key_skills"), synthetic=item.get("synthetic"),
                default_currency=default_currency,
            ))
        except _RowProblem as problem:
            result.errors.append(RowError(row=row, line=line_number, message=str(problem)))


def _parse_csv(stream: IO[str], result: ImportResult, *, default_currency: str | None) -> None:
    reader = csv.DictReader(stream)
    header = [column.strip() for column in reader.fieldnames or []]
    if "name" not in header:
        raise ImportFileError(f"CSV header has no 'name' column (expected columns: {', '.join(_CSV_COLUMNS)})")
    reader.fieldnames = header
    line_start = reader.line_num + 1  # quoted descriptions can span lines, so track where rows start
    for row, record in enumerate(reader, start=1):
        result.read += 1
        try:
            if None in record:
                raise _RowProblem(f"more values than header columns ({len(header)})")
            result.postings.append(_posting(
                name=record.get("name"), description=record.get("description"),
                salary_from=record.get("salary.from"), salary_to=record.get("salary.to"),
                currency=record.get("salary.currency"), area=record.get("area.name"),
                skills=record.get("key_skills"), synthetic=record.get("synthetic"),
                default_currency=default_currency,
            ))
        except _RowProblem as problem:
            result.errors.append(RowError(row=row, line=line_start, message=str(problem)))
        line_start = reader.line_num + 1


def _detect_format(*, name: str | None, head: str) -> Format:
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix in {".csv", ".tsv"}:
        return "csv"
    if head.lstrip().startswith("{"):
        return "jsonl"
    if head.lstrip().startswith("["):
        raise ImportFileError("a JSON array is not supported; export one object per line (JSON Lines)")
    return "csv"


def _text_stream(source: IO[Any]) -> IO[str]:
    if isinstance(source, io.TextIOBase):
        return source
    # Binary input (Django's UploadedFile, open(..., "rb")): utf-8-sig drops Excel's BOM.
    return io.TextIOWrapper(source, encoding="utf-8-sig", newline="")


def parse_file(
    source: str | Path | IO[str] | IO[bytes],
    *,
    format: Format | None = None,  # noqa: A002 - name fixed by the public API
    default_currency: str | None = None,
) -> ImportResult:
    """Parse a CSV or JSONL export into postings, per-row errors and counts.

    ``format`` is detected from the file name or the first character when not given.
    ``default_currency`` fills rows without a currency; by default such rows are errors,
    because guessing RUB for a foreign posting would silently corrupt training data.
    """
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            return parse_file(handle, format=format, default_currency=default_currency)

    stream = _text_stream(source)
    result = ImportResult()
    try:
        head = stream.read(64)
        if format is None:
            format = _detect_format(name=getattr(source, "name", None), head=head)
        if format not in ("csv", "jsonl"):
            raise ImportFileError(f"unknown format {format!r}; use 'csv' or 'jsonl'")
        # The head was consumed for sniffing; chain it back in front of the rest.
        full = _Prefixed(head, stream)
        if format == "csv":
            _parse_csv(full, result, default_currency=default_currency)
        else:
            _parse_jsonl(full, result, default_currency=default_currency)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not valid UTF-8 (byte {error.start}); re-export it as UTF-8 "
            "(exports from Excel are often Windows-1251)"
        ) from None
    except csv.Error as error:
        raise ImportFileError(f"the CSV is malformed: {error}") from None
    finally:
        if isinstance(stream, io.TextIOWrapper) and stream is not source:
            stream.detach()  # do not close the caller's binary file
    return result


class _Prefixed(io.TextIOBase):
    """A text stream that yields ``prefix`` and then the rest of ``stream``, line by line.

    Lets the format be sniffed from the first characters of a non-seekable upload
    without reading the whole file into memory.
    """

    def __init__(self, prefix: str, stream: IO[str]) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:
        if self._prefix:
            if "\n" in self._prefix:
                line, _, self._prefix = self._prefix.partition("\n")
                return line + "\n"
            line, self._prefix = self._prefix + self._stream.readline(), ""
            return line
        return self._stream.readline()

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

