"""App configuration for lti."""

from django.apps import AppConfig


class LtiConfig(AppConfig):
    name = "lti"
    verbose_name = "LTI 1.3 tool"

    def ready(self) -> None:
        from lti import receivers  # noqa: F401  (registers them)
