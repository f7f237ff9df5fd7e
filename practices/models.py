"""Case studies of the best-practice library, their review steps and attached files."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class CaseStudy(models.Model):
    """A case study an organisation publishes: problem, solution and results in one or more
    languages ({"en": {"title", "summary", "problem", "solution", "results"}, ...}), the
    standards, competencies and courses it concerns. Reviewed like a course (draft → in review
    → approved → published); only drafts are edited."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    class Sector(models.TextChoices):
        AUTOMOTIVE = "automotive", _("Automotive")
        ELECTRONICS = "electronics", _("Electronics")
        MACHINERY = "machinery", _("Machinery and equipment")
        PROCESS = "process", _("Process industries")
        FOOD = "food", _("Food and beverage")
        AEROSPACE = "aerospace", _("Aerospace")
        ENERGY = "energy", _("Energy")
        OTHER = "other", _("Other")

    slug = models.SlugField(max_length=80, unique=True)
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="case_studies"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    primary_language = models.CharField(max_length=10)
    languages = models.JSONField(default=list)
    translations = models.JSONField(default=dict)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    country = CountryField()
    standards = models.ManyToManyField("courses.Standard", blank=True, related_name="+")
    competencies = models.ManyToManyField("courses.Competency", blank=True, related_name="+")
    linked_courses = models.ManyToManyField("courses.Course", blank=True, related_name="+")
    # Who edited the text: they may not approve or publish it (separation of duties).
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Normalized texts of every language, written on publication (courses' search semantics).
    search_text = models.TextField(blank=True)
    title_text = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "case studies"
        indexes: ClassVar = [
            # The public library: published, newest first.
            models.Index(fields=["state", "-published_at", "-id"], name="case_study_library"),
        ]

    def __str__(self) -> str:
        return self.slug


class CaseStudyTransition(models.Model):
    """One workflow step of a case study: who moved it, from which state to which, and why."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_study_id}: {self.action}"


class CaseStudyAttachment(models.Model):
    """A file attached to a case study, typed by its bytes (courses' upload checks) and stored
    under a name the server chose."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="practices/")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return self.filename
