"""Salary model: beats the per-role baseline, respects seniority, returns sane forks."""

from dataclasses import replace

import pytest

from salary import ml
from salary.ml import Posting, predict, round_salary, train
from salary.synthetic import generate_postings

SENIORITY_LADDERS = {
    "en_python": ["Intern Python Developer", "Junior Python Developer", "Middle Python Developer",
                  "Senior Python Developer", "Lead Python Developer"],
    "en_qa": ["QA Engineer Intern", "Junior QA Engineer", "Middle QA Engineer", "Senior QA Engineer",
              "Lead QA Engineer"],
    "ru_analyst": ["Системный аналитик (стажер)", "Младший системный аналитик", "Системный аналитик",
                   "Старший системный аналитик", "Ведущий системный аналитик"],
    "ru_frontend": ["Стажер: Frontend-разработчик", "Младший Frontend-разработчик", "Frontend-разработчик",
                    "Старший Frontend-разработчик", "Ведущий Frontend-разработчик"],
}


@pytest.fixture(scope="module")
def corpus() -> list[Posting]:
    return generate_postings(1500, seed=3)


@pytest.fixture(scope="module")
def model(corpus: list[Posting]) -> ml.TrainedModel:
    return train(corpus, seed=0)


@pytest.mark.parametrize("bound", ["from", "to"])
def test_model_beats_per_role_median_baseline_on_held_out(model: ml.TrainedModel, bound: str) -> None:
    ours, baseline = model.metrics["model"][bound], model.metrics["baseline"][bound]
    # A clear margin, not a photo finish: the baseline ignores seniority, city and skills.
    assert ours["mae"] < 0.6 * baseline["mae"]
    assert ours["mape"] < 0.6 * baseline["mape"]
    assert ours["r2"] > baseline["r2"] + 0.3
    assert ours["n"] == baseline["n"] > 0


def test_metrics_describe_the_training_run(model: ml.TrainedModel) -> None:
    assert model.metrics["n_train"] == 1200 and model.metrics["n_test"] == 300
    assert model.training_size == 1500  # refitted on everything after scoring
    assert model.sklearn_version and model.trained_at.tzinfo is not None
    assert model.version.startswith("ridge-")
    # Held-out scoring skips imputed bounds, so fewer points than test rows.
    assert model.metrics["model"]["from"]["n"] < 300


@pytest.mark.parametrize("ladder", SENIORITY_LADDERS.values(), ids=SENIORITY_LADDERS.keys())
def test_predictions_grow_with_seniority_words(model: ml.TrainedModel, ladder: list[str]) -> None:
    description = "Мы — продуктовая компания. We build web services. Стек: Python, SQL."
    forks = [predict(model, title=title, description=description, skills=["SQL"], location="Moscow")
             for title in ladder]
    junior, senior = forks[1], forks[3]
    assert junior.salary_from < senior.salary_from
    assert junior.salary_to < senior.salary_to
    midpoints = [fork.salary_from + fork.salary_to for fork in forks]
    assert midpoints == sorted(midpoints), list(zip(ladder, midpoints))


def test_from_never_exceeds_to_and_both_positive(model: ml.TrainedModel) -> None:
    unseen = generate_postings(300, seed=999)
    odd_inputs = [
        {"title": "x", "description": ""},
        {"title": "Бухгалтер", "description": "Ведение учета", "location": "Владивосток"},
        {"title": "Senior " * 50 + "Rust", "description": "lorem ipsum " * 1000, "skills": ["Rust"] * 20},
        {"title": "Intern intern стажер", "description": "", "skills": ["WordPress", "jQuery"],
         "location": "Samara"},
    ]
    requests = [dict(title=p.title, description=p.description, skills=p.skills, location=p.location)
                for p in unseen] + odd_inputs
    for request in requests:
        fork = predict(model, **request)
        assert 0 < fork.salary_from <= fork.salary_to, request
        assert fork.currency == "RUB" and fork.model_version == model.version


def test_predictions_are_rounded_like_postings(model: ml.TrainedModel) -> None:
    fork = predict(model, title="Senior Go Developer", description="", skills=["Go", "Kafka"], location="Moscow")
    for value in (fork.salary_from, fork.salary_to):
        assert value % (5_000 if value >= 100_000 else 1_000) == 0


