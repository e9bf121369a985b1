"""An owner employer with a published vacancy, an applicant with a resume, and everyone else."""

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.tests.factories import EmployerFactory
from conftest import ApiClient, token_for
from demo.data import PERSONAS
from interviews.models import Persona
from resumes.models import Resume
from vacancies.tests.factories import VacancyFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The authorisation matrix makes five accounts per test; Argon2 itself is tested in accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def screening_persona(db):
    spec = next(spec for spec in PERSONAS if spec["slug"] == "screening")
    return Persona.objects.create(**spec, kind=Persona.Kind.SCREENING)


@pytest.fixture
def vacancy(employer, screening_persona):
    return VacancyFactory(owner=employer, title="Backend Developer", company="Acme",
                          skills=["Python", "Django", "PostgreSQL", "Docker", "Kubernetes"])


@pytest.fixture
def resume(user):
    return Resume.objects.create(user=user, positions=["Backend developer"], years_experience=4,
                                 skills=["Python", "Django"], region="Berlin",
                                 summary="Backend developer building Django APIs for four years.")


@pytest.fixture
def other_employer(db):
    return EmployerFactory(username="rival_corp")


@pytest.fixture
def other_employer_api(other_employer):
    return ApiClient(Client(), token_for(other_employer))


@pytest.fixture
def application(api, vacancy, resume):
    """`user` has applied to `vacancy` (through the API) and the screening chat is open."""
    from applications.models import Application

    response = api.post(f"/api/vacancies/{vacancy.pk}/apply")
    assert response.status_code == 201, response.content
    return Application.objects.get(pk=response.json()["id"])


def drain_queue() -> None:
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)
