"""`manage.py seed_demo` (idempotent): accounts first, each capability adds its part, from demo/data/."""

from collections.abc import Iterator

from django.db import transaction

from accounts.models import User
from demo.data import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_RESUME, EMPLOYER_VACANCIES, PERSONAS, VACANCIES
from interviews.models import Persona
from resumes.models import Resume
from vacancies.models import Vacancy
from vacancies.services import replace_questions


def _accounts() -> Iterator[str]:
    for spec in DEMO_ACCOUNTS:
        fields = dict(spec)
        username = fields.pop("username")
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        yield f"{'Created' if created else 'Kept'} account {username!r} ({user.role}{', staff' if user.is_staff else ''})"


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
    # Reversed so that the newest-first catalogue lists them in the order vacancies.json gives.
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
