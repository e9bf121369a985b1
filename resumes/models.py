"""A candidate's resume, and the uploaded file waiting for the candidate to confirm its parsed draft."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vacancies.models import Vacancy

MAX_YEARS_EXPERIENCE = 60


def stored_file_name(instance: models.Model, filename: str) -> str:
    """A random name under resumes/: the user's file name never reaches the file system."""
    extension = {"pdf": ".pdf", "docx": ".docx"}.get(getattr(instance, "kind", ""), "")
    return f"resumes/{secrets.token_hex(16)}{extension}"


class Resume(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume")
    positions = models.JSONField(_("desired positions"), default=list, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True, validators=[MaxValueValidator(MAX_YEARS_EXPERIENCE)]
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)  # normalised: skills
    expected_salary = models.PositiveIntegerField(_("expected salary"), null=True, blank=True)
    # Vacancies are priced in several currencies; a salary only compares within one.
    currency = models.CharField(
        _("currency"), max_length=3, choices=Vacancy.Currency.choices, default=Vacancy.Currency.RUB
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    education = models.TextField(_("education"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(upload_to=stored_file_name, blank=True, max_length=200)
    original_filename = models.CharField(max_length=255, blank=True)
    extracted_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_experience__lte=MAX_YEARS_EXPERIENCE),
                name="resumes_resume_years_experience_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Resume of {self.user}"


class ResumeUpload(models.Model):
    """A parsed file kept until the candidate confirms the draft (then it moves to the Resume)."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_uploads")
    kind = models.CharField(max_length=4, choices=Kind.choices)
    file = models.FileField(upload_to=stored_file_name, max_length=200)
    original_filename = models.CharField(max_length=255, blank=True)
    extracted_text = models.TextField(blank=True)
    parsed = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Upload {self.original_filename or self.pk} by {self.user}"
