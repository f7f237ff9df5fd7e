"""Catalog and authoring data: competencies, courses, their immutable versions, and content."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# A video lesson is watched at this share of its length (percent), unless its author chose another.
DEFAULT_VIDEO_WATCHED_PERCENT = 90

# Translatable texts live in a JSON object per row: {"en": {"title": ...}, "de": {...}}. A course's
# content is read and written as a whole version, so one column per row beats a table per field.


class Competency(models.Model):
    """A node of the intelligent-manufacturing competency framework: a domain or a competency."""

    code = models.CharField(max_length=20, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    translations = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar = ["position", "code"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.code


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


class Module(models.Model):
    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="modules")
    # Stable across versions, so diffs and learners' progress can follow a module.
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    translations = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["version", "key"], name="module_key_per_version"),
        ]

    def __str__(self) -> str:
        return f"module {self.position + 1} of version {self.version_id}"


class Lesson(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        VIDEO = "video", _("Video")
        RESOURCE = "resource", _("Resource")
        QUIZ = "quiz", _("Quiz")

    class VideoCompletion(models.TextChoices):
        # The accessible default: a learner who cannot watch completes by reading the transcript.
        WATCHED_OR_TRANSCRIPT = "watched_or_transcript", _("Watched or transcript read")
        WATCHED = "watched", _("Watched")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    is_required = models.BooleanField(default=True)
    duration_minutes = models.PositiveSmallIntegerField(default=0)
    video_url = models.URLField(blank=True)
    # Video lessons: what completes them, and the share of the length to watch (percent).
    video_completion = models.CharField(
        max_length=30,
        choices=VideoCompletion.choices,
        default=VideoCompletion.WATCHED_OR_TRANSCRIPT,
    )
    video_watched_percent = models.PositiveSmallIntegerField(
        default=DEFAULT_VIDEO_WATCHED_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    # Anyone, signed in or not, may open a preview lesson (and play its video) from the course page.
    is_preview = models.BooleanField(default=False)
    resource = models.ForeignKey(
        "Resource", null=True, blank=True, on_delete=models.PROTECT, related_name="lessons"
    )
    competencies = models.ManyToManyField(Competency, blank=True, related_name="lessons")
    # Per language: title, body (Markdown), and for videos transcript and captions (WebVTT).
    translations = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(video_watched_percent__gte=1, video_watched_percent__lte=100),
                name="lesson_video_watched_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} lesson {self.position + 1} of module {self.module_id}"


class Resource(models.Model):
    """An uploaded file a resource lesson offers for download; shared by versions that use it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="resources")
    file = models.FileField(upload_to="courses/resources/%Y/%m/")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename


class Quiz(models.Model):
    class Reveal(models.TextChoices):
        # Never "after each attempt": with attempts left, a blank attempt would hand out the keys.
        AFTER_PASS = "after_pass", _("After passing")
        AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the last attempt")
        NEVER = "never", _("Never")

    lesson = models.OneToOneField(Lesson, on_delete=models.CASCADE, related_name="quiz")
    pass_mark = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    attempts_allowed = models.PositiveSmallIntegerField(null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    shuffle_questions = models.BooleanField(default=False)
    grading = models.CharField(
        max_length=10, choices=CourseVersion.Grading.choices, default=CourseVersion.Grading.BEST
    )
    weight = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    reveal_answers = models.CharField(
        max_length=20, choices=Reveal.choices, default=Reveal.AFTER_PASS
    )

    class Meta:
        verbose_name_plural = "quizzes"
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="quiz_weight_non_negative"),
        ]

    def __str__(self) -> str:
        return f"quiz of lesson {self.lesson_id}"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        NUMERIC = "numeric", _("Numeric")
        SHORT_TEXT = "short_text", _("Short text")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    points = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    # Per language: prompt and explanation.
    translations = models.JSONField(default=dict)
    # Answer keys: never serialized to learners before they submit.
    true_false_answer = models.BooleanField(null=True, blank=True)
    numeric_answer = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    numeric_tolerance = models.DecimalField(max_digits=20, decimal_places=6, default=0)
    accepted_answers = models.JSONField(default=dict)  # {"en": ["ladder diagram", "ld"], ...}

    class Meta:
        ordering: ClassVar = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.kind} question {self.position + 1} of quiz {self.quiz_id}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    is_correct = models.BooleanField(default=False)
    translations = models.JSONField(default=dict)  # {"en": "text", ...}

    class Meta:
        ordering: ClassVar = ["position", "id"]

    def __str__(self) -> str:
        return f"option {self.position + 1} of question {self.question_id}"


