"""App configuration for enrollment."""

from django.apps import AppConfig


class EnrollmentConfig(AppConfig):
    name = "enrollment"

    def ready(self) -> None:
        from enrollment import receivers  # noqa: F401  (registers them)
