"""A candidate's response to an employer's vacancy, scored by the AI screening chat."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vacancies.models import Vacancy

# A scoring takes seconds; one still pending after this has lost its worker and may be queued again.
ASSESSMENT_STALE_AFTER = timedelta(minutes=5)


class ApplicationQuerySet(models.QuerySet):
    def for_candidate(self, user) -> ApplicationQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(candidate=user)

    def for_vacancy_owner(self, user) -> ApplicationQuerySet:
        """Responses to the user's own vacancies: nobody else (not even other employers) sees them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(vacancy__owner=user)


ANSWERS_WEIGHT_MIN, ANSWERS_WEIGHT_MAX, ANSWERS_WEIGHT_DEFAULT = 50, 90, 70


class ScreeningVersion(models.Model):
    """One saved version of a vacancy's screening: the employer's questions (empty: built from the
    vacancy's skills) and the relevance blend. Rows are never edited: a change is a new version, and an
    application keeps the version it started with, so its questions and its score's blend stay put."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="screening_versions")
    version = models.PositiveIntegerField()
    # [{"text", "topic", "ideal_answer", "key_points": [3-6 strings]}], in the order they are asked.
    questions = models.JSONField(default=list, blank=True)
    # The answers' share of the relevance score, in percent; the skill match has the rest.
    answers_weight = models.PositiveSmallIntegerField(_("answers' weight"), default=ANSWERS_WEIGHT_DEFAULT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vacancy", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "version"], name="applications_screening_version_unique"),
            models.CheckConstraint(condition=Q(answers_weight__gte=ANSWERS_WEIGHT_MIN,
                                               answers_weight__lte=ANSWERS_WEIGHT_MAX),
                                   name="applications_screening_answers_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy} · v{self.version}"


class Application(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_CHAT = "in_chat", _("Screening")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Assessment(models.TextChoices):
        """Where the background assessment of the screening chat stands."""

        NONE = "", _("Not started")
        PENDING = "pending", _("Scoring")
        READY = "ready", _("Scored")
        FAILED = "failed", _("Scoring failed")

    class AssessmentError(models.TextChoices):
        """Why a scoring failed: a code, shown in the reader's language."""

        LLM_UNAVAILABLE = "llm_unavailable", _("The model is unavailable right now. Please retry in a minute.")
        LLM_TIMEOUT = "llm_timeout", _("The model took too long to answer. Please retry.")
        LLM_BAD_OUTPUT = "llm_bad_output", _("The model's answer could not be read. Please retry.")
        LLM_ERROR = "llm_error", _("The model could not answer. Please retry.")
        CHATS_UNAVAILABLE = "chats_unavailable", _("The screening chat could not be read right now. Please retry "
                                                   "in a minute.")
        CRASHED = "crashed", _("Scoring stopped on an unexpected error. Please retry.")

    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    relevance_score = models.PositiveSmallIntegerField(
        _("relevance score"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    strengths = models.JSONField(_("strengths"), default=list, blank=True)
    rejection_reasons = models.JSONField(_("rejection reasons"), default=list, blank=True)
    # The skill match at the time of applying (0-100): it feeds the relevance score.
    skill_match = models.PositiveSmallIntegerField(
        _("skill match"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    assessment_status = models.CharField(
        _("assessment"), max_length=16, choices=Assessment.choices, default=Assessment.NONE, blank=True
    )
    assessment_error = models.CharField(max_length=300, blank=True, choices=AssessmentError.choices)
    # The queue token of the latest scoring: a run writes its result only while it is still the latest.
    assessment_queued_at = models.DateTimeField(null=True, blank=True)
    screening_finished_at = models.DateTimeField(null=True, blank=True)
    chat_id = models.CharField(_("screening chat"), max_length=24, blank=True)
    message = models.TextField(_("message to the candidate"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The screening's questions and blend as they were when the candidate applied (None: the defaults).
    screening_version = models.ForeignKey(ScreeningVersion, on_delete=models.RESTRICT, null=True, blank=True,
                                          related_name="applications")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "vacancy"], name="applications_one_per_vacancy"),
            models.CheckConstraint(
                condition=Q(relevance_score__isnull=True) | Q(relevance_score__lte=100),
                name="applications_relevance_score_range",
            ),
        ]
        indexes = [
            models.Index(fields=["vacancy", "status"], name="application_vacancy_status"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.vacancy}"

    @property
    def answers_weight(self) -> int:
        version = self.screening_version
        return version.answers_weight if version else ANSWERS_WEIGHT_DEFAULT

    @property
    def status_badge(self) -> str:
        """The status badge's style: approved is good news, rejected bad, a screening under way needs the candidate."""
        return STATUS_BADGES.get(self.status, "badge-muted")

    @property
    def status_label(self) -> str:
        """"Applied" for a new application (new to the employer; to its candidate it is sent), else the status."""
        return str(_("Applied")) if self.status == self.Status.NEW else self.get_status_display()

    @property
    def can_continue_screening(self) -> bool:
        """The candidate may still answer: the chat exists, nobody decided and they have not finished it."""
        return bool(self.chat_id) and self.status == self.Status.IN_CHAT and self.screening_finished_at is None

    @property
    def assessment_running(self) -> bool:
        """Queued recently enough that a worker is on it: the page polls, and a retry would only duplicate it."""
        return (self.assessment_status == self.Assessment.PENDING and self.assessment_queued_at is not None
                and timezone.now() - self.assessment_queued_at <= ASSESSMENT_STALE_AFTER)

    @property
    def assessment_stalled(self) -> bool:
        """Pending for too long (its worker died): the page stops polling and offers to queue it again."""
        return self.assessment_status == self.Assessment.PENDING and not self.assessment_running


class InviteQuerySet(models.QuerySet):
    def for_vacancy_owner(self, user) -> InviteQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(vacancy__owner=user)


class Invite(models.Model):
    """A single-use link to a vacancy's screening, published or not (a private screening).

    Only the SHA-256 of the link's secret is stored: a database leak gives nobody a working link,
    and the employer sees the link once, when it is made.
    """

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        OPENED = "opened", _("Opened")
        ACCEPTED = "accepted", _("In screening")
        DONE = "done", _("Screening done")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="invites")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    note = models.CharField(_("for whom"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    application = models.OneToOneField(Application, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="invite")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["vacancy", "-created_at"], name="invite_vacancy_created")]

    def __str__(self) -> str:
        return f"{self.vacancy} · {self.note or self.pk}"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return self.State.REVOKED
        if self.accepted_at:
            finished = self.application is not None and self.application.screening_finished_at is not None
            return self.State.DONE if finished else self.State.ACCEPTED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.OPENED if self.opened_at else self.State.SENT

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def is_usable(self) -> bool:
        return self.state in (self.State.SENT, self.State.OPENED)


class SharedReport(models.Model):
    """A finished practice interview's report that the candidate chose to show with one application.

    Only the chat's id is kept: the employer reads the report as it stands in the chat (a deleted
    chat is no longer shown), and only while this row exists. The candidate removes it until the
    employer decides."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="shared_reports")
    chat_id = models.CharField(max_length=24)
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shared_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "chat_id"], name="applications_report_shared_once"),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.chat_id}"


STATUS_BADGES = {
    Application.Status.APPROVED: "badge-ok",
    Application.Status.REJECTED: "badge-danger",
    Application.Status.IN_CHAT: "badge-warn",
}
