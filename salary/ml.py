"""Salary prediction core: features, training, evaluation, prediction, persistence.

Framework-free on purpose (no Django imports) so it can be unit-tested and benchmarked
without a database; the Django side (model storage, API, management command, task)
wraps these functions.

Model
-----
* Inputs: title, description, skills, location of a vacancy.
* Features (one sparse matrix, built by a ``ColumnTransformer``):
  - title, word 1-2-grams TF-IDF (seniority words such as "junior" / "старший" live here);
  - title, ``char_wb`` 2-5-grams TF-IDF (robust to "Python-разработчик" vs "разработчик Python",
    typos and Russian inflection);
  - description, word 1-2-grams TF-IDF with a bounded vocabulary (speed, memory);
  - skills, binary bag of normalised skill names;
  - location, one-hot of a normalised city name (unknown cities are ignored, not an error).
* Target: ``log1p`` of the monthly salary, two outputs (``from`` and ``to``) fitted by one
  multi-output ``Ridge``. Logs because salaries are multiplicative (seniority, city and
  skills scale pay) and right-skewed; Ridge because it is fast, stable with many sparse
  features and easy to inspect.
* Postings with only one bound get the other imputed with the median ``to/from`` ratio
  learned from postings that have both. Held-out metrics are computed only on observed
  (not imputed) values.

Evaluation
----------
A random held-out split (``test_size``) is scored for the model and for a per-role median
baseline (role = ``Posting.role`` or inferred from the title by keywords, because real
imported postings carry no role). By default the final model is then refitted on all
postings; the stored metrics describe the held-out run, which is the usual, slightly
conservative estimate for the refitted model.

Only one currency (RUB by default) is trained on: postings in other currencies are
dropped and counted in ``metrics["skipped_other_currency"]``. Converting with a fixed
exchange-rate table was rejected because foreign-currency postings on hh.ru are mostly
a different labour market (relocation, foreign employers), not the same job priced in
another unit.

Artefacts are saved with joblib (pickle). Only load files you produced yourself:
unpickling an untrusted file can execute code.
"""

from __future__ import annotations

import functools
import math
import os
import re
import statistics
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

# scikit-learn and joblib are imported where they are used: importing them costs about 2 s of CPU,
# which every process (web, worker, `make run`'s set-up) paid at start though only training,
# predicting and loading a model need them.
if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

__all__ = [
    "DEFAULT_CURRENCY",
    "Posting",
    "Prediction",
    "TrainedModel",
    "infer_role",
    "load",
    "load_cached",
    "predict",
    "round_salary",
    "save",
    "train",
]

DEFAULT_CURRENCY = "RUB"

# Used when no training posting has both bounds. 1.3 is a typical hh.ru fork width
# ("от 150 000 до 200 000"); with real data the learned median replaces it.
_FALLBACK_TO_FROM_RATIO = 1.3

# Long descriptions add little signal after the first few paragraphs and dominate
# vectorisation time, so they are cut.
_MAX_DESCRIPTION_CHARS = 3000

# Keeps "c++", "c#", "1с" and single letters ("c", "r") as tokens; the default sklearn
# pattern drops them, and they matter for programming job titles.
_TOKEN_PATTERN = r"(?u)\b\w[\w+#]*"

_TITLE, _DESCRIPTION, _SKILLS, _LOCATION = range(4)


@dataclass(frozen=True, slots=True)
class Posting:
    """One vacancy with a monthly salary fork; the unit of training data.

    ``skills`` is a tuple so the record is truly immutable (and hashable). ``role`` is set
    by the synthetic generator; imported real postings leave it ``None`` and the baseline
    infers it from the title. ``synthetic`` marks generated demo data so it is never
    mistaken for real postings.
    """

    title: str
    description: str
    skills: tuple[str, ...] = ()
    location: str = ""
    salary_from: int | None = None
    salary_to: int | None = None
    currency: str = DEFAULT_CURRENCY
    role: str | None = None
    synthetic: bool = False


