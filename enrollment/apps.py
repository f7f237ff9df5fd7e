"""App configuration for enrollment."""

from django.apps import AppConfig


class EnrollmentConfig(AppConfig):
    name = "enrollment"

    def ready(self) -> None:
        # Here, not at the top: receivers import models, which load only once apps are ready.
        from enrollment import lrs_copy_queue, receivers  # noqa: F401  (registers them)
