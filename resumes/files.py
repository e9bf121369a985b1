"""Stored resume files: delete a file once no row points at it any more.

A confirmed upload hands its file to the Resume (same stored name), so deleting the
upload row must not delete the file; deleting a user cascades to both rows and must.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete


def discard_file(name: str) -> None:
    """After the current transaction commits, delete ``name`` unless a row still uses it."""
    if name:
        transaction.on_commit(lambda: _delete_if_unused(name))


def _delete_if_unused(name: str) -> None:
    from resumes.models import Resume, ResumeUpload

    if Resume.objects.filter(file=name).exists() or ResumeUpload.objects.filter(file=name).exists():
        return
    default_storage.delete(name)


def _on_delete(sender, instance, **kwargs) -> None:
    discard_file(instance.file.name)


def connect_signals() -> None:
    from resumes.models import Resume, ResumeUpload

    for model in (Resume, ResumeUpload):
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"resumes.files.{model.__name__}")
