"""App configuration for courses."""

from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
