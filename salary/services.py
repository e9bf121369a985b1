"""Salary services: predict and log, estimate for vacancies, train and activate model versions,
load training data (synthetic corpus, imported files, vacancies with salaries).

The ML itself is framework-free in ``salary.ml``; this module adds storage, validation and
the rules about which model version serves.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import throttling
from onlyjobless.errors import ServiceError
from salary import ml, synthetic
from salary.importer import CURRENCY_ALIASES, ImportResult, parse_file
from salary.models import SalaryModel, SalaryPrediction, TrainingPosting

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

TITLE_MAX_CHARS = 300
DESCRIPTION_MAX_CHARS = 20_000
LOCATION_MAX_CHARS = 200
SKILL_MAX_CHARS = 100
SKILLS_MAX = 50

# How long a client should wait before asking again when no model is ready: a training
# run on the demo corpus takes a few seconds, on a large import about a minute.
RETRY_AFTER_S = 60


class SalaryError(ServiceError):
    """Base of this module's errors. The sentence reads "field: message", like the project's schema errors."""

    def __init__(self, message: str, *, field: str | None = None, headers: dict[str, str] | None = None) -> None:
        detail = f"{field}: {message}" if field else message
        super().__init__(detail, errors={field: [detail]} if field else None, headers=headers)
        self.message = message
        self.field = field


class InvalidInput(SalaryError):
    status = 422


class ModelUnavailable(SalaryError):
    status = 503

    def __init__(self) -> None:
        super().__init__("No salary model is ready yet: the model is being trained. Please try again in a minute.",
                         headers={"Retry-After": str(RETRY_AFTER_S)})


class TooManyPredictions(SalaryError):
    status = 429

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"You can ask for {settings.SALARY_PREDICTIONS_PER_HOUR} salary estimates an hour. "
                         f"Try again in {max(1, round(retry_after / 60))} min.", headers={"Retry-After": str(retry_after)})


class TrainingError(SalaryError):
    status = 409


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class SalaryQuery:
    title: str
    description: str
    skills: tuple[str, ...]
    location: str


def clean_query(*, title: str, description: str = "", skills: Iterable[str] = (), location: str = "") -> SalaryQuery:
    """Strip and check the inputs of a prediction; raises InvalidInput with one clear sentence."""
    title = (title or "").strip()
    description = (description or "").strip()
    location = (location or "").strip()
    if not title:
        raise InvalidInput("Enter the job title; it cannot be empty or only spaces.", field="title")
    if len(title) > TITLE_MAX_CHARS:
        raise InvalidInput(f"A job title can be at most {TITLE_MAX_CHARS} characters "
                           f"(this one has {len(title)}).", field="title")
    if len(description) > DESCRIPTION_MAX_CHARS:
        raise InvalidInput(f"A job description can be at most {DESCRIPTION_MAX_CHARS:,} characters "
                           f"(this one has {len(description):,}).", field="description")
    if len(location) > LOCATION_MAX_CHARS:
        raise InvalidInput(f"A location can be at most {LOCATION_MAX_CHARS} characters.", field="location")
    unique: dict[str, str] = {}
    for skill in skills:
        name = " ".join(str(skill).split())
        if len(name) > SKILL_MAX_CHARS:
            raise InvalidInput(f"Each skill can be at most {SKILL_MAX_CHARS} characters.", field="skills")
        if name:
            unique.setdefault(name.lower(), name)
    if len(unique) > SKILLS_MAX:
        raise InvalidInput(f"List at most {SKILLS_MAX} skills.", field="skills")
    return SalaryQuery(title=title, description=description, skills=tuple(unique.values()), location=location)


# --------------------------------------------------------------------------- serving

_CACHE_SIZE = 2  # the active version and the one before it, so switching back costs nothing
_loaded: OrderedDict[str, ml.TrainedModel] = OrderedDict()
_load_lock = threading.Lock()


def active_model() -> ml.TrainedModel | None:
    """The active model version, read from disk at most once per version per process.

    One indexed query per call finds the active version, so an activation in the admin
    switches every process on its next prediction. None when no model is active or its
    artefact cannot be read (logged): callers answer 503, never 500.
    """
    row = SalaryModel.objects.filter(is_active=True).values_list("version", "artefact").first()
    if row is None:
        return None
    version, artefact = row
    # The lock makes concurrent first requests in one process share a single load.
    with _load_lock:
        model = _loaded.get(version)
        if model is None:
            try:
                model = ml.load(Path(settings.SALARY_MODEL_DIR) / artefact)
            except Exception:
                logger.exception("Cannot load salary model %s from %s", version, artefact)
                return None
            _loaded[version] = model
            while len(_loaded) > _CACHE_SIZE:
                _loaded.popitem(last=False)
        else:
            _loaded.move_to_end(version)
        return model


def clear_model_cache() -> None:
    """Forget loaded models (tests; a process otherwise keeps them for its lifetime)."""
    with _load_lock:
        _loaded.clear()


def predict_salary(*, user: User, title: str, description: str = "", skills: Iterable[str] = (),
                   location: str = "") -> SalaryPrediction:
    """Validate, predict with the active model and log the request; returns the log row.

    Guarantees ``0 < salary_from <= salary_to``, rounded the way postings are (to 1,000 below
    100k, to 5,000 above). Raises InvalidInput (422) or ModelUnavailable (503); only
    successful predictions are logged, so the history holds answers, not failures.
    """
    query = clean_query(title=title, description=description, skills=skills, location=location)
    wait = throttling.hit_limit(key=f"salary:{user.pk}", limit=settings.SALARY_PREDICTIONS_PER_HOUR, window_s=3600)
    if wait:
        raise TooManyPredictions(wait)
    started = time.perf_counter()
    model = active_model()
    if model is None:
        raise ModelUnavailable()
    prediction = ml.predict(model, title=query.title, description=query.description, skills=query.skills,
                            location=query.location)
    latency_ms = (time.perf_counter() - started) * 1000
    return SalaryPrediction.objects.create(
        user=user, title=query.title, description=query.description, skills=list(query.skills),
        location=query.location, salary_from=prediction.salary_from, salary_to=prediction.salary_to,
        currency=prediction.currency, model_version=prediction.model_version, latency_ms=round(latency_ms, 3),
    )


def estimate_for_vacancy(*, title: str, description: str, skills: Iterable[str] = (),
                         location: str = "") -> ml.Prediction | None:
    """A market estimate for a vacancy that publishes no salary, or None when no model is ready.

    Never raises for odd vacancy data (over-long fields are cut, an empty title gives None)
    and is not logged: it is not a user's request.
    """
    title = (title or "").strip()[:TITLE_MAX_CHARS]
    if not title:
        return None
    model = active_model()
    if model is None:
        return None
    names = [skill[:SKILL_MAX_CHARS] for skill in skills if isinstance(skill, str)][:SKILLS_MAX]
    return ml.predict(model, title=title, description=(description or "")[:DESCRIPTION_MAX_CHARS],
                      skills=names, location=(location or "")[:LOCATION_MAX_CHARS])


# --------------------------------------------------------------------------- versions


def activate_model(*, model: SalaryModel) -> SalaryModel:
    """Make ``model`` the only active version; every process serves it from its next prediction.

    Refuses (TrainingError) a model that is not ready or whose artefact is missing.
    """
    if model.status != SalaryModel.Status.READY:
        raise TrainingError(f"Model {model.version} is {model.get_status_display().lower()}; "
                            "only a ready model can be activated.")
    if not model.has_artefact():
        raise TrainingError(f"Model {model.version} cannot be activated: "
                            f"its artefact {model.artefact_path} is missing.")
    with transaction.atomic():
        # Locking every version row serialises concurrent activations, so the partial
        # unique constraint never trips; the table holds a handful of rows.
        list(SalaryModel.objects.select_for_update().values_list("pk", flat=True))
        SalaryModel.objects.filter(is_active=True).exclude(pk=model.pk).update(is_active=False)
        SalaryModel.objects.filter(pk=model.pk).update(is_active=True)
    model.is_active = True
    return model


def create_pending_model() -> SalaryModel:
    """A new version row in status ``training``, to be filled by :func:`run_training`."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return SalaryModel.objects.create(version=f"ridge-{stamp}-{secrets.token_hex(2)}")


