from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplyFeedbackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "replyfeedback"
    verbose_name = _("Reply feedback")
