"""Enrollments, per-lesson progress, idempotent learning events (kept as xAPI statements)."""

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.db.models.fields.json import KT
from django.db.models.sql.compiler import SQLCompiler, SQLInsertCompiler
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    """A learner's place in a course, pinned to the version they enrolled in."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WAITLISTED = "waitlisted", _("Waitlisted")
        COMPLETED = "completed", _("Completed")
        UNENROLLED = "unenrolled", _("Unenrolled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey("courses.CourseVersion", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    # The xAPI context registration of every statement about this enrollment.
    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    # Orders the waitlist; reset when a learner joins it again.
    status_changed_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    final_grade = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Where the learner was last, to resume there.
    last_lesson_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-enrolled_at"]
        constraints: ClassVar = [
            # One row per learner and course: unenrolling and coming back keeps the progress.
            models.UniqueConstraint(fields=["user", "course"], name="enrollment_once_per_course"),
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False)
                | ~Q(status="completed"),
                name="enrollment_completed_has_time",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["course", "status", "status_changed_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.course_id} ({self.status})"


class LessonProgress(models.Model):
    """What one learner has done in one lesson; reading progress costs O(lessons), not O(events)."""

    class CompletedBy(models.TextChoices):
        WATCHING = "watching", _("Watching the video")
        TRANSCRIPT = "transcript", _("Reading the transcript")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="lessons")
    lesson_key = models.UUIDField()
    opened_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Video: merged watched intervals in seconds, e.g. [[0, 120.5], [300, 410]].
    watched_segments = models.JSONField(default=list)
    # Video: the length watching is measured against, from the player's reports (the longest
    # reported, bounded by the lesson's declared minutes ± a tolerance); None: none reported.
    video_length_seconds = models.FloatField(null=True, blank=True)
    # Video: where the learner was last in it (seconds), to resume there; None: not reported.
    video_position_seconds = models.FloatField(null=True, blank=True)
    # Video: how the lesson was completed (blank: not completed, or not a video).
    completed_by = models.CharField(max_length=20, choices=CompletedBy.choices, blank=True)
    # Quiz: attempts made, and the percentage that counts (best or last, per the quiz).
    attempts = models.PositiveSmallIntegerField(default=0)
    # Quiz: when the attempt in progress started, by the server's clock (None: none running).
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    best_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    last_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson_key"], name="progress_per_lesson"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}/{self.lesson_key}"


class NextEventSequence(models.Func):
    """The next number of the learning events' strict order, assigned by the database on insert.

    PostgreSQL draws it from a sequence (migration 0006 makes it). SQLite, which has one
    writer at a time, takes one more than the largest; there the column's own DEFAULT is NULL
    (SQLite allows no subquery in a DEFAULT), so the expression is written into each INSERT.
    """

    output_field = models.BigIntegerField()

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        if not isinstance(compiler, SQLInsertCompiler):
            return "NULL", ()
        return "(SELECT COALESCE(MAX(sequence), 0) + 1 FROM enrollment_learningevent)", ()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        return "nextval('enrollment_learningevent_sequence')", ()


class LearningEvent(models.Model):
    """One learning event, stored with the answer it got, so replaying its id returns the same.

    The id is the client's UUID (the primary key makes a replay a no-op); `statement` is the
    event as an xAPI 1.0.3 statement with the same id.
    """

    class Kind(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        UNENROLLED = "unenrolled", _("Unenrolled")
        LESSON_OPENED = "lesson_opened", _("Lesson opened")
        LESSON_COMPLETED = "lesson_completed", _("Lesson completed")
        VIDEO_PROGRESS = "video_progress", _("Video progress")
        TRANSCRIPT_READ = "transcript_read", _("Transcript read")
        QUIZ_STARTED = "quiz_started", _("Quiz attempt started")
        QUIZ_SUBMITTED = "quiz_submitted", _("Quiz submitted")
        COURSE_COMPLETED = "course_completed", _("Course completed")
        # A package lesson's new result from its SCO's commit (enrollment/package_commits.py).
        PACKAGE_RESULT = "package_result", _("Package result")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    lesson_key = models.UUIDField(null=True, blank=True)
    payload = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    statement = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The strict order of events stored at the same instant (the export and the LRS break
    # ties of their time by it).
    sequence = models.BigIntegerField(db_default=NextEventSequence(), editable=False)

    class Meta:
        ordering: ClassVar = ["created_at", "sequence"]
        indexes: ClassVar = [
            models.Index(fields=["enrollment", "created_at"]),
            # The LRS copy reads the events after its marker in this order (enrollment/lrs_copy.py).
            models.Index(fields=["sequence"], name="enrollment_event_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


class Invitation(models.Model):
    """Staff's invitation of an e-mail address to a course, which the learner accepts or not.

    Nothing about the address's account is stored or looked up when it is made: an invitation
    enrols no one, and creates no account, until a learner signed in with that address accepts.
    `key` is what the e-mailed link carries (signed); renewing an expired invitation replaces it.
    """

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)  # lower-cased
    # From the CSV's name column, normalised: shown to the course's staff only, never e-mailed.
    name = models.CharField(max_length=200, blank=True)
    # The language the inviter chose, for addresses without an account's own preference.
    language = models.CharField(max_length=10, default="en")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [
            # One invitation in the running per course and address, so sending a file again (or
            # twice at once) sends nothing new; accepted and withdrawn ones are history.
            models.UniqueConstraint(
                fields=["course", "email"],
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="invitation_open_once_per_course",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="invitation_accepted_or_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.course_id}"


class PackageAttempt(models.Model):
    """A learner's run-time data (CMI) in one package lesson, resumed on the next launch, and
    what the standard derives from it (enrollment/package_runtime.py)."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="package_attempts"
    )
    lesson_key = models.UUIDField()
    # The package the data was recorded in; a re-upload starts a new one (its CMI is not the old
    # package's).
    package_id = models.UUIDField()
    standard = models.CharField(max_length=20)
    # The CMI as scorm-again's loadFromJSON takes it ({"core": ..., "suspend_data": ...}).
    cmi = models.JSONField(default=dict)
    # SCORM 1.2's lesson_status folds both; 2004 and cmi5 keep them apart. Values per standard.
    completion_status = models.CharField(max_length=20, default="unknown")
    success_status = models.CharField(max_length=20, default="unknown")
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)  # percent
    suspend_data = models.TextField(blank=True)
    location = models.CharField(max_length=1000, blank=True)
    is_complete = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson_key"], name="package_attempt_per_lesson"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="package_attempt_score_percent",
            ),
        ]
        indexes: ClassVar = [
            # cmi5 statements reach their attempt by registration (package_cmi5_moveon.py).
            models.Index(
                KT("cmi__registration"),
                name="package_attempt_cmi5_reg",
                condition=Q(standard="cmi5"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}/{self.lesson_key} ({self.completion_status})"


class LrsCopyMarker(models.Model):
    """How far the learning events were copied into the LRS: one row (pk 1), locked by the
    copier for the length of a batch, so two copiers never copy the same events."""

    last_sequence = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.last_sequence)