def train_model(*, activate: bool = True) -> SalaryModel:
    """Train a new version on every stored posting, now, in this process (see :func:`run_training`)."""
    return run_training(model=create_pending_model(), activate=activate)


def run_training(*, model: SalaryModel, activate: bool) -> SalaryModel:
    """Train ``model``'s version on the stored postings and vacancies with salaries.

    Saves the joblib artefact under SALARY_MODEL_DIR and records trained_at, training size
    and held-out metrics (MAE, MAPE, R² for both bounds and for the per-role baseline).
    Idempotent: a version that is already ready is returned untouched; a failed or
    interrupted one is trained again and overwrites its artefact. On failure the row is
    marked ``failed`` with the error and the exception propagates.
    """
    if model.status == SalaryModel.Status.READY:
        return model
    try:
        trained = _fit(version=model.version)
        path = ml.save(trained, Path(settings.SALARY_MODEL_DIR) / f"{model.version}.joblib")
    except Exception as error:
        model.status = SalaryModel.Status.FAILED
        model.error = str(error) or type(error).__name__
        model.save(update_fields=["status", "error"])
        raise
    model.status = SalaryModel.Status.READY
    model.artefact = path.name
    model.trained_at = trained.trained_at
    model.training_size = trained.training_size
    model.metrics = trained.metrics
    model.error = ""
    model.save()
    if activate:
        activate_model(model=model)
    return model


