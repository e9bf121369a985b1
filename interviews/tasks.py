"""Background work, run by `manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task

from interviews import evaluation


@task()
def evaluate_chat_task(chat_id: str) -> None:
    evaluation.evaluate_chat(chat_id=chat_id)
