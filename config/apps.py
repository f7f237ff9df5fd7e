"""The project's own app config: registers the deployment checks of its wiring."""

from django.apps import AppConfig


class ProjectConfig(AppConfig):
    name = "config"
    verbose_name = "ICIM Academy project"

    def ready(self) -> None:
        from config import checks  # noqa: F401  (registers them)
