"""App configuration for records (the learner's whole record as a signed CLR 2.0)."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Learner records"
