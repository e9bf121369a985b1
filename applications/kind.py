"""The `screening` chat kind: the employer's look at the candidate's own words, so no coaching, no
report of its own (the assessment is the employer's) and no deleting (the application keeps it)."""

from django.utils.translation import gettext_lazy as _

from applications.services import finish_screening, screening_answered
from interviews import kinds

SCREENING = kinds.ChatKind(
    name="screening",
    deletable=False,
    coaching=False,
    ratable=False,
    not_deletable=_("This screening belongs to your job application: the employer reads it, so it can't be "
                    "deleted."),
    no_coaching=_("This is an employer's screening: there are no hints, model answers or reports. Your "
                  "application's status is on the Applications page."),
    finished=_("This screening is finished: your answers were sent to the employer. Follow your application on "
               "the Applications page."),
    # The interview's language, not the UI's, so not through gettext.
    closing={"en": "That was the last question. Thank you! The employer will review this conversation and reply "
                   "through the platform.",
             "ru": "Это был последний вопрос. Спасибо! Работодатель изучит этот разговор и ответит через "
                   "платформу."},
    on_last_answer=screening_answered,
    on_finish=finish_screening,
    after_finish_url="applications:mine",
    after_finish_message=_("Thank you! Your answers were sent to the employer."),
    after_finish_label=_("See your applications"),
    finished_note=_("This screening is finished: the employer reviews your answers."),
    label=_("Screening"),
    badge="badge-warn",
    kept_note=_("Screening chats of your job applications stay: the employers read them."),
)


def register_kind() -> None:
    kinds.register(SCREENING)
