"""Resume text in sections: each line knows the heading it is under (English and Russian headings)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "split_sections"]

# Section titles, English and Russian. A line is a heading when it is one of these,
# alone or followed by ":"/dash and inline content ("Languages: English, German").
_SECTIONS: dict[str, str] = {
    "position": (
        r"desired\s+(?:position|role|job)|target\s+(?:position|role)|position|job\s+title|title|role|"
        r"желаемая\s+должность(?:\s+и\s+зарплата)?|должность|позиция|специализаци[яи]"
    ),
    "summary": (
        r"(?:professional\s+|profile\s+|career\s+)?summary|summary\s+of\s+qualifications|about(?:\s+me|\s+myself)?|"
        r"(?:professional\s+|personal\s+)?profile|(?:career\s+)?objective|personal\s+statement|"
        r"о\s+себе|обо\s+мне|(?:кратко|коротко)\s+о\s+себе|профиль|дополнительная\s+информация|цель"
    ),
    "experience": (
        r"(?:work|professional|employment)\s+(?:experience|history)|experience|employment|"
        r"опыт\s+работы|опыт|места\s+работы|трудовая\s+деятельность"
    ),
    "education": (
        r"education(?:\s*(?:&|and)\s*(?:training|courses|certifications?))?|academic\s+background|courses|"
        r"certifications?|certificates|training|"
        r"(?:высшее\s+)?образование(?:\s+и\s+(?:курсы|сертификаты))?|курсы|повышение\s+квалификации|"
        r"сертификаты|тесты,?\s+экзамены|электронные\s+сертификаты"
    ),
    "skills": (
        r"(?:(?:key|technical|core|hard|soft|professional)\s+)?skills(?:\s*(?:&|and)\s*(?:tools|technologies))?|"
        r"skill\s+set|(?:tech(?:nology)?\s+)?stack|tools(?:\s*(?:&|and)\s*technologies)?|technologies|"
        r"(?:core\s+)?competencies|"
        r"(?:ключевые\s+|профессиональные\s+)?навыки(?:\s+и\s+(?:инструменты|технологии))?|"
        r"технологии|(?:технологический\s+)?стек(?:\s+технологий)?|инструменты|компетенции"
    ),
    "languages": r"languages?|language\s+skills|знание\s+языков|языки|иностранные\s+языки|владение\s+языками",
    "contacts": r"contacts?|contact\s+information|контакты|контактная\s+информация",
    # Sections we don't read, known so that the one above them ends where they begin.
    "other": (
        r"(?:key\s+|pet\s+|side\s+|personal\s+)?projects|achievements|awards|publications|hobbies|interests|"
        r"references|volunteering|portfolio|"
        r"проекты|пет-проекты|достижения|награды|публикации|хобби|увлечения|интересы|рекомендации|портфолио|"
        r"личные\s+качества"
    ),
}
_HEADING_RE = re.compile(
    r"^[\s•·*#\-–—]*(?:" + "|".join(f"(?P<{name}>{alts})" for name, alts in _SECTIONS.items()) + r")"
    r"\s*(?:$|[:—–|]\s*(?P<rest>.*)$|-\s+(?P<rest2>.*)$)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Line:
    text: str
    section: str | None  # the heading this line is under (None before the first one)
    heading: str | None = None  # set when this line is itself a heading


def split_sections(text: str) -> list[Line]:
    result: list[Line] = []
    section: str | None = None
    for raw in text.split("\n"):
        line = raw.strip()
        m = _HEADING_RE.match(line) if len(line) <= 80 else None
        if m:
            section = _heading_name(m)
            rest = (m.group("rest") or m.group("rest2") or "").strip()
            result.append(Line(text=rest, section=section, heading=section))
            continue
        result.append(Line(text=line, section=section))
    return result


def _heading_name(m: re.Match[str]) -> str:
    return next(name for name in _SECTIONS if m.group(name) is not None)
