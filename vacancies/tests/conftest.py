"""Vacancy fixtures: a second employer (a rival who must not touch `employer`'s vacancies)."""

import pytest
from django.test import Client

from accounts.tests.factories import EmployerFactory
from conftest import ApiClient, token_for


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Argon2 is covered by the accounts tests; here it would only slow down every user fixture.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rival(db):
    return EmployerFactory(username="rival_boss")


@pytest.fixture
def rival_api(rival):
    return ApiClient(Client(), token_for(rival))
