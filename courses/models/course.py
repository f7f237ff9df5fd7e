"""Courses and their numbered versions, the unit that is edited, reviewed and published."""

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models.competencies import Competency


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Course(models.Model):
    """The lasting identity of a course across its versions, owned by one or more institutions."""

    slug = models.SlugField(max_length=80, unique=True)
    institutions = models.ManyToManyField("accounts.Organization", related_name="courses")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Enrolment settings of the course run (not content, so not versioned).
    enrollment_opens_at = models.DateTimeField(null=True, blank=True)
    enrollment_closes_at = models.DateTimeField(null=True, blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Active learners at most; empty for no limit.")
    )
    # The cover picture's sizes and formats (courses/covers.py); empty for none.
    cover = models.JSONField(default=dict, blank=True)
    # The version learners see in the catalog; None until first published or after archiving.
    published_version = models.OneToOneField(
        "CourseVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["slug"]

    def __str__(self) -> str:
        return self.slug


class CourseVersion(models.Model):
    """One version of a course's content. Editable only as a draft; frozen once published."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Grading(models.TextChoices):
        BEST = "best", _("Best attempt")
        LAST = "last", _("Last attempt")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    code = models.CharField(max_length=40)
    primary_language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    languages = models.JSONField(default=list)
    level = models.CharField(max_length=20, choices=Level.choices)
    estimated_hours = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    prerequisites = models.ManyToManyField(Course, blank=True, related_name="required_by")
    competencies = models.ManyToManyField(Competency, blank=True, related_name="course_versions")
    certificate_validity_months = models.PositiveSmallIntegerField(null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    show_grade_on_certificate = models.BooleanField(default=True)
    translations = models.JSONField(default=dict)
    # Everyone who wrote this version's content: each package save or import, and the uploader of
    # each file the version is the first to offer. Separation of duties keeps them (and whoever
    # submitted it) from approving or publishing it.
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["course", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["course", "number"], name="course_version_number"),
            # One working copy at a time: concurrent "edit published course" calls cannot fork.
            models.UniqueConstraint(
                fields=["course"],
                condition=Q(state__in=["draft", "in_review", "approved"]),
                name="course_single_working_version",
            ),
            models.UniqueConstraint(
                fields=["course"], condition=Q(state="published"), name="course_single_published"
            ),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="version_pass_mark_pct"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} v{self.number} ({self.state})"