def _fit(*, version: str) -> ml.TrainedModel:
    postings = training_postings()
    try:
        trained = ml.train(postings, seed=0, version=version)
    except ValueError as error:
        raise TrainingError(f"Not enough training data: {error}. Load postings with `manage.py seed_salary_corpus` "
                            "or `manage.py import_vacancies FILE`.") from error
    # Recorded so pages can say when a model learned mostly from the synthetic demo corpus.
    trained.metrics["data"] = {"postings": len(postings), "synthetic": sum(p.synthetic for p in postings)}
    return trained


# --------------------------------------------------------------------------- training data


def training_postings() -> list[ml.Posting]:
    """Every stored training posting plus every vacancy that publishes a salary."""
    stored = [
        ml.Posting(title=row.title, description=row.description, skills=tuple(row.skills), location=row.location,
                   salary_from=row.salary_from, salary_to=row.salary_to, currency=row.currency,
                   role=row.role or None, synthetic=row.synthetic)
        for row in TrainingPosting.objects.order_by("pk").iterator(chunk_size=2000)
    ]
    return stored + vacancy_postings()


def vacancy_postings() -> list[ml.Posting]:
    """Vacancies with a salary as postings; empty while the vacancies app has no Vacancy model."""
    try:
        vacancy = apps.get_model("vacancies", "Vacancy")
    except LookupError:
        return []
    rows = (vacancy.objects.filter(Q(salary_min__isnull=False) | Q(salary_max__isnull=False))
            .order_by("pk")
            .values("title", "description", "skills", "location", "salary_min", "salary_max", "currency"))
    return [posting for row in rows if (posting := posting_from_vacancy(row)) is not None]


def posting_from_vacancy(row: Mapping[str, Any]) -> ml.Posting | None:
    """One vacancy's fields as a posting; None when its salary is unusable (none, zero, or from > to)."""
    low = int(row["salary_min"]) if row.get("salary_min") else None
    high = int(row["salary_max"]) if row.get("salary_max") else None
    if (low is None and high is None) or (low and high and low > high):
        return None
    # No currency guessed: a vacancy without one is left out of training (ml keeps RUB only).
    currency = str(row.get("currency") or "").strip().upper()
    skills = row.get("skills") or []
    return ml.Posting(
        title=row.get("title") or "", description=row.get("description") or "",
        skills=tuple(str(skill) for skill in skills if skill), location=row.get("location") or "",
        salary_from=low, salary_to=high, currency=CURRENCY_ALIASES.get(currency, currency),
    )


