"""The competency framework: domains and competencies that courses and lessons teach."""

from typing import ClassVar

from django.db import models


class Competency(models.Model):
    """A node of the intelligent-manufacturing competency framework: a domain or a competency."""

    code = models.CharField(max_length=20, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    translations = models.JSONField(default=dict)
    # The standards a competency concerns; the catalog filters courses by them.
    standards = models.ManyToManyField("courses.Standard", blank=True, related_name="competencies")

    class Meta:
        ordering: ClassVar = ["position", "code"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.code
