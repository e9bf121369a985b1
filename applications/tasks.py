"""Background work, run by `manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task

from applications import assessment


@task()
def assess_application_task(application_id: int) -> None:
    assessment.assess(application_id=application_id)
