"""Training in the background: the task runs on the db_worker, idempotently, and records failures."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from salary import services, tasks
from salary.models import SalaryModel


def drain_queue() -> None:
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)


# The worker closes and reopens connections between tasks, which a test wrapped in a
# transaction does not survive.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_trains_and_activates_a_queued_model(corpus):
    model = tasks.start_training(activate=True)
    assert model.status == SalaryModel.Status.TRAINING
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "salary.tasks.train_salary_model_task"

    drain_queue()

    model.refresh_from_db()
    assert model.status == SalaryModel.Status.READY and model.is_active and model.has_artefact()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value == model.version
    assert services.active_model().version == model.version


def test_a_task_run_twice_trains_once(corpus):
    model = tasks.start_training(activate=False)
    tasks.train_salary_model_task.enqueue(model_id=model.pk, activate=False)
    drain_queue()
    model.refresh_from_db()
    assert SalaryModel.objects.count() == 1
    assert model.status == SalaryModel.Status.READY and not model.is_active
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_failed_training_is_recorded_on_the_version_and_the_task(db):
    model = tasks.start_training(activate=True)
    drain_queue()
    model.refresh_from_db()
    assert model.status == SalaryModel.Status.FAILED and "Not enough training data" in model.error
    assert DBTaskResult.objects.get().status == "FAILED"
