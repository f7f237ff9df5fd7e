"""App configuration for programs."""

from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs (learning paths)"

    def ready(self) -> None:
        from programs import receivers  # noqa: F401  (connects the signal receivers)