@dataclass(frozen=True, slots=True)
class Prediction:
    salary_from: int
    salary_to: int
    currency: str
    model_version: str


@dataclass(slots=True)
class TrainedModel:
    """Fitted pipeline plus everything needed to serve and to describe it."""

    pipeline: Pipeline
    version: str
    trained_at: datetime
    currency: str
    training_size: int
    metrics: dict[str, Any]
    sklearn_version: str
    to_from_ratio: float
    # Clamp predictions to the observed log-salary range: a linear model can extrapolate
    # absurdly for out-of-distribution text, and the API promises sensible numbers.
    log_bounds: tuple[float, float]
    extra: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- roles

# Ordered: the first matching role wins, so specific roles come before the generic
# "developer / engineer" catch-all of backend. Keywords match whole words; a trailing "*"
# marks a stem ("мобильн*" matches "мобильный", "мобильных").
_ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("data_scientist", ("data scientist", "machine learning", "ml engineer", "ml-инженер", "ml инженер", "ml",
                        "nlp", "computer vision", "data science", "дата-сайентист", "ml-разработчик")),
    ("data_engineer", ("data engineer", "дата-инженер", "инженер данных", "etl", "dwh")),
    ("data_analyst", ("data analyst", "bi analyst", "аналитик данных", "bi-аналитик", "продуктовый аналитик",
                      "product analyst")),
    ("system_analyst", ("system analyst", "systems analyst", "business analyst", "системный аналитик",
                        "бизнес-аналитик", "бизнес аналитик")),
    ("qa", ("qa", "tester", "тестировщик", "test engineer", "инженер по тестированию", "sdet")),
    ("devops", ("devops", "sre", "site reliability", "platform engineer", "системный администратор",
                "sysadmin", "system administrator")),
    ("mobile", ("ios", "android", "mobile", "flutter", "react native", "мобильн*")),
    ("frontend", ("frontend", "front-end", "фронтенд", "фронтэнд", "react", "vue", "angular", "верстальщик")),
    ("onec", ("1c", "1с")),
    ("designer", ("designer", "дизайнер", "ui/ux", "ux/ui", "ux", "ui")),
    ("product_manager", ("product manager", "product owner", "продакт", "менеджер продукта",
                         "владелец продукта")),
    ("project_manager", ("project manager", "руководитель проект*", "менеджер проект*", "scrum master")),
    ("backend", ("backend", "back-end", "бэкенд", "бекенд", "python", "java", "golang", "go", "php", "c#",
                 ".net", "node.js", "nodejs", "ruby", "scala", "kotlin", "c++", "rust", "developer",
                 "разработчик", "программист", "engineer", "инженер")),
)


def _keyword_regex(keywords: tuple[str, ...]) -> re.Pattern[str]:
    parts = [re.escape(k[:-1]) + r"\w*" if k.endswith("*") else re.escape(k) for k in keywords]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


_ROLE_PATTERNS = tuple((role, _keyword_regex(keywords)) for role, keywords in _ROLE_KEYWORDS)

UNKNOWN_ROLE = "other"


def infer_role(title: str) -> str:
    """Map a free-text title to a coarse role by keywords (the baseline's role for real data)."""
    text = _normalise_text(title)
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(text):
            return role
    return UNKNOWN_ROLE


# --------------------------------------------------------------------------- features

# A few spellings of the largest cities, so a request in English matches hh.ru exports
# in Russian and vice versa. Anything else is just lower-cased.
_CITY_ALIASES = {
    "москва": "moscow",
    "санкт-петербург": "saint petersburg",
    "st petersburg": "saint petersburg",
    "st. petersburg": "saint petersburg",
    "spb": "saint petersburg",
    "спб": "saint petersburg",
    "новосибирск": "novosibirsk",
    "казань": "kazan",
    "екатеринбург": "yekaterinburg",
    "ekaterinburg": "yekaterinburg",
    "нижний новгород": "nizhny novgorod",
    "краснодар": "krasnodar",
    "удаленно": "remote",
    "удалённо": "remote",
    "удаленная работа": "remote",
}


