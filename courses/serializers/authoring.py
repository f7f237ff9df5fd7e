"""Shapes of authoring: courses as their staff see them, their versions and history."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from courses import api as courses_api
from courses.models import Course, CourseVersion, Transition
from courses.serializers.catalog import CoverSerializer, InstitutionSerializer
from courses.serializers.elearning import PackageReportSerializer


class VersionSummarySerializer(serializers.ModelSerializer[CourseVersion]):
    """One version of a course and its workflow state."""

    class Meta:
        model = CourseVersion
        fields: tuple[str, ...] = (
            "number",
            "state",
            "code",
            "primary_language",
            "languages",
            "created_at",
            "updated_at",
            "published_at",
        )
        # Read-only fields carry no database-dependent range: the schema is the same on SQLite
        # and PostgreSQL.
        read_only_fields: tuple[str, ...] = fields


class ImportedVersionSerializer(VersionSummarySerializer):
    """The version an import created, with its course's slug (a zip names it only inside)."""

    course = serializers.CharField(source="course.slug", read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = ("course", *VersionSummarySerializer.Meta.fields)
        read_only_fields = fields


class AuthoringCourseSerializer(serializers.ModelSerializer[Course]):
    """A course as its institution's staff see it: every version and its state."""

    institutions = InstitutionSerializer(many=True, source="institutions.all")
    versions = VersionSummarySerializer(many=True, source="versions.all")
    title = serializers.SerializerMethodField()
    cover = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields: tuple[str, ...] = (
            "slug",
            "title",
            "institutions",
            "versions",
            "created_at",
            "cover",
        )

    @extend_schema_field(CoverSerializer(allow_null=True))
    def get_cover(self, course: Course) -> dict[str, Any] | None:
        return courses_api.cover_sources(course_id=course.pk, cover=course.cover)

    def get_title(self, course: Course) -> str:
        versions = list(course.versions.all())
        if not versions:
            return course.slug
        latest = versions[0]
        return str(
            courses_api.pick(
                latest.translations, latest.primary_language, latest.primary_language
            ).get("title", course.slug)
        )


class TransitionSerializer(serializers.ModelSerializer[Transition]):
    """A workflow step: who, when, from which state to which, and why."""

    version = serializers.IntegerField(source="version.number")
    actor = serializers.CharField(source="actor.full_name", allow_null=True, default=None)

    class Meta:
        model = Transition
        fields = ("version", "action", "from_state", "to_state", "actor", "comment", "created_at")


class AuthoringCourseDetailSerializer(AuthoringCourseSerializer):
    """A course with its history and the translation completeness of the working version."""

    history = serializers.SerializerMethodField()
    completeness = serializers.SerializerMethodField(
        help_text="Percentage of texts written, per language of the working (else latest) version."
    )

    is_own_work = serializers.SerializerMethodField(
        help_text="Whether I edited or submitted the working version: then I may not approve or "
        "publish it (separation of duties)."
    )

    packages = serializers.SerializerMethodField(
        help_text="By lesson key, the report of the package each package lesson uses (its newest "
        "ready upload, else its newest)."
    )

    class Meta(AuthoringCourseSerializer.Meta):
        fields = (
            *AuthoringCourseSerializer.Meta.fields,
            "history",
            "completeness",
            "is_own_work",
            "packages",
        )

    @extend_schema_field(TransitionSerializer(many=True))
    def get_history(self, course: Course) -> list[dict[str, Any]]:
        transitions = courses_api.course_history(course=course)
        return list(TransitionSerializer(transitions, many=True).data)

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_completeness(self, course: Course) -> dict[str, int]:
        version = courses_api.working_version(course=course) or course.versions.first()
        return courses_api.translation_completeness(version=version) if version else {}

    @extend_schema_field(serializers.DictField(child=PackageReportSerializer()))
    def get_packages(self, course: Course) -> dict[str, Any]:
        reports = courses_api.lesson_package_reports(course=course)
        return {key: PackageReportSerializer(report).data for key, report in reports.items()}

    def get_is_own_work(self, course: Course) -> bool:
        version = courses_api.working_version(course=course)
        user = self.context["request"].user
        return version is not None and courses_api.has_worked_on_version(user=user, version=version)
