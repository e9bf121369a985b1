from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for a first run (`manage.py seed_demo`, which `make run` calls): the only app that
    knows every other app, so none of them imports the demo."""

    name = "demo"
