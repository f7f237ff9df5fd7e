"""The interchange app's configuration."""

from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "interchange"
    verbose_name = "Course interchange"
    default_auto_field = "django.db.models.BigAutoField"
