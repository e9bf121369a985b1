"""`make run`'s set-up in one process, skipping what is already done (a warm start in seconds).

    python -m onlyjobless.devprepare

Migrates when the migration executor has a plan, creates the MongoDB indexes, seeds the
demo data and the salary corpus when their data changed (a fingerprint in var/prepared.json,
checked against the database too, so a dropped database is seeded again), trains the salary
model when none is active, and collects static files when they changed. The app is imported
inside each step: models can only be imported after django.setup().
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
STAMPS = ROOT / "var" / "prepared.json"
# Files whose change means the demo data or salary corpus may differ: seed them again.
DEMO_SOURCES = ["demo/seed.py", "demo/data.py", "demo/data/vacancies.json", "demo/data/personas.json",
                "demo/data/employer_vacancies.json", "demo/data/accounts.json", "demo/data/resume.json",
                "salary/synthetic.py"]


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _step(name: str, work: Callable[[], str]) -> None:
    started = time.monotonic()
    outcome = work()
    print(f"    {name}: {outcome} ({time.monotonic() - started:.1f} s)", flush=True)


def _migrate() -> str:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return "up to date"
    call_command("migrate", interactive=False, verbosity=0)
    return f"applied {len(plan)} migration(s)"


def _indexes() -> str:
    from interviews import chats

    chats.ensure_indexes()
    return "in place"


def _seed(stamps: dict) -> str:
    from accounts.models import User
    from demo import data as demo_data
    from demo.seed import seed
    from salary import services as salary

    from django.db import connection

    key = f"demo:{connection.settings_dict['NAME']}"
    fingerprint = _fingerprint([ROOT / name for name in DEMO_SOURCES if (ROOT / name).exists()])
    seeded = User.objects.filter(username__in=[spec["username"] for spec in demo_data.DEMO_ACCOUNTS]).count()
    if stamps.get(key) == fingerprint and seeded == len(demo_data.DEMO_ACCOUNTS):
        return "unchanged"
    seed()
    created = salary.seed_synthetic_corpus()
    stamps[key] = fingerprint
    return f"seeded (salary corpus: {created:,} new postings)" if created else "seeded"


def _salary_model() -> str:
    from salary import services as salary
    from salary.models import SalaryModel

    active = SalaryModel.objects.filter(is_active=True).first()
    if active is not None and active.has_artefact():
        return f"{active.version} is active"
    model = salary.train_model(activate=True)
    return f"trained {model.version} on {model.training_size:,} postings"


def _static(stamps: dict) -> str:
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    files = [Path(storage.path(path)) for finder in get_finders() for path, storage in finder.list([])]
    fingerprint = _fingerprint(files)
    if stamps.get("static") == fingerprint and Path(settings.STATIC_ROOT).is_dir():
        return "unchanged"
    call_command("collectstatic", interactive=False, verbosity=0)
    stamps["static"] = fingerprint
    return f"collected {len(files)} files"


def prepare() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlyjobless.settings")
    django.setup()
    try:
        stamps = json.loads(STAMPS.read_text())
    except (OSError, ValueError):
        stamps = {}
    _step("database", _migrate)
    _step("MongoDB indexes", _indexes)
    _step("demo data", lambda: _seed(stamps))
    _step("salary model", _salary_model)
    _step("static files", lambda: _static(stamps))
    STAMPS.parent.mkdir(parents=True, exist_ok=True)
    STAMPS.write_text(json.dumps(stamps))


if __name__ == "__main__":
    prepare()
