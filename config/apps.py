"""The project's own app configs: the deployment checks of its wiring, and its admin site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ProjectConfig(AppConfig):
    name = "config"
    verbose_name = "ICIM Academy project"

    def ready(self) -> None:
        from config import checks  # noqa: F401  (registers them)


class AcademyAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the project's site (a throttled, audited sign-in)."""

    default = False  # named in INSTALLED_APPS; `config` itself is ProjectConfig
    default_site = "config.admin_site.AcademyAdminSite"
