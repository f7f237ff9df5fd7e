"""A lesson of a course package, one serializer per kind (text, video, resource, quiz, package):
what every lesson has, and what only its kind has."""

import re
from typing import Any, ClassVar

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.fields import empty

from courses.captions import check_captions
from courses.packages.fields import (
    NOT_A_BOOLEAN,
    Boolean,
    Choice,
    Items,
    Key,
    PackageField,
    Text,
    WholeNumber,
    shared_state,
)
from courses.packages.objects import PackageObject, Texts, Translations, text_in_language
from courses.packages.quizzes import PackageQuizSerializer
from courses.packages.schema import (
    DEFAULT_VIDEO_WATCHED_PERCENT,
    LESSON_KIND_CHOICES,
    LESSON_KINDS,
    MAX_TEXT,
    MAX_TITLE,
    PREVIEW_KINDS,
    VIDEO_COMPLETION_CHOICES,
    VIDEO_COMPLETIONS,
)

NOT_A_COURSE_COMPETENCY = "must be one of the course's competencies"
NOT_HTTPS = "must be an https:// URL"
NOT_A_PREVIEW_KIND = "only text and video lessons can be previews"
NO_COMPLETION_RULE = "only video lessons have a completion rule"
_HTTPS_URL = re.compile(r"^https://\S+$")
MAX_URL = 500
# The fields only one kind of lesson has, and what a lesson of another kind is told.
KIND_FIELDS = {
    "video_url": "only video lessons have a video URL",
    "video_completion": NO_COMPLETION_RULE,
    "video_watched_percent": NO_COMPLETION_RULE,
    "resource": "only resource lessons have a file",
    "quiz": "only quiz lessons have a quiz",
}
# Those a lesson of their kind must have: an absent one is checked as null, in the check's words.
REQUIRED_KIND_FIELDS = frozenset({"video_url", "resource", "quiz"})


class PackageLessonTextsSerializer(Texts):
    """A lesson's title, Markdown body, and (videos) transcript and captions, in one language."""

    title = text_in_language(MAX_TITLE)
    body = text_in_language(MAX_TEXT, is_required_text=False)
    transcript = text_in_language(MAX_TEXT, is_required_text=False)
    captions = text_in_language(
        MAX_TEXT, is_required_text=False, help_text="Videos: WebVTT, checked line by line."
    )

    def validate_captions(self, captions: str) -> str:
        """WebVTT, every problem naming its line (`courses.captions`); blank is no captions."""
        problems = check_captions(captions)
        if problems:
            raise ValidationError([problem.message for problem in problems])
        return captions


class LessonCompetency(PackageField, serializers.CharField):
    """A competency code the course itself aligns to (`context["course_competencies"]`)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or data not in shared_state(self)["course_competencies"]:
            raise ValidationError(NOT_A_COURSE_COMPETENCY)
        return data


class HttpsUrl(PackageField, serializers.URLField):
    """An https:// URL of at most MAX_URL characters."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=MAX_URL, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or not _HTTPS_URL.match(data) or len(data) > MAX_URL:
            raise ValidationError(NOT_HTTPS)
        return data


class LessonBase(PackageObject):
    """What every lesson has. Each kind adds its own field and refuses the other kinds'."""

    key = Key()
    kind = Choice(LESSON_KIND_CHOICES)
    is_required = Boolean(default=True)
    is_preview = Boolean(
        default=False,
        help_text="Text and video lessons: anyone, signed in or not, may open it from the course "
        "page (default false).",
    )
    duration_minutes = WholeNumber(low=0, high=10_000, default=0)
    competencies = Items(
        child=LessonCompetency(), default=list, help_text="Codes from the course's competencies."
    )
    translations = Translations(
        PackageLessonTextsSerializer(), "Title, body, transcript and captions"
    )

    field_order = (
        "key",
        "kind",
        "is_required",
        "is_preview",
        "duration_minutes",
        "competencies",
        "translations",
        *KIND_FIELDS,
    )
    checked_when_missing = REQUIRED_KIND_FIELDS
    # The lesson kind this serializer checks, and the fields of KIND_FIELDS it has.
    lesson_kind: ClassVar[str]
    own_fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.foreign_fields = {
            name: message for name, message in KIND_FIELDS.items() if name not in cls.own_fields
        }

    def check_is_preview(self, data: dict[str, Any]) -> bool:
        """Quizzes and resources stay for learners: only text and video lessons are previews."""
        is_preview = data.get("is_preview", False)
        if not isinstance(is_preview, bool):
            raise ValidationError(NOT_A_BOOLEAN)
        if is_preview and self.lesson_kind not in PREVIEW_KINDS:
            raise ValidationError(NOT_A_PREVIEW_KIND)
        return is_preview


