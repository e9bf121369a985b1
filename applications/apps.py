from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # interviews knows nothing of applications: the screening's rules are registered here.
        from applications import rehearsal
        from applications.kind import register_kind

        register_kind()
        rehearsal.register()
