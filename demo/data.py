"""The demo content, read from the JSON files in demo/data/.

    vacancies.json           catalogue vacancies: slug (stable, seeding matches on it), title, company,
                             description, skills, location, salary_min/salary_max (yearly, both null when
                             unpublished), currency, employment_type, language ("ru": written in Russian) and
                             8-10 questions {text, topic, ideal_answer, key_points}; the ideal answer and its
                             key points ground hints, model answers and scoring
    personas.json            interviewer personas: slug, name, description, system_prompt, language,
                             difficulty; the "screening" persona runs employers' screening chats
    employer_vacancies.json  the demo employer's own vacancies, so the hiring side has something to show
    accounts.json            the demo log-ins (all with DEMO_PASSWORD)
    resume.json              the demo candidate's resume
"""

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"
DEMO_PASSWORD = "demo-pass-2024"


def _load(name: str):
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


VACANCIES: list[dict] = _load("vacancies")
PERSONAS: list[dict] = _load("personas")
EMPLOYER_VACANCIES: list[dict] = _load("employer_vacancies")
DEMO_ACCOUNTS: list[dict] = _load("accounts")
DEMO_RESUME: dict = _load("resume")
