"""Practise now: an interview of the questions the practice queue has due (`interviews.practice_queue`)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from interviews import services
from interviews.errors import ChatConflict
from interviews.models import Persona, PracticeItem

DUE_MAX = 6  # questions in one "Practise now" interview


def start_due_practice(*, user) -> dict:
    """A practice interview of the questions due now (up to DUE_MAX, the longest due first, in the
    language of the first), with an interviewer who speaks it. Counts toward the daily chat limit."""
    due = list(PracticeItem.objects.for_owner(user).due(now=timezone.now())[:50])
    if not due:
        raise ChatConflict(_("No questions are due for practice right now. Weak answers come back here a day "
                             "after their interview."))
    language = due[0].language
    chosen = [item for item in due if item.language == language][:DUE_MAX]
    questions = [{**item.question, "id": f"p{number}", "practice_key": item.key}
                 for number, item in enumerate(chosen, start=1)]
    persona = Persona.objects.for_practice(language=language).first()
    return services.start_interview(user=user, title=_("Practice: questions due today"), vacancy_id=None,
                                    persona_id=persona.pk if persona else None, plan_questions=questions)