@pytest.mark.parametrize(("value", "expected"), [
    (0.0, 1_000), (-50.0, 1_000), (1_499.0, 1_000), (1_500.0, 2_000), (99_400.0, 99_000),
    (99_600.0, 100_000), (102_400.0, 100_000), (102_600.0, 105_000), (333_333.0, 335_000),
])
def test_round_salary(value: float, expected: int) -> None:
    assert round_salary(value) == expected


def test_round_salary_is_monotone() -> None:
    values = [round_salary(v) for v in range(0, 400_000, 137)]
    assert values == sorted(values)


def test_one_sided_forks_are_imputed_with_learned_ratio(corpus: list[Posting]) -> None:
    assert any(p.salary_to is None for p in corpus) and any(p.salary_from is None for p in corpus)
    model = train(corpus, seed=1, refit_on_all=False)
    # The generator draws to/from uniformly from 1.1-1.5 before rounding.
    assert 1.2 < model.to_from_ratio < 1.4


def test_baseline_infers_role_from_title_when_missing(corpus: list[Posting]) -> None:
    # Real imported postings carry no role; the baseline must still be per-role, not global.
    anonymous = [replace(p, role=None) for p in corpus]
    with_roles = train(corpus, seed=0, refit_on_all=False).metrics["baseline"]["from"]
    without_roles = train(anonymous, seed=0, refit_on_all=False).metrics["baseline"]["from"]
    assert without_roles["mae"] == pytest.approx(with_roles["mae"], rel=0.05)


def test_other_currencies_and_salary_less_postings_are_skipped(corpus: list[Posting]) -> None:
    extra = [replace(p, currency="USD", salary_from=3_000, salary_to=4_000) for p in corpus[:40]]
    extra += [replace(p, salary_from=None, salary_to=None) for p in corpus[40:50]]
    model = train(corpus[:400] + extra, seed=0, refit_on_all=False)
    assert model.metrics["skipped_other_currency"] == 40
    assert model.metrics["skipped_no_salary"] == 10
    assert model.metrics["n_train"] + model.metrics["n_test"] == 400


def test_too_little_data_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="at least 20 RUB postings"):
        train(generate_postings(10, seed=1))


def test_empty_title_is_rejected(model: ml.TrainedModel) -> None:
    with pytest.raises(ValueError, match="title"):
        predict(model, title="  ", description="anything")


def test_city_aliases_match_english_and_russian(model: ml.TrainedModel) -> None:
    english = predict(model, title="Senior Java Developer", description="", location="Saint Petersburg")
    russian = predict(model, title="Senior Java Developer", description="", location="Санкт-Петербург")
    assert english == russian


@pytest.mark.parametrize(("title", "role"), [
    ("Senior Python developer", "backend"), ("Ведущий тестировщик", "qa"), ("Linux administrator", "other"),
    ("UX/UI дизайнер", "designer"), ("Программист 1С", "onec"), ("Junior Data Scientist", "data_scientist"),
    ("Product Analyst", "data_analyst"), ("Руководитель проектов", "project_manager"),
])
def test_infer_role(title: str, role: str) -> None:
    assert ml.infer_role(title) == role


def test_infer_role_agrees_with_generator(corpus: list[Posting]) -> None:
    assert all(ml.infer_role(p.title) == p.role for p in corpus)


def test_save_load_round_trip(model: ml.TrainedModel, tmp_path) -> None:
    path = ml.save(model, tmp_path / "nested" / "salary.joblib")
    loaded = ml.load(path)
    request = dict(title="Middle Data Engineer", description="ETL, Spark", skills=["Spark"], location="Kazan")
    assert predict(loaded, **request) == predict(model, **request)
    assert loaded.metrics == model.metrics and loaded.version == model.version
    assert not list(path.parent.glob(".*.tmp"))  # atomic write leaves no temp files


def test_load_cached_reloads_only_when_the_file_changes(model: ml.TrainedModel, tmp_path) -> None:
    path = ml.save(model, tmp_path / "salary.joblib")
    first = ml.load_cached(path)
    assert ml.load_cached(path) is first
    ml.save(replace(model, version="ridge-next"), path)
    assert ml.load_cached(path).version == "ridge-next"


def test_load_rejects_foreign_objects(tmp_path) -> None:
    import joblib

    joblib.dump({"not": "a model"}, tmp_path / "x.joblib")
    with pytest.raises(TypeError, match="TrainedModel"):
        ml.load(tmp_path / "x.joblib")