def _normalise_text(text: str) -> str:
    # "ё" and "е" are used interchangeably in Russian postings.
    return (text or "").lower().replace("ё", "е").strip()


def _normalise_location(location: str) -> str:
    key = " ".join(_normalise_text(location).split())
    return _CITY_ALIASES.get(key, key)


def _normalise_skills(skills: Iterable[str]) -> list[str]:
    return sorted({" ".join(_normalise_text(skill).split()) for skill in skills if skill and skill.strip()})


def _skills_analyzer(skills: list[str]) -> list[str]:
    # Module-level (not a lambda) so the fitted vectoriser can be pickled.
    return skills


def _to_matrix(rows: Sequence[tuple[str, str, Iterable[str], str]]) -> np.ndarray:
    """Raw fields -> object array the ColumnTransformer indexes by column number."""
    matrix = np.empty((len(rows), 4), dtype=object)
    for i, (title, description, skills, location) in enumerate(rows):
        matrix[i, _TITLE] = _normalise_text(title)
        matrix[i, _DESCRIPTION] = _normalise_text(description)[:_MAX_DESCRIPTION_CHARS]
        matrix[i, _SKILLS] = _normalise_skills(skills)
        matrix[i, _LOCATION] = _normalise_location(location)
    return matrix


def _postings_matrix(postings: Sequence[Posting]) -> np.ndarray:
    return _to_matrix([(p.title, p.description, p.skills, p.location) for p in postings])


def _build_pipeline(*, alpha: float, description_features: int) -> Pipeline:
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    features = ColumnTransformer(
        [
            # Scalar column index -> the vectoriser receives a 1-D array of strings.
            ("title_words", TfidfVectorizer(ngram_range=(1, 2), token_pattern=_TOKEN_PATTERN,
                                            sublinear_tf=True), _TITLE),
            ("title_chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                            max_features=30_000, sublinear_tf=True), _TITLE),
            ("description", TfidfVectorizer(ngram_range=(1, 2), token_pattern=_TOKEN_PATTERN, min_df=2,
                                            max_df=0.9, max_features=description_features,
                                            sublinear_tf=True, dtype=np.float32), _DESCRIPTION),
            # Binary presence of each skill: idf/normalisation would make a skill's effect
            # depend on how many other skills are listed, which is not how pay works.
            ("skills", TfidfVectorizer(analyzer=_skills_analyzer, binary=True, use_idf=False, norm=None,
                                       min_df=2), _SKILLS),
            ("location", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=3), [_LOCATION]),
        ],
        sparse_threshold=1.0,
    )
    return Pipeline([("features", features), ("ridge", Ridge(alpha=alpha))])


# --------------------------------------------------------------------------- targets


def _learn_to_from_ratio(postings: Sequence[Posting]) -> float:
    ratios = [p.salary_to / p.salary_from for p in postings
              if p.salary_from and p.salary_to and p.salary_to >= p.salary_from]
    return statistics.median(ratios) if ratios else _FALLBACK_TO_FROM_RATIO


def _complete_bounds(posting: Posting, *, ratio: float) -> tuple[float, float]:
    """(from, to) with a missing bound imputed from the other via the median fork ratio."""
    low, high = posting.salary_from, posting.salary_to
    if low and high:
        return float(low), float(high)
    if low:
        return float(low), low * ratio
    assert high, "postings without any salary are filtered out before this point"
    return high / ratio, float(high)


def _usable(postings: Iterable[Posting], *, currency: str) -> tuple[list[Posting], int, int]:
    kept: list[Posting] = []
    other_currency = no_salary = 0
    for posting in postings:
        if posting.currency != currency:
            other_currency += 1
        elif not ((posting.salary_from or 0) > 0 or (posting.salary_to or 0) > 0):
            no_salary += 1
        else:
            kept.append(posting)
    return kept, other_currency, no_salary


