"""Salary models in Postgres: trained model versions, training postings, the prediction log.

Deliberately free of scikit-learn imports (``salary.ml`` costs about a second to import),
so the admin and unrelated management commands stay light.
"""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SalaryModel(models.Model):
    """One trained model version; its joblib artefact lives under ``SALARY_MODEL_DIR``."""

    class Status(models.TextChoices):
        TRAINING = "training", _("Training")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    version = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.TRAINING)
    # A file name relative to SALARY_MODEL_DIR, so the directory can move between machines.
    artefact = models.CharField(max_length=255, blank=True)
    trained_at = models.DateTimeField(null=True, blank=True)
    training_size = models.PositiveIntegerField(default=0)
    # Held-out scores from salary.ml.train: {"model": {"from": {"mae", "mape", "r2", "n"}, "to": ...},
    # "baseline": {...}, "n_train", "n_test", ...}.
    metrics = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="salary_one_active_model"),
            models.CheckConstraint(condition=Q(is_active=False) | Q(status="ready"),
                                   name="salary_active_model_is_ready"),
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def artefact_path(self) -> Path:
        return Path(settings.SALARY_MODEL_DIR) / self.artefact

    def has_artefact(self) -> bool:
        return bool(self.artefact) and self.artefact_path.is_file()

    @property
    def mostly_synthetic(self) -> bool:
        """True when most training postings were invented by the demo generator."""
        data = self.metrics.get("data", {})
        return data.get("synthetic", 0) * 2 > data.get("postings", 0)

    def metric(self, scorer: str, bound: str, name: str) -> float | None:
        """e.g. ``metric("model", "from", "mape")``; None when training did not score it."""
        return self.metrics.get(scorer, {}).get(bound, {}).get(name)


class TrainingPosting(models.Model):
    """A vacancy with a salary used for training: imported real postings or the synthetic demo corpus."""

    class Source(models.TextChoices):
        SYNTHETIC = "synthetic", _("Synthetic demo corpus")
        IMPORT = "import", _("Imported file")

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    skills = models.JSONField(default=list, blank=True)
    location = models.CharField(max_length=200, blank=True)
    salary_from = models.PositiveIntegerField(null=True, blank=True)
    salary_to = models.PositiveIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    # The generator's role, used by the per-role baseline; real postings leave it blank.
    role = models.CharField(max_length=32, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    synthetic = models.BooleanField(default=False, help_text=_("Invented by salary.synthetic: NOT real market data."))
    # Where the row came from: "seed 42 x 2000" or the imported file's name.
    batch = models.CharField(max_length=255, blank=True)
    # SHA-256 of the posting's content, so importing the same file twice adds nothing.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "fingerprint"], name="salary_posting_unique_per_source"),
            models.CheckConstraint(condition=Q(salary_from__isnull=False) | Q(salary_to__isnull=False),
                                   name="salary_posting_has_a_salary"),
        ]

    def __str__(self) -> str:
        return self.title


class SalaryPredictionQuerySet(models.QuerySet):
    def for_user(self, user) -> "SalaryPredictionQuerySet":
        return self.filter(user=user)


class SalaryPrediction(models.Model):
    """The log of every salary estimate a user asked for (inputs, outputs, model version, latency)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="salary_predictions")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    skills = models.JSONField(default=list, blank=True)
    location = models.CharField(max_length=200, blank=True)
    salary_from = models.PositiveIntegerField()
    salary_to = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    model_version = models.CharField(max_length=64)
    latency_ms = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SalaryPredictionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="salary_pred_user_created")]
        constraints = [
            models.CheckConstraint(condition=Q(salary_from__gt=0) & Q(salary_to__gte=models.F("salary_from")),
                                   name="salary_prediction_ordered_range"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.salary_from}-{self.salary_to} {self.currency}"