class PackageTextLessonSerializer(LessonBase):
    """A text lesson: its Markdown body is in its translations."""

    lesson_kind = "text"


class PackageVideoLessonSerializer(LessonBase):
    """A video lesson: the video's URL; its transcript and captions are in its translations."""

    video_url = HttpsUrl()
    video_completion = Choice(
        VIDEO_COMPLETION_CHOICES,
        default=VIDEO_COMPLETIONS[0],
        help_text="`watched_or_transcript` (the default: watching `video_watched_percent` of the "
        "length, or reading the transcript, completes the lesson) or `watched` (only watching "
        "does).",
    )
    video_watched_percent = WholeNumber(
        low=1,
        high=100,
        default=DEFAULT_VIDEO_WATCHED_PERCENT,
        help_text=f"The share of the length to watch, in percent (default "
        f"{DEFAULT_VIDEO_WATCHED_PERCENT}).",
    )
    lesson_kind = "video"
    own_fields = ("video_url", "video_completion", "video_watched_percent")


class PackageResourceLessonSerializer(LessonBase):
    """A lesson offering a file for download."""

    resource = Text(
        limit=200,
        help_text="The id of a file uploaded to the course, or in a zip package its path "
        "`resources/<file>`.",
    )
    lesson_kind = "resource"
    own_fields = ("resource",)


class PackageQuizLessonSerializer(LessonBase):
    """A quiz lesson; its instructions are the body in its translations."""

    quiz = PackageQuizSerializer()
    lesson_kind = "quiz"
    own_fields = ("quiz",)


class PackageElearningLessonSerializer(LessonBase):
    """A lesson that plays an uploaded SCORM 1.2, SCORM 2004 or cmi5 package. The package is
    uploaded to the lesson's key (it follows the lesson across versions), not written here."""

    lesson_kind = "package"


LESSON_SERIALIZERS: dict[str, type[LessonBase]] = {
    serializer.lesson_kind: serializer
    for serializer in (
        PackageTextLessonSerializer,
        PackageVideoLessonSerializer,
        PackageResourceLessonSerializer,
        PackageQuizLessonSerializer,
        PackageElearningLessonSerializer,
    )
}

_DOCUMENTED_KINDS: dict[str, serializers.Serializer | type[serializers.Serializer]] = {
    **LESSON_SERIALIZERS
}


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="PackageLesson",
        serializers=_DOCUMENTED_KINDS,
        resource_type_field_name="kind",
    )
)
class AnyLesson(PackageField):
    """A lesson checked as its `kind` says (an unknown kind, reported, as a text lesson)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.by_kind = {kind: serializer() for kind, serializer in LESSON_SERIALIZERS.items()}

    def bind(self, field_name: str, parent: Any) -> None:
        super().bind(field_name, parent)
        for serializer in self.by_kind.values():
            # Bound to this field, so that they share the root's context; DRF types a parent
            # as a serializer, but any bound field works.
            serializer.bind(field_name="", parent=self)  # type: ignore[arg-type]

    def run_validation(self, data: Any = empty) -> Any:
        return self.to_internal_value(data)  # a list's item: always there

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        kind = data.get("kind") if isinstance(data, dict) else None
        serializer = self.by_kind[kind if kind in LESSON_KINDS else LESSON_KINDS[0]]
        return serializer.to_internal_value(data)
