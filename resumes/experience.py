"""Years of experience from resume text: a stated total, else the job date ranges added up."""

from __future__ import annotations

import re
from datetime import date

from resumes.sections import Line

__all__ = ["MAX_YEARS", "YEAR", "years_experience"]

MAX_YEARS = 60

_NUM = r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)(?!\d)"
_EXPLICIT_YEARS = [
    # "5 years of experience", "5+ years of commercial Python experience", "7 yrs exp"
    re.compile(
        _NUM + r"\s*\+?\s*(?:years?|yrs?)\.?\s+(?:of\s+)?(?:[\w/+#.-]+\s+){0,4}?(?:experience|exp)\b",
        re.IGNORECASE,
    ),
    # "Experience: 5 years", "experience of over 5 years", "Total experience — 6 years"
    re.compile(
        r"\bexperience\s*(?:of|:|—|–|-)?\s*(?:over|more\s+than|about|around|approx\.?|~)?\s*"
        + _NUM
        + r"\s*\+?\s*(?:years?|yrs?)\b",
        re.IGNORECASE,
    ),
    # "Опыт работы 3 года", "Опыт работы — 5 лет 3 месяца", "опыт коммерческой разработки более 4 лет"
    re.compile(
        r"\bопыт\w*(?:\s+[а-яё-]+){0,3}?\s*(?:—|–|-|:)?\s*(?:более|свыше|больше|около|от)?\s*"
        + _NUM
        + r"\s*\+?\s*(?:год|года|лет)(?![а-яё])",
        re.IGNORECASE,
    ),
    # "5 лет опыта", "3 года коммерческого опыта"
    re.compile(
        _NUM + r"\s*\+?\s*(?:год|года|лет)(?:\s+[а-яё]+){0,2}?\s+опыт",
        re.IGNORECASE,
    ),
]

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "jan january янв январь января январе",
        "feb february фев февраль февраля феврале",
        "mar march мар март марта марте",
        "apr april апр апрель апреля апреле",
        "may май мая мае",
        "jun june июн июнь июня июне",
        "jul july июл июль июля июле",
        "aug august авг август августа августе",
        "sep sept september сен сент сентябрь сентября сентябре",
        "oct october окт октябрь октября октябре",
        "nov november ноя нояб ноябрь ноября ноябре",
        "dec december дек декабрь декабря декабре",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH_ALT = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
YEAR = r"(?:19[5-9]\d|20\d\d)"
# A date: "Jan 2018", "января 2018", "03.2018", "03/2018", or a bare year.
_DATE = (
    rf"(?:(?P<{{p}}mon>{_MONTH_ALT})\.?\s+(?P<{{p}}y1>{YEAR})"
    rf"|(?<!\d)(?P<{{p}}mm>0?[1-9]|1[0-2])[./](?P<{{p}}y2>{YEAR})"
    rf"|(?<![\d.])(?P<{{p}}y3>{YEAR}))(?!\d)"
)
_PRESENT = (
    r"(?P<present>present|now|current(?:ly)?|today|to\s+date|till\s+now|ongoing|"
    r"по\s+настоящее\s+время|настоящее\s+время|по\s+н\.?\s?в\.?|н\.?\s?в\.?|сейчас|по\s+сей\s+день|наст\.\s*время)"
)
_RANGE_RE = re.compile(
    _DATE.format(p="s_")
    + r"\s*(?:-|–|—|to|until|till|до|по|\.\.)\s*(?:"
    + _DATE.format(p="e_")
    + "|"
    + _PRESENT
    + ")",
    re.IGNORECASE,
)
_EDUCATION_WORDS = re.compile(
    r"\b(?:universit\w*|institute|college|school|academy|bachelor\w*|ph\.?d|degree|"
    r"faculty|университет\w*|институт\w*|академи\w*|колледж\w*|техникум\w*|школ\w*|"
    r"бакалавр\w*|магистр\w*|факультет\w*|специальност\w*|курсы)",
    re.IGNORECASE,
)


def _month_index(m: re.Match[str], prefix: str) -> int | None:
    mon = m.group(prefix + "mon")
    if mon:
        return int(m.group(prefix + "y1")) * 12 + _MONTHS[mon.lower()] - 1
    if m.group(prefix + "mm"):
        return int(m.group(prefix + "y2")) * 12 + int(m.group(prefix + "mm")) - 1
    year = m.group(prefix + "y3")
    if year:
        # A bare year: "2018 – 2021" counts as three years (January to January).
        return int(year) * 12
    return None


def years_experience(text: str, lines: list[Line], today: date) -> int | None:
    """The years of experience a resume states ("5+ years of experience", "Опыт работы 3 года"), else the
    job date ranges outside its education added up, overlaps merged; None when it gives no clue."""
    # 1. A stated total beats arithmetic over dates (which can't see gaps or part-time).
    stated: list[float] = []
    for pattern in _EXPLICIT_YEARS:
        for m in pattern.finditer(text):
            value = float(m.group(1).replace(",", "."))
            if 0 <= value <= MAX_YEARS:
                stated.append(value)
    if stated:
        return int(max(stated))  # "5.5 years" → 5; the largest is the total, not one stack

    # 2. Otherwise, job date ranges outside the education section, overlaps merged so
    # that two concurrent jobs don't count twice.
    now = today.year * 12 + today.month - 1
    intervals: list[tuple[int, int]] = []
    for line in lines:
        if line.section == "education" or _EDUCATION_WORDS.search(line.text):
            continue
        for m in _RANGE_RE.finditer(line.text):
            start = _month_index(m, "s_")
            end = now if m.group("present") else _month_index(m, "e_")
            if start is None or end is None:
                continue
            if m.group("s_y3") and m.group("e_y3") and end == start:
                end += 6  # "2021 – 2021": a job within one year, call it half a year
            elif not m.group("present") and not m.group("e_y3"):
                end += 1  # "Jan 2018 – Mar 2021" includes March
            if start > end or end > now + 12 or end - start > MAX_YEARS * 12:
                continue
            intervals.append((start, min(end, now)))
    if not intervals:
        return None
    intervals.sort()
    total = 0
    current_start, current_end = intervals[0]
    for start, end in intervals[1:]:
        if start <= current_end:
            current_end = max(current_end, end)
        else:
            total += current_end - current_start
            current_start, current_end = start, end
    total += current_end - current_start
    return min(MAX_YEARS, (total + 6) // 12)  # months → years, half up