def _fingerprint(posting: ml.Posting) -> str:
    content = [posting.title, posting.description, sorted(skill.lower() for skill in posting.skills),
               posting.location, posting.salary_from, posting.salary_to, posting.currency]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _rows(postings: Iterable[ml.Posting], *, source: str, batch: str) -> dict[str, TrainingPosting]:
    """Unsaved rows keyed by fingerprint (duplicates inside one batch collapse)."""
    rows: dict[str, TrainingPosting] = {}
    for posting in postings:
        fingerprint = _fingerprint(posting)
        rows.setdefault(fingerprint, TrainingPosting(
            title=posting.title[:TITLE_MAX_CHARS], description=posting.description, skills=list(posting.skills),
            location=posting.location[:LOCATION_MAX_CHARS], salary_from=posting.salary_from,
            salary_to=posting.salary_to, currency=posting.currency, role=posting.role or "", source=source,
            synthetic=posting.synthetic, batch=batch, fingerprint=fingerprint,
        ))
    return rows


def seed_synthetic_corpus(*, count: int = 2000, seed: int = 42) -> int:
    """Make the stored SYNTHETIC corpus exactly ``generate_postings(count, seed=seed)``.

    Idempotent: returns 0 when that corpus is already in place, otherwise replaces any
    other synthetic rows in one transaction and returns how many were created. Imported
    postings are never touched.
    """
    batch = f"seed {seed} x {count}"
    rows = _rows(synthetic.generate_postings(count, seed=seed), source=TrainingPosting.Source.SYNTHETIC, batch=batch)
    with transaction.atomic():
        existing = TrainingPosting.objects.filter(source=TrainingPosting.Source.SYNTHETIC)
        if existing.filter(batch=batch).count() == len(rows) and not existing.exclude(batch=batch).exists():
            return 0
        existing.delete()
        TrainingPosting.objects.bulk_create(rows.values(), batch_size=1000)
    return len(rows)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    parsed: ImportResult  # postings, per-row errors and counts as read from the file
    stored: int  # new rows; the rest of parsed.postings were already stored

    @property
    def duplicates(self) -> int:
        return self.parsed.imported - self.stored


def import_postings(path: str | Path, *, format: str | None = None,  # noqa: A002 - matches parse_file
                    default_currency: str | None = None) -> ImportOutcome:
    """Parse a CSV/JSONL export and store its valid rows as ``import`` training postings.

    The whole file is parsed before anything is written, so a file-level problem
    (ImportFileError: not UTF-8, no header...) stores nothing; bad rows are reported in
    ``parsed.errors`` and skipped. Postings already stored (same content) are not duplicated.
    """
    parsed = parse_file(path, format=format, default_currency=default_currency)
    rows = _rows(parsed.postings, source=TrainingPosting.Source.IMPORT, batch=Path(path).name)
    with transaction.atomic():
        known = _stored_fingerprints(list(rows), source=TrainingPosting.Source.IMPORT)
        new = [row for fingerprint, row in rows.items() if fingerprint not in known]
        # ignore_conflicts covers a concurrent import of the same file.
        TrainingPosting.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return ImportOutcome(parsed=parsed, stored=len(new))


def _stored_fingerprints(fingerprints: list[str], *, source: str) -> set[str]:
    known: set[str] = set()
    # Chunks keep each query well under Postgres's 65,535 bind parameters.
    for start in range(0, len(fingerprints), 5000):
        known.update(TrainingPosting.objects.filter(source=source, fingerprint__in=fingerprints[start:start + 5000])
                     .values_list("fingerprint", flat=True))
    return known
