"""Background work for the salary model (run by `manage.py db_worker`)."""

from django_tasks import task

from salary import services
from salary.models import SalaryModel


@task()
def train_salary_model_task(*, model_id: int, activate: bool = False) -> str:
    """Train the pending version ``model_id``; idempotent (see services.run_training). Returns the version."""
    model = services.run_training(model=SalaryModel.objects.get(pk=model_id), activate=activate)
    return model.version


def start_training(*, activate: bool = False) -> SalaryModel:
    """Create a pending version (status ``training``, visible in the admin) and queue its training."""
    model = services.create_pending_model()
    train_salary_model_task.enqueue(model_id=model.pk, activate=activate)
    return model
