"""A candidate's verdict on one interviewer reply (helpful or not), beside the per-interview rating."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplyFeedback(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reply_feedback")
    chat_id = models.CharField(max_length=24)
    message_id = models.CharField(max_length=24)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    # The user's consent, per verdict, to use the reply and its context for training.
    allow_training = models.BooleanField(_("may be used for training"), default=False)
    processed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "message_id"], name="replyfeedback_one_per_reply"),
        ]
        indexes = [models.Index(fields=["user", "chat_id"], name="replyfeedback_user_chat")]

    def __str__(self) -> str:
        return f"{self.user} · {self.message_id} · {'+' if self.helpful else '-'}"