class Transition(models.Model):
    """An audit record of one workflow step: who moved which version where, when, and why."""

    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=20, choices=CourseVersion.State.choices)
    to_state = models.CharField(max_length=20, choices=CourseVersion.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class CatalogEntry(models.Model):
    """A published course as the catalog lists it to readers of one platform language.

    One row per course and platform language, holding the texts in the language actually
    served (the reader's when the course offers it, else the course's primary language). Listing a
    page is then an index range scan on (language, title) whatever the fallbacks. Rebuilt on
    publish. Searched through the course's CatalogSearchText.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="catalog_entries")
    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    served_language = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["course", "language"], name="catalog_entry_language"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["language", "title", "course"], name="catalog_page_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class CatalogSearchText(models.Model):
    """What catalog search looks in for one published course: its texts in every language,
    normalized (courses.search). One row per course, not per catalog entry, so a search reads a
    quarter of the text; on PostgreSQL a trigram GIN index on `search_text` serves substring
    search (migration 0005). Rebuilt on publish, refreshed when copied names change."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="catalog_search"
    )
    search_text = models.TextField()
    title_text = models.TextField()

    def __str__(self) -> str:
        return f"search text of course {self.course_id}"


class ReviewComment(models.Model):
    """A staff member's remark on a version under review, about one lesson or the whole version.

    Kept when the version is published or replaced: the review trail stays with the version it
    was made on, and a lesson key (stable across versions) lets a later version show it again.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="review_comments")
    version = models.ForeignKey(
        CourseVersion, on_delete=models.CASCADE, related_name="review_comments"
    )
    # None: about the version as a whole.
    lesson_key = models.UUIDField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    is_resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]
        indexes: ClassVar = [
            # The review screen lists one course's comments oldest first.
            models.Index(fields=["course", "created_at"], name="review_comment_by_course"),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} on version {self.version_id}"


class VideoAsset(models.Model):
    """One uploaded video of a video lesson and its HLS renditions (courses/video.py).

    Bound to the lesson's key, which is stable across versions, so a new draft keeps the video.
    Each upload is a new row: the lesson plays its newest ready asset, so a pending or failed
    upload never takes away the video learners already see. File names are below the "videos"
    storage, chosen by the server (`videos/<id>/...`).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROBING = "probing", _("Checking the file")
        TRANSCODING = "transcoding", _("Transcoding")
        POSTER = "poster", _("Making the poster")
        STORING = "storing", _("Storing")
        DONE = "done", _("Done")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="video_assets")
    lesson_key = models.UUIDField()
    source_name = models.CharField(max_length=300)
    source_size = models.PositiveBigIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.QUEUED)
    progress_percent = models.PositiveSmallIntegerField(default=0)
    # Why it failed: a code the status endpoint translates (courses/video.py) and its values.
    error_code = models.CharField(max_length=40, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    playlist_name = models.CharField(max_length=300, blank=True)
    poster_name = models.CharField(max_length=300, blank=True)
    # WebVTT captions by content language, for lessons whose texts carry none (demo videos).
    captions = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Also the transcode's heartbeat: a processing row not touched for long was abandoned.
    updated_at = models.DateTimeField()
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="video_progress_percent"
            ),
            # A ready asset always has what a player needs.
            models.CheckConstraint(
                condition=~Q(state="ready") | (~Q(playlist_name="") & Q(ready_at__isnull=False)),
                name="video_ready_has_playlist",
            ),
        ]
        indexes: ClassVar = [
            # The video a lesson plays: its newest ready asset; its status: its newest upload.
            models.Index(
                fields=["course", "lesson_key", "state", "-ready_at"], name="video_by_lesson"
            ),
        ]

    def __str__(self) -> str:
        return f"video {self.pk} ({self.state})"


class VideoUploadSession(models.Model):
    """A resumable upload of a lesson video under way (courses/video_uploads.py).

    The bytes received so far sit in a partial file named after the id in the uploads folder,
    never in the database; `offset` is how many of them there are. It belongs to the author who
    started it, for one video lesson, and is deleted when the upload finishes, is cancelled, or
    expires (a sweep removes expired ones and their files).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    lesson_key = models.UUIDField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    offset = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves forward with every chunk: an upload that is still going never expires.
    expires_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(offset__lte=F("size")), name="video_upload_offset_within_size"
            ),
        ]
        indexes: ClassVar = [
            # The sweep finds expired sessions.
            models.Index(fields=["expires_at"], name="video_upload_expiry"),
        ]

    def __str__(self) -> str:
        return f"video upload {self.pk} ({self.offset}/{self.size})"
