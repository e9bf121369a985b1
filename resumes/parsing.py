"""Resume text to a draft profile: skills, years of experience, languages, positions, education and summary,
with rules only, so the same text always gives the same draft (an optional LLM pass, resumes.ai_read, may
refine it). The text comes from resumes.extraction; it is untrusted user content. Its sections are read by
resumes.sections, the years by resumes.experience.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from resumes.experience import YEAR, years_experience
from resumes.extraction import clean_text
from resumes.sections import Line, split_sections
from skills import extract_skills

__all__ = ["ParsedResume", "parse_resume_text"]


@dataclass(slots=True)
class ParsedResume:
    """A draft profile from resume text; every field may be empty."""

    skills: list[str] = field(default_factory=list)  # canonical names (skills.extract_skills)
    years_experience: int | None = None  # None when the text gives no clue
    languages: list[str] = field(default_factory=list)  # English names: "English", "Russian"
    positions: list[str] = field(default_factory=list)  # desired/current job titles
    education: str = ""
    summary: str = ""  # at most SUMMARY_CHARS characters


SUMMARY_CHARS = 500
MAX_POSITIONS = 5


def parse_resume_text(text: str, *, today: date | None = None) -> ParsedResume:
    """Draft profile from resume text, with rules only (deterministic for a given
    ``today``, which anchors "2019 – present"; default: the current date).

    Only the first ``resumes.extraction.MAX_TEXT_CHARS`` characters are read.
    """
    text = clean_text(text or "")
    today = today or date.today()
    lines = split_sections(text)
    return ParsedResume(
        skills=extract_skills(text),
        years_experience=years_experience(text, lines, today),
        languages=_languages(lines),
        positions=_positions(lines),
        education=_education(lines),
        summary=_summary(lines),
    )


# --- languages ---------------------------------------------------------------------------

# English name → (English spelling, matched case-sensitively so "polish" the verb is not
# Polish; Russian stem, matched case-insensitively).
_LANGUAGES: dict[str, tuple[str, str]] = {
    "English": ("English", "английск"),
    "Russian": ("Russian", "русск"),
    "German": ("German", "немецк"),
    "French": ("French", "французск"),
    "Spanish": ("Spanish", "испанск"),
    "Italian": ("Italian", "итальянск"),
    "Portuguese": ("Portuguese", "португальск"),
    "Chinese": ("Chinese|Mandarin", "китайск"),
    "Japanese": ("Japanese", "японск"),
    "Korean": ("Korean", "корейск"),
    "Arabic": ("Arabic", "арабск"),
    "Turkish": ("Turkish", "турецк"),
    "Ukrainian": ("Ukrainian", "украинск"),
    "Belarusian": ("Belarusian", "белорусск"),
    "Polish": ("Polish", "польск"),
    "Czech": ("Czech", "чешск"),
    "Dutch": ("Dutch", "нидерландск|голландск"),
    "Swedish": ("Swedish", "шведск"),
    "Finnish": ("Finnish", "финск"),
    "Norwegian": ("Norwegian", "норвежск"),
    "Danish": ("Danish", "датск"),
    "Greek": ("Greek", "греческ"),
    "Hebrew": ("Hebrew", "иврит"),
    "Hindi": ("Hindi", "хинди"),
    "Kazakh": ("Kazakh", "казахск"),
    "Uzbek": ("Uzbek", "узбекск"),
    "Armenian": ("Armenian", "армянск"),
    "Georgian": ("Georgian", "грузинск"),
    "Azerbaijani": ("Azerbaijani", "азербайджанск"),
    "Vietnamese": ("Vietnamese", "вьетнамск"),
    "Persian": ("Persian|Farsi", "персидск|фарси"),
    "Serbian": ("Serbian", "сербск"),
    "Romanian": ("Romanian", "румынск"),
    "Hungarian": ("Hungarian", "венгерск"),
}
_LANGUAGE_RES = [
    (name, re.compile(rf"(?<!\w)(?:{english}|{english.upper()})(?!\w)|(?i:(?<!\w)(?:{russian})\w*)"))
    for name, (english, russian) in _LANGUAGES.items()
]
# Words that make a language mention a claim of speaking it, outside a Languages section.
_LEVEL_RE = re.compile(
    r"(?<!\w)(?:native|fluent\w*|proficien\w*|intermediate|upper|advanced|beginner|elementary|basic|"
    r"conversational|working\s+knowledge|business|mother\s+tongue|[ABC][12]|ielts|toefl|"
    r"родной|свободн\w*|базов\w*|разговорн\w*|технический|чтени\w*|средн\w*|продвинут\w*|"
    r"начальн\w*|носитель|язык\w*|language)(?!\w)",
    re.IGNORECASE,
)


def _languages(lines: list[Line]) -> list[str]:
    found: list[str] = []
    for line in lines:
        if not line.text:
            continue
        in_section = line.section == "languages"
        if not in_section and not _LEVEL_RE.search(line.text):
            continue  # "Russian Post", "English-speaking clients" in passing
        hits = []
        for name, pattern in _LANGUAGE_RES:
            m = pattern.search(line.text)
            if m:
                hits.append((m.start(), name))
        for _start, name in sorted(hits):
            if name not in found:
                found.append(name)
    return found


# --- positions -----------------------------------------------------------------------------

_TITLE_WORDS = re.compile(
    r"(?<!\w)(?:developer|engineer|programmer|architect|administrator|admin|devops|sre|analyst|"
    r"scientist|designer|manager|director|head|lead|specialist|consultant|recruiter|sourcer|"
    r"marketer|accountant|tester|qa|owner|officer|coordinator|assistant|representative|"
    r"executive|intern|trainee|writer|copywriter|editor|teacher|operator|agent|cto|ceo|cfo|"
    r"разработчик\w*|программист\w*|инженер\w*|архитектор\w*|администратор\w*|аналитик\w*|"
    r"дизайнер\w*|менеджер\w*|директор\w*|руководител\w*|специалист\w*|консультант\w*|"
    r"рекрутер\w*|маркетолог\w*|бухгалтер\w*|тестировщик\w*|оператор\w*|продавец|"
    r"копирайтер\w*|редактор\w*|преподавател\w*|ассистент\w*|стажер\w*|стажёр\w*|"
    r"тимлид\w*|техлид\w*|hr|smm-?\w*)(?!\w)",
    re.IGNORECASE,
)
_SALARY_TAIL_RE = re.compile(
    r"[\s,;—–-]*(?:от\s+|from\s+)?\d[\d\s.,]*\s*(?:руб\w*|₽|\$|usd|eur|€|rub|k)\b.*$|[\s,;—–-]*\d[\d\s]{3,}.*$",
    re.IGNORECASE,
)
_CONTACT_RE = re.compile(
    r"@|https?://|www\.|\+?\d(?:[\s()\-]*\d){9,}|\b(?:tel|phone|e-?mail|telegram|skype|linkedin|github|"
    r"телефон|тел\.|почта)\b",
    re.IGNORECASE,
)


def _clean_position(value: str) -> list[str]:
    value = _SALARY_TAIL_RE.sub("", value[:200]).strip(" \t-–—:;,.•·*")
    if not value:
        return []
    parts = [p.strip(" \t-–—:;,.•·*") for p in re.split(r"\s+/\s+|\s*[|;]\s*", value)]
    result: list[str] = []
    for part in parts:
        # "Sales manager, account manager" is two titles; "Developer, Backend" is one.
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(_TITLE_WORDS.search(p) for p in pieces):
            result.extend(pieces)
        elif part:
            result.append(part)
    return [p[:100] for p in result if p]


def _positions(lines: list[Line]) -> list[str]:
    """Desired job titles: a labelled line wins; otherwise the title a resume opens with.

    A heading such as "Maria Ivanova — Backend Developer" is how people state the job they
    want, so its title part ("Backend Developer") is offered as the draft position, which
    the candidate confirms or edits. The name (or a city) beside it is never part of a
    position: only the parts that name a job are kept.
    """
    # 1. A labelled line: "Desired position: X", or the line after a bare heading
    #    ("Желаемая должность и зарплата\nPython-разработчик", as hh.ru exports).
    for index, line in enumerate(lines):
        if line.heading != "position":
            continue
        value = line.text
        if not value:
            value = next((later.text for later in lines[index + 1 : index + 4] if later.text), "")
        positions = _clean_position(value)
        if positions:
            return _dedupe(positions)[:MAX_POSITIONS]
    # 2. The first short, title-like line near the top (under a name, above contacts).
    #    A title is a short label, not a sentence ("I lead a team of five").
    candidates = [
        line
        for line in lines[:40]
        if line.text and line.heading is None and line.section in (None, "summary", "experience")
    ][:15]
    for line in candidates:
        value = line.text
        if (
            len(value) <= 120
            and not value.endswith((".", "!", "?"))
            and not _CONTACT_RE.search(value)
            and not re.search(r"\d", value)
            and not re.match(r"(?i)(?:i|we|я|мы)\b", value)
        ):
            titles = [part for part in _heading_parts(value) if len(part.split()) <= 6 and _TITLE_WORDS.search(part)]
            if titles:
                return _dedupe([p for title in titles for p in _clean_position(title)])[:MAX_POSITIONS]
    return []


# What separates a name, a title and a city on one heading line: spaced dashes, pipes, bullets.
_HEADING_SEPARATOR_RE = re.compile(r"\s+[—–-]\s+|\s*[|•·]\s*")
# "Мария Иванова" or "Maria A. Ivanova": two or three capitalised words, nothing else.
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’-])*\.?"  # letters, "Anna-Maria", "O'Neil", "A."
_NAME_RE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}")


def _heading_parts(value: str) -> list[str]:
    parts = [part.strip() for part in _HEADING_SEPARATOR_RE.split(value) if part.strip()]
    result = []
    for part in parts:
        # "Мария Иванова, Backend-разработчик": the comma too may follow a name.
        first, sep, rest = part.partition(",")
        if sep and rest.strip() and _looks_like_name(first):
            part = rest.strip()
        result.append(part)
    return result


def _looks_like_name(text: str) -> bool:
    text = text.strip()
    return (
        _NAME_RE.fullmatch(text) is not None
        and all(word[0].isupper() for word in text.split())
        and not _TITLE_WORDS.search(text)
    )


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            result.append(item)
    return result


# --- education -------------------------------------------------------------------------------

_DEGREE_RE = re.compile(
    r"(?<!\w)(?:bachelor\w*|master\w*|ph\.?\s?d|mba|b\.?\s?sc|m\.?\s?sc|b\.?a\.|m\.?a\.|b\.?eng|m\.?eng|"
    r"associate\s+degree|high\s+school|university|college|institute|высшее|неоконченное\s+высшее|"
    r"среднее\s+специальное|среднее\s+профессиональное|бакалавр\w*|магистр\w*|специалитет|"
    r"аспирантур\w*|кандидат\s+\w+\s+наук|университет\w*|институт\w*|академи\w*|колледж\w*|техникум\w*)(?!\w)",
    re.IGNORECASE,
)
_YEAR_ONLY_RE = re.compile(rf"^[\s\d.–—\-]*{YEAR}[\s\d.–—\-]*$|^[\s\d.–—\-]*$")


def _education(lines: list[Line]) -> str:
    # 1. The first lines of an Education section (years alone are skipped: "2015").
    section = [
        line.text
        for line in lines
        if line.section == "education" and line.text and not _YEAR_ONLY_RE.match(line.text)
    ]
    if section:
        return _truncate("; ".join(section[:3]), 300)
    # 2. Any line naming a degree or an institution.
    for line in lines:
        if line.text and _DEGREE_RE.search(line.text) and not _CONTACT_RE.search(line.text):
            return _truncate(line.text, 300)
    return ""


# --- summary ------------------------------------------------------------------------------------


def _summary(lines: list[Line]) -> str:
    """The About/Summary section's own text, cut at a word boundary to ~SUMMARY_CHARS.

    The section ends at the next heading, known or not ("HOBBIES", "Side projects:"), so it
    never runs on into skills or jobs. A resume without such a section gets its opening
    paragraph above the first heading (the name, title and contact lines skipped), and
    nothing at all when it has none: the rest of the document is not a summary.
    """
    about: list[str] = []
    in_about = False
    for line in lines:
        if line.heading is not None:
            in_about = line.heading == "summary"
        elif in_about and _looks_like_heading(line.text):
            in_about = False
        if in_about and line.text:
            about.append(line.text)
    return _truncate(" ".join(" ".join(about or _opening_paragraph(lines)).split()), SUMMARY_CHARS)


def _opening_paragraph(lines: list[Line]) -> list[str]:
    paragraph: list[str] = []
    for line in lines:
        text = line.text
        if line.heading is not None or (paragraph and (not text or _looks_like_heading(text))):
            break
        if not text or _CONTACT_RE.search(text):
            continue
        # A name, a title or a city is a short label; prose is a sentence or a long line.
        if paragraph or len(text.split()) > 6 or text.endswith((".", "!", "?")):
            paragraph.append(text)
    return paragraph


def _looks_like_heading(text: str) -> bool:
    """A section title our vocabulary doesn't know: "PROJECTS", "ХОББИ", "Side projects:"."""
    words = text.split()
    if not 0 < len(words) <= 4 or re.search(r"\d", text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return text.endswith(":") or (len(letters) >= 4 and all(ch.isupper() for ch in letters))


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"
