"""App configuration for certificates."""

from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"

    def ready(self) -> None:
        from certificates import checks, receivers  # noqa: F401  (registers them)