# --------------------------------------------------------------------------- baseline


def _role_of(posting: Posting) -> str:
    return posting.role or infer_role(posting.title)


def _fit_role_medians(postings: Sequence[Posting], targets: np.ndarray) -> dict[str, np.ndarray]:
    by_role: dict[str, list[int]] = defaultdict(list)
    for i, posting in enumerate(postings):
        by_role[_role_of(posting)].append(i)
    medians = {role: np.median(targets[idx], axis=0) for role, idx in by_role.items()}
    medians[UNKNOWN_ROLE] = medians.get(UNKNOWN_ROLE, np.median(targets, axis=0))
    return medians


def _predict_role_medians(medians: dict[str, np.ndarray], postings: Sequence[Posting]) -> np.ndarray:
    fallback = medians[UNKNOWN_ROLE]
    return np.array([medians.get(_role_of(p), fallback) for p in postings])


# --------------------------------------------------------------------------- metrics


def _score(*, truth: np.ndarray, predicted: np.ndarray, observed: np.ndarray) -> dict[str, dict[str, float]]:
    """MAE (RUB), MAPE (fraction), R² per bound, on observed (not imputed) values only."""
    from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error, r2_score

    result: dict[str, dict[str, float]] = {}
    for column, name in enumerate(("from", "to")):
        mask = observed[:, column]
        if mask.sum() < 2:
            continue  # R² is undefined on fewer than two points
        y, y_hat = truth[mask, column], predicted[mask, column]
        result[name] = {
            "mae": float(mean_absolute_error(y, y_hat)),
            "mape": float(mean_absolute_percentage_error(y, y_hat)),
            "r2": float(r2_score(y, y_hat)),
            "n": int(mask.sum()),
        }
    return result


def _prepare(postings: Sequence[Posting], *, ratio: float) -> tuple[np.ndarray, np.ndarray]:
    targets = np.array([_complete_bounds(p, ratio=ratio) for p in postings], dtype=float)
    observed = np.array([[bool(p.salary_from), bool(p.salary_to)] for p in postings])
    return targets, observed


# --------------------------------------------------------------------------- training


def train(
    postings: Iterable[Posting],
    *,
    seed: int = 0,
    test_size: float = 0.2,
    currency: str = DEFAULT_CURRENCY,
    alpha: float = 1.0,
    description_features: int = 20_000,
    refit_on_all: bool = True,
    version: str | None = None,
) -> TrainedModel:
    """Fit the salary model, score it and a per-role median baseline on a held-out split.

    ``refit_on_all`` refits the served model on every usable posting after scoring, so
    no data is wasted; the reported metrics are the held-out ones either way.
    """
    import sklearn
    from sklearn.model_selection import train_test_split

    usable, other_currency, no_salary = _usable(postings, currency=currency)
    if len(usable) < 20:
        raise ValueError(f"need at least 20 {currency} postings with a salary to train, got {len(usable)}")

    train_part, test_part = train_test_split(usable, test_size=test_size, random_state=seed)
    # The ratio is learned on the training part only, so held-out scoring stays honest.
    ratio = _learn_to_from_ratio(train_part)
    y_train, _ = _prepare(train_part, ratio=ratio)
    y_test, observed_test = _prepare(test_part, ratio=ratio)

    pipeline = _build_pipeline(alpha=alpha, description_features=description_features)
    pipeline.fit(_postings_matrix(train_part), np.log1p(y_train))
    model_test = np.expm1(pipeline.predict(_postings_matrix(test_part)))

    role_medians = _fit_role_medians(train_part, y_train)
    baseline_test = _predict_role_medians(role_medians, test_part)

    metrics: dict[str, Any] = {
        "model": _score(truth=y_test, predicted=model_test, observed=observed_test),
        "baseline": _score(truth=y_test, predicted=baseline_test, observed=observed_test),
        "baseline_name": "per-role median (role from data or inferred from title)",
        "n_train": len(train_part),
        "n_test": len(test_part),
        "skipped_other_currency": other_currency,
        "skipped_no_salary": no_salary,
        "test_size": test_size,
        "seed": seed,
    }

    if refit_on_all:
        ratio = _learn_to_from_ratio(usable)
        y_all, _ = _prepare(usable, ratio=ratio)
        pipeline = _build_pipeline(alpha=alpha, description_features=description_features)
        pipeline.fit(_postings_matrix(usable), np.log1p(y_all))
        fitted_on = y_all
    else:
        fitted_on = y_train

    trained_at = datetime.now(UTC)
    log_targets = np.log1p(fitted_on)
    return TrainedModel(
        pipeline=pipeline,
        version=version or f"ridge-{trained_at:%Y%m%dT%H%M%SZ}",
        trained_at=trained_at,
        currency=currency,
        training_size=len(fitted_on),
        metrics=metrics,
        sklearn_version=sklearn.__version__,
        to_from_ratio=float(ratio),
        log_bounds=(float(log_targets.min()), float(log_targets.max())),
        extra={"alpha": alpha, "description_features": description_features, "refit_on_all": refit_on_all},
    )


