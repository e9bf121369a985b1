"""Whole resumes, English and Russian, written as DOCX and PDF files here, read the way a
candidate's upload is: the draft must say what a person reading the resume would say."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from datetime import date

import pytest

from resumes.extraction import extract_text
from resumes.parsing import ParsedResume, parse_resume_text
from skills import normalize_skills
from resumes.tests.helpers import upload_file
from resumes.tests.test_parsing import make_docx, make_pdf

TODAY = date(2025, 6, 1)


@dataclass(frozen=True)
class Resume:
    """A resume as its author wrote it: one entry a paragraph, headings included."""

    name: str
    paragraphs: list[str]

    def docx(self) -> bytes:
        return make_docx(self.paragraphs)

    def pdf(self) -> bytes:
        # A PDF has no paragraphs, only lines: long ones wrap as a 12 pt page would wrap them.
        return make_pdf([line for paragraph in self.paragraphs for line in textwrap.wrap(paragraph, 70)])

    def parsed(self, kind: str) -> ParsedResume:
        data = self.docx() if kind == "docx" else self.pdf()
        extracted = extract_text(data)
        assert extracted.kind == kind
        return parse_resume_text(extracted.text, today=TODAY)


EN_ABOUT = (
    "Backend developer who likes boring, reliable systems. For eight years I have designed APIs, "
    "tuned PostgreSQL queries and kept services up at night so that nobody else had to."
)
EN = Resume(
    "en",
    [
        "Maria Ivanova — Backend Developer",
        "maria.ivanova@example.com | +44 20 7946 0958 | London",
        "About me",
        EN_ABOUT,
        "Skills",
        "Python, Django, FastAPI, PostgreSQL, Redis, Docker, Kubernetes, Git",
        "Experience",
        "Senior Backend Developer at Acme, 2019–2023",
        "Led the payments API rewrite in Django; p95 latency fell from 800 ms to 120 ms.",
        "Backend Developer at Northwind, 2016–2019",
        "Built order processing services with Celery and RabbitMQ.",
        "Education",
        "BSc Computer Science, University of Manchester, 2012–2016",
        "Languages",
        "English (native), Russian (fluent)",
    ],
)

RU_ABOUT = (
    "Backend-разработчик: проектирую API, оптимизирую запросы к PostgreSQL и люблю, когда сервисы "
    "работают без ночных дежурств."
)
RU = Resume(
    "ru",
    [
        "Мария Иванова — Backend-разработчик",
        "maria.ivanova@example.ru | +7 912 345-67-89 | Москва",
        "О себе",
        RU_ABOUT,
        "Навыки",
        "Python, Django, FastAPI, PostgreSQL, Redis, Docker, Kubernetes, Git",
        "Опыт работы",
        "Старший backend-разработчик, Acme, 2019–2023",
        "Переписала платёжный API на Django; p95 снизился с 800 до 120 мс.",
        "Backend-разработчик, Northwind, 2016–2019",
        "Сервисы обработки заказов на Celery и RabbitMQ.",
        "Образование",
        "МГУ им. Ломоносова, ВМК, бакалавр, 2012–2016",
        "Знание языков",
        "Русский — родной, английский — C1",
    ],
)

# Exported from a resume builder: capitals, section names our plain resumes don't use.
EN_TEMPLATE = Resume(
    "en-template",
    [
        "MARIA IVANOVA",
        "BACKEND DEVELOPER",
        "London · maria.ivanova@example.com",
        "PROFILE SUMMARY",
        EN_ABOUT,
        "TECH STACK",
        "Python · Django · PostgreSQL · Docker",
        "WORK EXPERIENCE",
        "Senior Backend Developer at Acme, 2019–2023",
        "Backend Developer at Northwind, 2016–2019",
        "PROJECTS",
        "An open-source Django admin theme with 2,000 stars on GitHub.",
        "EDUCATION",
        "BSc Computer Science, University of Manchester, 2012–2016",
    ],
)
RU_TEMPLATE = Resume(
    "ru-template",
    [
        "Мария Иванова, Backend-разработчик",
        "Москва · maria.ivanova@example.ru",
        "Обо мне",
        RU_ABOUT,
        "Навыки и инструменты",
        "Python, Django, PostgreSQL, Docker",
        "Опыт работы",
        "Старший backend-разработчик, Acme, 2019–2023",
        "ХОББИ",
        "Горные походы и шахматы.",
        "Образование",
        "МГУ им. Ломоносова, ВМК, бакалавр, 2012–2016",
    ],
)

BOTH_KINDS = pytest.mark.parametrize("kind", ["docx", "pdf"])
# What must never show up as a skill chip: the resume's own section titles and job titles.
NOT_SKILLS = {
    "skills", "навыки", "experience", "опыт работы", "education", "образование", "about me", "о себе",
    "backend developer", "senior backend developer", "backend-разработчик", "старший backend-разработчик",
}  # fmt: skip


@BOTH_KINDS
def test_it_reads_an_english_resume(kind):
    parsed = EN.parsed(kind)

    assert parsed.positions == ["Backend Developer"]
    assert parsed.summary == EN_ABOUT
    assert parsed.skills == [
        "PostgreSQL", "Python", "Django", "FastAPI", "Redis", "Docker", "Kubernetes", "Git", "Celery", "RabbitMQ",
    ]  # fmt: skip
    assert parsed.years_experience == 7  # 2016–2023; the degree's years are not work
    assert parsed.education == "BSc Computer Science, University of Manchester, 2012–2016"
    assert parsed.languages == ["English", "Russian"]


@BOTH_KINDS
def test_it_reads_a_russian_resume(kind):
    parsed = RU.parsed(kind)

    assert parsed.positions == ["Backend-разработчик"]
    assert parsed.summary == RU_ABOUT
    assert parsed.skills == [
        "PostgreSQL", "Python", "Django", "FastAPI", "Redis", "Docker", "Kubernetes", "Git", "Celery", "RabbitMQ",
    ]  # fmt: skip
    assert parsed.years_experience == 7
    assert parsed.education == "МГУ им. Ломоносова, ВМК, бакалавр, 2012–2016"
    assert parsed.languages == ["Russian", "English"]


@BOTH_KINDS
@pytest.mark.parametrize("resume", [EN, RU, EN_TEMPLATE, RU_TEMPLATE], ids=lambda r: r.name)
def test_the_name_in_the_heading_is_never_a_position(resume, kind):
    parsed = resume.parsed(kind)

    assert parsed.positions, "the heading's title is the draft position"
    for position in parsed.positions:
        assert "ivanova" not in position.casefold() and "иванова" not in position.casefold()


@BOTH_KINDS
@pytest.mark.parametrize("resume", [EN, RU, EN_TEMPLATE, RU_TEMPLATE], ids=lambda r: r.name)
def test_section_and_job_titles_are_never_skills(resume, kind):
    skills = {skill.casefold() for skill in resume.parsed(kind).skills}

    assert skills and not skills & NOT_SKILLS


@BOTH_KINDS
@pytest.mark.parametrize(("resume", "about"), [(EN_TEMPLATE, EN_ABOUT), (RU_TEMPLATE, RU_ABOUT)], ids=["en", "ru"])
def test_the_summary_is_the_about_section_only_whatever_its_title(resume, about, kind):
    # "PROFILE SUMMARY" above "TECH STACK", "Обо мне" above "Навыки и инструменты": the
    # section ends where the next one begins, not at the end of the document.
    assert resume.parsed(kind).summary == about


@BOTH_KINDS
def test_a_resume_without_an_about_section_gets_its_opening_paragraph_only(kind):
    opening = "Backend developer who keeps payment systems fast and boring. I mentor juniors."
    resume = Resume(
        "no-about",
        [
            "Maria Ivanova — Backend Developer",
            "maria.ivanova@example.com",
            opening,
            "Skills",
            "Python, Django, PostgreSQL",
            "Experience",
            "Senior Backend Developer at Acme, 2019–2023",
            "Led the payments API rewrite in Django.",
        ],
    )

    assert resume.parsed(kind).summary == opening


def test_a_resume_with_no_prose_at_all_has_no_summary():
    text = "Maria Ivanova\nBackend Developer\nSkills\nPython, Django\nExperience\nAcme, 2019–2023"
    assert parse_resume_text(text, today=TODAY).summary == ""


@BOTH_KINDS
def test_a_desired_position_line_wins_over_the_heading(kind):
    resume = Resume(
        "desired",
        [
            "Мария Иванова — Backend-разработчик",
            "Желаемая должность: Тимлид backend-разработки",
            "Навыки",
            "Python, Django",
        ],
    )
    assert resume.parsed(kind).positions == ["Тимлид backend-разработки"]


@pytest.mark.parametrize(
    ("heading", "positions"),
    [
        ("Maria Ivanova — Backend Developer", ["Backend Developer"]),
        ("Backend Developer | Maria Ivanova", ["Backend Developer"]),
        ("Maria A. Ivanova – Senior Backend Developer – London", ["Senior Backend Developer"]),
        ("Мария Иванова, Backend-разработчик", ["Backend-разработчик"]),
        ("Anna-Maria O'Neil - Product Manager | Product Owner", ["Product Manager", "Product Owner"]),
        ("Maria Ivanova", []),
    ],
)
def test_only_the_title_part_of_a_heading_is_a_position(heading, positions):
    text = f"{heading}\nmaria@example.com\nSkills\nPython"
    assert parse_resume_text(text, today=TODAY).positions == positions


def test_skill_lists_drop_section_and_job_titles_but_keep_known_skills():
    names = [
        "Skills", "Навыки:", "Soft skills", "Опыт работы", "Backend Developer", "Senior backend developer",
        "Backend-разработчик", "Менеджер по продажам", "Head of Sales", "Team lead",
        "Python", "DevOps", "Lead generation", "Google Tag Manager", "Scrum master", "Аналитика данных", "Nomad",
    ]  # fmt: skip
    assert normalize_skills(names) == [
        "Python", "DevOps", "Lead generation", "Google Tag Manager", "Scrum master", "Аналитика данных", "Nomad",
    ]  # fmt: skip


@pytest.mark.django_db
def test_an_upload_never_offers_a_heading_or_a_job_title_as_a_skill(api, fake_ollama):
    # A small model reading the resume lists what it sees; both are named in the text, so
    # the "is it in the text" check alone lets them through.
    fake_ollama.add_reply(json.dumps({
        "skills": ["Skills", "Backend Developer", "Senior Backend Developer", "Python", "Nomad"],
        "positions": [],
        "years_experience": None,
    }))  # fmt: skip
    resume = Resume("upload", [*EN.paragraphs, "Deployed with Nomad."])

    response = api.client.post(
        "/api/resume/upload", {"file": upload_file("cv.docx", resume.docx())}, headers=api._headers(None)
    )

    assert response.status_code == 200, response.content
    draft = response.json()
    assert "Nomad" in draft["skills"]  # the model's read still adds what the dictionary doesn't know
    assert not {skill.casefold() for skill in draft["skills"]} & NOT_SKILLS
    assert draft["positions"] == ["Backend Developer"]
    assert draft["summary"] == EN_ABOUT
