"""App configuration for lrs."""

from django.apps import AppConfig


class LrsConfig(AppConfig):
    name = "lrs"
    verbose_name = "xAPI Learning Record Store"
