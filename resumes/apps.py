from django.apps import AppConfig


class ResumesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resumes"

    def ready(self) -> None:
        from resumes.files import connect_signals

        connect_signals()
