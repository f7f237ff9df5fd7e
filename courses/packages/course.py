"""A course package as a whole: the package, its course with its settings and languages, and the
course's modules."""

from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from courses.packages.fields import (
    OWN,
    Boolean,
    Choice,
    Items,
    Key,
    PackageField,
    Text,
    WholeNumber,
    code_list,
    shared_state,
)
from courses.packages.lessons import AnyLesson
from courses.packages.objects import PackageObject, Texts, Translations, text_in_language
from courses.packages.schema import (
    FORMAT,
    LANGUAGE_CHOICES,
    LANGUAGES,
    LEVEL_CHOICES,
    MAX_ITEMS,
    MAX_TEXT,
    MAX_TITLE,
    SLUG_PATTERN,
)

NOT_A_SLUG = "must be lowercase letters, digits and single hyphens (max 80)"
LANGUAGE_TWICE = "lists a language twice"
PRIMARY_NOT_FIRST = "must start with the primary language"


class PackageModuleTextsSerializer(Texts):
    """A module's title in one language."""

    title = text_in_language(MAX_TITLE)


class PackageModuleSerializer(PackageObject):
    """A module of the course and its lessons, in order."""

    key = Key()
    translations = Translations(PackageModuleTextsSerializer(), "The title")
    lessons = Items(child=AnyLesson(), minimum=1)


class PackageCourseTextsSerializer(Texts):
    """A course's title, summary and Markdown description in one language."""

    title = text_in_language(MAX_TITLE)
    summary = text_in_language(2000)
    description = text_in_language(MAX_TEXT)


class Slug(PackageField, serializers.RegexField):
    """The course's lasting name in URLs."""

    def __init__(self) -> None:
        super().__init__(SLUG_PATTERN, max_length=80)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or not SLUG_PATTERN.match(data) or len(data) > 80:
            raise ValidationError(NOT_A_SLUG)
        return data


class CourseLanguages(Items):
    """The course's languages, each once, its primary language first."""

    def __init__(self) -> None:
        super().__init__(
            child=Choice(LANGUAGE_CHOICES),
            minimum=1,
            help_text="Language codes, the primary one first.",
        )

    def to_internal_value(self, data: Any) -> list[str]:
        try:
            languages = super().to_internal_value(data)
            errors: dict[Any, Any] = {}
        except ValidationError as error:
            if not isinstance(error.detail, dict):
                raise
            errors = dict(error.detail)
        state = shared_state(self)
        languages = state["languages"]  # with a stand-in for each unknown one
        own = list(errors.get(OWN, []))
        if len(set(languages)) != len(languages):
            own.append(LANGUAGE_TWICE)
        if languages and languages[0] != state["primary_language"]:
            own.append(PRIMARY_NOT_FIRST)
        if own:
            errors[OWN] = own
        if errors:
            raise ValidationError(errors)
        return languages


class PackageCourseSerializer(PackageObject):
    """The course, its settings and its content."""

    slug = Slug()
    code = Text(limit=40, help_text="The institution's course code.")
    primary_language = Choice(LANGUAGE_CHOICES)
    languages = CourseLanguages()
    level = Choice(LEVEL_CHOICES)
    estimated_hours = WholeNumber(low=1, high=2000)
    pass_mark = WholeNumber(low=0, high=100, help_text="Percent of the course grade needed.")
    certificate_validity_months = WholeNumber(low=1, high=240, allow_null=True, required=False)
    show_grade_on_certificate = Boolean()
    institutions = code_list("Slugs of the owning institutions.", minimum=1)
    prerequisites = code_list("Slugs of courses to complete first.")
    competencies = code_list("Competency codes of the framework.")
    translations = Translations(PackageCourseTextsSerializer(), "Title, summary and description")
    modules = Items(child=PackageModuleSerializer(), minimum=1)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict):
            shared_state(self).update(_course_context(data))
        return super().to_internal_value(data)


def _course_context(course: dict[str, Any]) -> dict[str, Any]:
    """What the course's texts are checked against: its primary language and languages (an
    unknown one stands in as the first known, so its texts are still checked), and its
    competencies (a lesson's must be among them)."""
    primary = course.get("primary_language")
    languages = course.get("languages")
    competencies = course.get("competencies")
    return {
        "primary_language": primary if primary in LANGUAGES else LANGUAGES[0],
        "languages": [
            language if language in LANGUAGES else LANGUAGES[0]
            for language in languages[:MAX_ITEMS]
        ]
        if isinstance(languages, list)
        else [],
        "course_competencies": {code for code in competencies if isinstance(code, str)}
        if isinstance(competencies, list)
        else set(),
    }


class FormatName(Choice):
    """The format's name and version."""

    def to_internal_value(self, data: Any) -> str:
        if data != FORMAT:
            raise ValidationError(f"must be {FORMAT!r}")
        return FORMAT


class CoursePackageSerializer(PackageObject):
    """A course package `icim-course/1`: the import and export format and the authoring API's
    body (courses/data/FORMAT.md). Texts are required in the course's primary language; other
    languages may be partial (missing translations)."""

    format = FormatName([(FORMAT, FORMAT)])
    course = PackageCourseSerializer()

    def mapping_key(self, name: str) -> str:
        return f"$.{name}"
