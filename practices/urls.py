"""The practices API under /api/v1/."""

from django.urls import URLPattern, URLResolver

app_name = "practices"

urlpatterns: list[URLPattern | URLResolver] = []
