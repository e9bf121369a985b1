"""Service keys for other systems (e.g. the Telegram bot), what each use did, and the resume drafts they send."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKey(models.Model):
    """A key an operator gives another system. Only the key's SHA-256 is stored (the key is shown once);
    the prefix, which is not secret, finds the row and names the key in logs."""

    class Scope(models.TextChoices):
        VACANCIES_READ = "vacancies:read", _("Read published vacancies")
        MATCHES_READ = "matches:read", _("Read a user's matches by Telegram username")
        RESUME_DRAFT = "resumes:draft", _("Create a resume draft for a user (they confirm it)")

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   editable=False, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ServiceKeyUse(models.Model):
    """One request made with a key: what it asked for and how it was answered."""

    key = models.ForeignKey(ServiceKey, on_delete=models.CASCADE, related_name="uses")
    scope = models.CharField(max_length=32)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    ip = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["key", "-at"], name="service_key_use_key_at")]


class ResumeDraft(models.Model):
    """Resume fields another system sent for a user; nothing changes until the user uses or discards it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_drafts")
    key = models.ForeignKey(ServiceKey, on_delete=models.SET_NULL, null=True, related_name="+")
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