# --------------------------------------------------------------------------- prediction


def round_salary(value: float) -> int:
    """Round like a human posting: to 1,000 below 100k, to 5,000 from 100k; never below 1,000."""
    step = 1_000 if value < 100_000 else 5_000
    return max(step, int(step * math.floor(value / step + 0.5)))


def predict(
    model: TrainedModel,
    *,
    title: str,
    description: str,
    skills: Iterable[str] = (),
    location: str = "",
) -> Prediction:
    """Predict a monthly salary fork; guarantees ``0 < salary_from <= salary_to``."""
    if not title or not title.strip():
        raise ValueError("title must not be empty")
    row = _to_matrix([(title, description or "", list(skills), location or "")])
    low_log, high_log = np.clip(model.pipeline.predict(row)[0], *model.log_bounds)
    # Two independent outputs can cross for odd inputs; order them rather than fail.
    low, high = sorted((math.expm1(low_log), math.expm1(high_log)))
    salary_from = round_salary(low)
    # Rounding is monotone, but the max() makes the invariant explicit and unconditional.
    salary_to = max(salary_from, round_salary(high))
    return Prediction(salary_from=salary_from, salary_to=salary_to, currency=model.currency,
                      model_version=model.version)


# --------------------------------------------------------------------------- persistence


def save(model: TrainedModel, path: str | os.PathLike[str]) -> Path:
    """Write the artefact atomically (temp file + rename) so a reader never sees half a file."""
    import joblib

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    joblib.dump(model, temporary, compress=3)
    os.replace(temporary, target)
    return target


def load(path: str | os.PathLike[str]) -> TrainedModel:
    """Read an artefact written by :func:`save`. Trusted files only (pickle)."""
    import joblib
    import sklearn

    model = joblib.load(path)
    if not isinstance(model, TrainedModel):
        raise TypeError(f"{path} does not contain a TrainedModel (got {type(model).__name__})")
    if model.sklearn_version != sklearn.__version__:
        warnings.warn(
            f"salary model {model.version} was trained with scikit-learn {model.sklearn_version}, "
            f"running {sklearn.__version__}; retrain to be safe",
            RuntimeWarning,
            stacklevel=2,
        )
    return model


def load_cached(path: str | os.PathLike[str]) -> TrainedModel:
    """:func:`load` once per file version: the cache key includes mtime and size, so a
    retrained artefact written with :func:`save` (atomic rename) is picked up on the next call."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    return _load_version(str(resolved), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2)
def _load_version(path: str, mtime_ns: int, size: int) -> TrainedModel:
    return load(path)
