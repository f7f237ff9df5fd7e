"""The seats app: employer seat pools on courses, their assignments and learners' consent."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeatsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seats"
    verbose_name = _("Employer seats")
