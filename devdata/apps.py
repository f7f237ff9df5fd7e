"""App configuration for devdata: demo and scale data (development and benchmarks only)."""

from django.apps import AppConfig


class DevdataConfig(AppConfig):
    name = "devdata"
    verbose_name = "Demo and scale data"
