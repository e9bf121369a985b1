"""Background work, run by `manage.py db_worker` (django-tasks, database backend)."""

from datetime import datetime

from django_tasks import task

from applications import assessment


@task()
def assess_application_task(application_id: int, queued_at: str) -> None:
    """`queued_at` is the ISO time the scoring was queued with (task arguments are JSON)."""
    assessment.assess(application_id=application_id, queued_at=datetime.fromisoformat(queued_at))
