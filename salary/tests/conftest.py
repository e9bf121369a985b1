"""Salary fixtures: a private model directory per test, a small synthetic corpus, a trained version."""

import pytest

from salary import ml, services
from salary.models import SalaryModel, SalaryPrediction
from salary.synthetic import generate_postings

# Small enough to train in about 0.1 s, big enough for held-out metrics on both bounds.
CORPUS_SIZE = 300
CORPUS_SEED = 7


@pytest.fixture(autouse=True)
def model_dir(settings, tmp_path):
    """Artefacts go to a temporary directory; no loaded model leaks between tests."""
    settings.SALARY_MODEL_DIR = tmp_path / "salary_models"
    # Argon2 is covered by the accounts tests; here it would only slow down every user fixture.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    services.clear_model_cache()
    yield settings.SALARY_MODEL_DIR
    services.clear_model_cache()


@pytest.fixture
def corpus(db) -> int:
    return services.seed_synthetic_corpus(count=CORPUS_SIZE, seed=CORPUS_SEED)


@pytest.fixture(scope="session")
def fitted() -> ml.TrainedModel:
    """The corpus's model, fitted once per run; `trained` stores a copy per test."""
    return ml.train(generate_postings(CORPUS_SIZE, seed=CORPUS_SEED), seed=0, version="ridge-fixture")


@pytest.fixture
def trained(corpus, fitted, model_dir) -> SalaryModel:
    """A ready, active version, as services.train_model leaves it (that path is tested on its own)."""
    path = ml.save(fitted, model_dir / f"{fitted.version}.joblib")
    metrics = {**fitted.metrics, "data": {"postings": CORPUS_SIZE, "synthetic": CORPUS_SIZE}}
    return SalaryModel.objects.create(version=fitted.version, status=SalaryModel.Status.READY, artefact=path.name,
                                      trained_at=fitted.trained_at, training_size=fitted.training_size,
                                      metrics=metrics, is_active=True)


def make_prediction(user, *, title: str = "Python developer", salary_from: int = 150_000,
                    salary_to: int = 200_000) -> SalaryPrediction:
    return SalaryPrediction.objects.create(user=user, title=title, salary_from=salary_from, salary_to=salary_to,
                                           currency="RUB", model_version="ridge-test", latency_ms=1.5)
