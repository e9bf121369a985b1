"""Interview data kept in Postgres: personas, their ratings, and practice progress.

Chats and messages live in MongoDB (interviews/chats.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    EN = "en", "English"
    RU = "ru", "Русский"


class PersonaQuerySet(models.QuerySet):
    def active(self) -> PersonaQuerySet:
        return self.filter(is_active=True)

    def for_practice(self, *, language: str = "") -> PersonaQuerySet:
        """Active practice interviewers, those speaking `language` first, gentlest first."""
        difficulty_rank = Case(
            *(When(difficulty=value, then=Value(rank)) for rank, value in enumerate(Persona.Difficulty.values)),
            output_field=models.IntegerField(),
        )
        ordering = ["rank", "name"]
        queryset = self.active().filter(kind=Persona.Kind.PRACTICE).alias(rank=difficulty_rank)
        if language:
            other_language = Case(When(language=language, then=Value(0)), default=Value(1))
            queryset = queryset.alias(other_language=other_language)
            ordering.insert(0, "other_language")
        return queryset.order_by(*ordering)


class Persona(models.Model):
    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MEDIUM = "medium", _("Medium")
        HARD = "hard", _("Hard")

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice interviewer")
        SCREENING = "screening", _("Employer screening")

    slug = models.SlugField(max_length=60, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"))
    system_prompt = models.TextField(_("system prompt"))
    model = models.CharField(
        _("model"), max_length=100, blank=True, help_text=_("Ollama model name; empty uses OLLAMA_MODEL.")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    difficulty = models.CharField(_("difficulty"), max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    # Screening personas run employers' screening chats and are not offered in the practice picker.
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PRACTICE)
    # The mean is recomputed from the exact integer sum on every rating, so it never drifts.
    rating = models.DecimalField(_("rating"), max_digits=3, decimal_places=2, default=0)
    ratings_count = models.PositiveIntegerField(_("ratings"), default=0)
    ratings_sum = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=0) & Q(rating__lte=5), name="interviews_persona_rating_range"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def model_name(self) -> str:
        return self.model or settings.OLLAMA_MODEL


class Feedback(models.Model):
    # The unique (user, chat_id) index already serves lookups by user.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback", db_index=False)
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="feedback")
    chat_id = models.CharField(max_length=24)
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(blank=True)
    allow_training = models.BooleanField(default=False)
    processed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "chat_id"], name="interviews_feedback_once_per_chat"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="interviews_feedback_rating_1_5",
                violation_error_message=_("A rating is from 1 to 5."),
            ),
        ]
        indexes = [
            # The ML export reads consented, unprocessed feedback in id order.
            models.Index(fields=["processed", "id"], condition=Q(allow_training=True), name="feedback_training_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.persona} · {self.rating}/5"


class Progress(models.Model):
    # The unique (user, persona) index already serves lookups by user.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress", db_index=False)
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="progress")
    minutes = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "progress"
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "persona"], name="interviews_progress_user_persona"),
            models.CheckConstraint(condition=Q(minutes__gte=0), name="interviews_progress_minutes_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.persona}: {self.minutes} min"


class ReportShareQuerySet(models.QuerySet):
    def for_owner(self, user) -> ReportShareQuerySet:
        return self.filter(user=user)

    def working(self, *, now) -> ReportShareQuerySet:
        """Links that still open their report: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ReportShare(models.Model):
    """A read-only link to one report. Only the token's SHA-256 is kept, so a leaked database row (or an
    operator) can't open the report; the owner sees the link once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_shares")
    chat_id = models.CharField(max_length=24)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    objects = ReportShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "chat_id"], name="report_share_owner_chat_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.chat_id}"

    @property
    def state(self) -> str:
        """working | revoked | expired, now."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "working"


class PracticeItemQuerySet(models.QuerySet):
    def for_owner(self, user) -> PracticeItemQuerySet:
        return self.filter(user=user)

    def scheduled(self) -> PracticeItemQuerySet:
        return self.filter(done_at__isnull=True)

    def due(self, *, now) -> PracticeItemQuerySet:
        return self.scheduled().filter(due_at__lte=now).order_by("due_at", "pk")


class PracticeItem(models.Model):
    """A question the candidate scored low on or skipped, back on a spaced schedule until answered well
    at every step (`interviews.practice_queue` holds the rules). The question is kept whole, so the
    practice interview asks it as it was, whatever happens to its vacancy."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_items",
                             db_index=False)
    key = models.CharField(max_length=64)  # the question's identity: its vacancy and text
    question = models.JSONField()  # {text, topic, ideal_answer, key_points}
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    step = models.PositiveSmallIntegerField(default=0)  # index into the schedule's intervals
    due_at = models.DateTimeField(_("due"))
    last_score = models.PositiveSmallIntegerField(null=True, blank=True)
    last_chat_id = models.CharField(max_length=24, blank=True)  # the interview that last moved it
    done_at = models.DateTimeField(null=True, blank=True)  # answered well at every step
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PracticeItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="interviews_practice_item_once")]
        indexes = [models.Index(fields=["user", "due_at"], condition=Q(done_at__isnull=True),
                                name="practice_item_due_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.topic or self.question.get('text', '')[:40]}"


class PracticeSession(models.Model):
    """One scored practice interview, for the progress page: when, how long, and the score per topic."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_sessions",
                             db_index=False)
    chat_id = models.CharField(max_length=24)
    finished_at = models.DateTimeField()
    minutes = models.PositiveIntegerField(default=0)
    overall = models.FloatField(null=True)
    topic_scores = models.JSONField(default=dict)  # {topic: mean score 0-10 of its answered questions}

    class Meta:
        ordering = ["finished_at"]
        constraints = [models.UniqueConstraint(fields=["user", "chat_id"], name="interviews_practice_session_once")]
        indexes = [models.Index(fields=["user", "finished_at"], name="practice_session_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.finished_at:%Y-%m-%d} · {self.overall}"
