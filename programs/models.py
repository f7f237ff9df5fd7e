"""Programs: ordered or elective sets of courses owned by institutions, and who completed one."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Program(models.Model):
    """A learning path: an ordered sequence of courses (all, in order) or an elective set (any
    `required_count` of them), owned by one or more institutions, with texts in several
    languages like a course version's."""

    class Kind(models.TextChoices):
        ORDERED = "ordered", _("All courses, in order")
        ELECTIVE = "elective", _("Any number of the courses")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    slug = models.SlugField(max_length=80, unique=True)
    institutions = models.ManyToManyField("accounts.Organization", related_name="programs")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORDERED)
    # Elective programs only: how many of the courses complete it (checked against the number
    # of courses when published, programs.authoring).
    required_count = models.PositiveSmallIntegerField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    primary_language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    # {"en": {"title": ..., "summary": ..., "description": ...}, ...}; the primary one required.
    translations = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["slug"]
        constraints: ClassVar = [
            # An ordered program takes all its courses; an elective one says how many.
            models.CheckConstraint(
                condition=Q(kind="ordered", required_count__isnull=True)
                | Q(kind="elective", required_count__gte=1),
                name="program_required_count_by_kind",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="program_published_has_date",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["state", "slug"])]

    def __str__(self) -> str:
        return self.slug


class ProgramCourse(models.Model):
    """A course of a program at its position (0, 1, ...: the order of an ordered program)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="entries")
    # PROTECT: a course that is part of a program is archived (retired), never deleted.
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering: ClassVar = ["program", "position"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["program", "course"], name="program_course_once"),
            # Positions are replaced as a whole (set_program_courses), so they can be unique.
            models.UniqueConstraint(fields=["program", "position"], name="program_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.program_id}#{self.position}: {self.course_id}"


class ProgramCompletion(models.Model):
    """A learner completed a program: recorded once, with the program credential issued for it
    (certificates' `AttendanceCredential` of kind program_completion)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="completions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="program_completions"
    )
    credential = models.OneToOneField(
        "certificates.AttendanceCredential", on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-completed_at"]
        constraints: ClassVar = [
            # A redelivered or duplicated completion task finds the existing one.
            models.UniqueConstraint(fields=["program", "user"], name="program_completed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} completed {self.program_id}"
