from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResumesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resumes"
    verbose_name = _("Resumes")  # the admin's section title

    def ready(self) -> None:
        from resumes.files import connect_signals

        connect_signals()
