"""Demo data for `manage.py seed_demo` (idempotent): accounts first, each capability adds its part."""

from collections.abc import Iterator

from django.db import transaction

from accounts.models import User
from interviews.demo_personas import PERSONAS
from interviews.models import Persona
from resumes.models import Resume
from vacancies.demo_data import VACANCIES
from vacancies.models import Vacancy
from vacancies.services import replace_questions

DEMO_PASSWORD = "demo-pass-2024"
DEMO_ACCOUNTS = [
    {"username": "demo", "role": User.Role.CANDIDATE, "email": "demo@example.com", "city": "Moscow"},
    {"username": "employer", "role": User.Role.EMPLOYER, "email": "hr@example.com", "city": "Saint Petersburg"},
    {"username": "admin", "role": User.Role.CANDIDATE, "email": "admin@example.com", "is_staff": True, "is_superuser": True},
]


def _accounts() -> Iterator[str]:
    for spec in DEMO_ACCOUNTS:
        fields = dict(spec)
        username = fields.pop("username")
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        yield f"{'Created' if created else 'Kept'} account {username!r} ({user.role}{', staff' if user.is_staff else ''})"


# The demo employer's own vacancies, so the hiring side has something to show on the first run.
EMPLOYER_VACANCIES = [
    {
        "slug": "demo-employer-python-backend",
        "title": "Python Backend Developer",
        "company": "Northwind Logistics",
        "description": (
            "We move 40,000 parcels a day and our routing, billing and tracking run on Django and PostgreSQL. "
            "You will build and operate REST APIs, background jobs and data pipelines with a team of five, "
            "own features from design to production, and review each other's code.\n\n"
            "You have 3+ years with Python, know SQL beyond the ORM, write tests as a habit and have shipped "
            "services in Docker. Celery or another task queue, and cloud experience, are a plus."
        ),
        "skills": ["Python", "Django", "PostgreSQL", "REST API", "Docker", "Celery", "Git", "SQL"],
        "location": "Saint Petersburg",
        "salary_min": 220000,
        "salary_max": 320000,
        "currency": "RUB",
        "employment_type": "full_time",
        "language": "en",
    },
    {
        "slug": "demo-employer-data-analyst",
        "title": "Data Analyst",
        "company": "Northwind Logistics",
        "description": (
            "Help operations decide with data: delivery times, courier load, regional demand. You will write "
            "SQL against our warehouse, build dashboards, design and read A/B tests and present findings to "
            "managers who are not analysts.\n\nYou know SQL and Python (pandas) well, statistics for "
            "experiments, and one BI tool."
        ),
        "skills": ["SQL", "Python", "Pandas", "Statistics", "A/B testing", "Tableau"],
        "location": "Remote",
        "salary_min": None,
        "salary_max": None,
        "currency": "RUB",
        "employment_type": "full_time",
        "language": "en",
    },
]

DEMO_RESUME = {
    "positions": ["Python developer", "Backend developer"],
    "years_experience": 3,
    "skills": ["Python", "Django", "SQL", "Git", "Docker", "REST API"],
    "expected_salary": 250000,
    "currency": "RUB",
    "region": "Moscow",
    "languages": ["English", "Russian"],
    "education": "BSc in Applied Mathematics, 2021",
    "summary": "Backend developer: three years of Django services, REST APIs and PostgreSQL at a retail startup.",
}


def _employer_vacancies() -> Iterator[str]:
    employer = User.objects.get(username="employer")
    existing = set(Vacancy.objects.filter(slug__in=[spec["slug"] for spec in EMPLOYER_VACANCIES])
                   .values_list("slug", flat=True))
    created = Vacancy.objects.bulk_create(
        Vacancy(**spec, owner=employer, is_published=True) for spec in EMPLOYER_VACANCIES if spec["slug"] not in existing
    )
    yield f"Employer vacancies: created {len(created)}, kept {len(existing)}"


def _resume() -> Iterator[str]:
    _, created = Resume.objects.get_or_create(user=User.objects.get(username="demo"), defaults=DEMO_RESUME)
    yield f"{'Created' if created else 'Kept'} the demo candidate's resume"


def _vacancies() -> Iterator[str]:
    """Catalogue vacancies by slug, each with question set v1 when it has none; existing ones are kept as they are."""
    existing = Vacancy.objects.filter(slug__in=[spec["slug"] for spec in VACANCIES]).in_bulk(field_name="slug")
    # Reversed so that the newest-first catalogue lists them in the order demo_data gives.
    missing = [spec for spec in reversed(VACANCIES) if spec["slug"] not in existing]
    created = Vacancy.objects.bulk_create(
        Vacancy(**{key: value for key, value in spec.items() if key != "questions"}, is_published=True)
        for spec in missing
    )
    by_slug = {**existing, **{vacancy.slug: vacancy for vacancy in created}}
    with_questions = set(
        Vacancy.objects.filter(pk__in=[v.pk for v in by_slug.values()], question_sets__isnull=False)
        .values_list("slug", flat=True)
    )
    question_sets = 0
    for spec in VACANCIES:
        if spec["slug"] not in with_questions:
            replace_questions(vacancy=by_slug[spec["slug"]], questions=spec["questions"])
            question_sets += 1
    yield f"Vacancies: created {len(created)}, kept {len(existing)}; question sets created: {question_sets}"


def _personas() -> Iterator[str]:
    existing = set(Persona.objects.filter(slug__in=[spec["slug"] for spec in PERSONAS]).values_list("slug", flat=True))
    created = Persona.objects.bulk_create(
        Persona(**spec, kind=Persona.Kind.SCREENING if spec["slug"] == "screening" else Persona.Kind.PRACTICE)
        for spec in PERSONAS
        if spec["slug"] not in existing
    )
    yield f"Personas: created {len(created)}, kept {len(existing)}"


def seed() -> list[str]:
    """Create what is missing, keep what exists; returns a line per thing for the console."""
    with transaction.atomic():
        # Employer vacancies first: the catalogue, created after them, then leads the newest-first list.
        lines = [*_accounts(), *_employer_vacancies(), *_vacancies(), *_personas(), *_resume()]
    return lines + [
        f"Demo log-ins: demo / {DEMO_PASSWORD} (candidate), employer / {DEMO_PASSWORD} (employer), admin / {DEMO_PASSWORD} (admin)"
    ]
