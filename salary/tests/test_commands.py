"""manage.py seed_salary_corpus, train_salary_model [--if-missing] [--no-activate], import_vacancies FILE."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from salary.models import SalaryModel, TrainingPosting

pytestmark = pytest.mark.django_db

HEADER = "name,description,salary.from,salary.to,salary.currency,area.name,key_skills\n"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_seed_salary_corpus_is_idempotent(db):
    out, _ = run("seed_salary_corpus", "--count", "120", "--seed", "5")
    assert "Stored 120 SYNTHETIC demo postings" in out
    out, _ = run("seed_salary_corpus", "--count", "120", "--seed", "5")
    assert "already in place" in out
    assert TrainingPosting.objects.filter(synthetic=True, source="synthetic").count() == 120


def test_the_default_demo_corpus_has_2000_postings(db):
    run("seed_salary_corpus")
    assert TrainingPosting.objects.filter(synthetic=True).count() == 2000


def test_train_salary_model_trains_and_activates(corpus):
    out, _ = run("train_salary_model")
    model = SalaryModel.objects.get()
    assert model.is_active and model.status == SalaryModel.Status.READY
    assert f"Trained salary model {model.version} on 300 postings and activated it" in out
    assert "MAPE" in out and "baseline" in out and "SYNTHETIC" in out


def test_if_missing_is_a_no_op_when_an_active_model_exists(trained):
    out, _ = run("train_salary_model", "--if-missing")
    assert f"Salary model {trained.version} is active; nothing to train." in out
    assert SalaryModel.objects.count() == 1


def test_if_missing_trains_when_the_active_artefact_is_gone(trained):
    trained.artefact_path.unlink()
    run("train_salary_model", "--if-missing")
    assert SalaryModel.objects.count() == 2
    assert SalaryModel.objects.get(is_active=True) != trained


def test_no_activate_keeps_the_current_model(trained):
    out, _ = run("train_salary_model", "--no-activate")
    assert "(not active)" in out
    assert SalaryModel.objects.get(is_active=True) == trained
    assert SalaryModel.objects.filter(status="ready").count() == 2


def test_training_with_no_data_is_a_clear_command_error(db):
    with pytest.raises(CommandError, match="seed_salary_corpus"):
        run("train_salary_model", "--if-missing")


def test_import_vacancies_reports_each_bad_row_and_a_summary(db, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(HEADER
                    + "Python developer,<p>Django</p>,200000,300000,RUR,Москва,Python;Django\n"
                    + "No salary,,,,RUB,Kazan,\n"
                    + "QA engineer,Manual,120 000,,RUB,Remote,\"[\"\"SQL\"\"]\"\n"
                    + "Swapped,,300000,200000,RUB,,\n", encoding="utf-8")
    out, err = run("import_vacancies", str(path))
    assert f"{path}: row 2 (line 3): no salary: salary.from and salary.to are both empty" in err
    assert f"{path}: row 4 (line 5): salary.from (300000) is greater than salary.to (200000)" in err
    assert "read 4, imported 2, skipped 2 (currencies: RUB 2); stored 2 new postings, 0 were already stored" in out
    stored = TrainingPosting.objects.order_by("title")
    assert [(p.title, p.salary_from, p.salary_to, p.currency, p.source, p.synthetic) for p in stored] == [
        ("Python developer", 200_000, 300_000, "RUB", "import", False),
        ("QA engineer", 120_000, None, "RUB", "import", False),
    ]
    assert stored[0].skills == ["Python", "Django"] and stored[0].description == "Django"

    out, _ = run("import_vacancies", str(path))
    assert "stored 0 new postings, 2 were already stored" in out
    assert TrainingPosting.objects.count() == 2


def test_import_vacancies_reads_jsonl_with_an_explicit_format(db, tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(json.dumps({"name": "Go developer", "salary": {"from": 250000, "to": None, "currency": None}})
                    + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No valid rows"):
        run("import_vacancies", str(path), "--format", "jsonl")
    out, _ = run("import_vacancies", str(path), "--format", "jsonl", "--currency", "RUB")
    assert "stored 1 new postings" in out


def test_a_file_level_error_imports_nothing(db, tmp_path):
    path = tmp_path / "export.csv"
    windows_1251 = "Программист,,100000,,RUB,,\n".encode("cp1251")
    path.write_bytes((HEADER + "Python developer,,200000,,RUB,,\n").encode() + windows_1251)
    with pytest.raises(CommandError, match="not valid UTF-8.*Nothing was imported"):
        run("import_vacancies", str(path))
    assert not TrainingPosting.objects.exists()


def test_a_missing_file_is_a_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_vacancies", str(tmp_path / "nope.csv"))
