"""Practice minutes per persona: set, add or subtract, never below zero, safe under concurrency."""

from __future__ import annotations

from typing import Literal

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Least, Now
from django.utils.translation import gettext as _

from interviews.models import Persona, Progress
from onlyjobless.errors import ServiceError

MINUTES_MAX = 1_000_000  # far beyond any real practice, well inside a Postgres integer
OPERATIONS = ("set", "add", "subtract")


class ProgressError(ServiceError):
    """Refused input."""

    status = 422


class PersonaNotFound(ServiceError):
    status = 404

    def __init__(self) -> None:
        super().__init__(_("Persona not found."))


def change_progress(
    *, user, persona: Persona, op: Literal["set", "add", "subtract"], minutes: int
) -> Progress:
    """Apply `op` to the user's minutes with `persona` in one UPDATE and return the saved row.

    The row is created at 0 when missing. Concurrent changes never lose each other (the database
    computes the new value); subtracting more than there is stops at 0; totals stop at MINUTES_MAX.
    Raises ProgressError for an unknown op or minutes that are negative, not whole or too large.
    """
    if op not in OPERATIONS:
        raise ProgressError(_("op must be one of: set, add, subtract."))
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ProgressError(_("minutes must be a whole number."))
    if minutes < 0:
        raise ProgressError(_("minutes cannot be negative."))
    if minutes > MINUTES_MAX:
        raise ProgressError(_("minutes can be at most %(n)d.") % {"n": MINUTES_MAX})

    new_value = {
        "set": Value(minutes),
        "add": Least(F("minutes") + minutes, Value(MINUTES_MAX)),
        "subtract": Greatest(F("minutes") - minutes, Value(0)),
    }[op]
    with transaction.atomic():
        progress, _created = Progress.objects.get_or_create(user=user, persona=persona)
        Progress.objects.filter(pk=progress.pk).update(minutes=new_value, updated_at=Now())
        # Our UPDATE holds the row lock until commit, so this reads our own result.
        progress.refresh_from_db(fields=["minutes", "updated_at"])
    return progress


def progress_for(*, user):
    """The user's progress rows with their personas, most recently practised first."""
    return Progress.objects.filter(user=user).select_related("persona")
