"""Industry standards that competencies and case studies concern (standards alignment)."""

from typing import ClassVar

from django.db import models


class Standard(models.Model):
    """A published standard, e.g. IEC 62443: its code, issuing body, link, and title per
    language ({"en": {"title": ...}, "de": {...}}, English always present)."""

    code = models.CharField(max_length=40, unique=True)
    issuing_body = models.CharField(max_length=80)
    url = models.URLField(blank=True)
    position = models.PositiveIntegerField(default=0)
    translations = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar = ["position", "code"]

    def __str__(self) -> str:
        return self.code
