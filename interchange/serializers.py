"""The shapes of the interchange API: the fidelity report (a contract) and an import's status."""

from typing import Any

from rest_framework import serializers

from interchange.models import CourseImport
from interchange.report import STATUSES, render_reason


class ReportCourseSerializer(serializers.Serializer):
    """The course an import made (or would make)."""

    slug = serializers.CharField()
    title = serializers.CharField()


class ReportCountSerializer(serializers.Serializer):
    """How many items of one kind were found, and what became of them."""

    found = serializers.IntegerField(min_value=0)
    imported = serializers.IntegerField(min_value=0)
    approximated = serializers.IntegerField(min_value=0)
    not_imported = serializers.IntegerField(min_value=0)


class _ReasonField(serializers.CharField):
    """The item's reason in the requesting user's language: a stored report keeps each reason's
    msgid and params beside its English text (`ReportBuilder.as_stored`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        # With source "*" a field's value merges into the item: the reason under its name.
        return {"reason": super().to_internal_value(data)}

    def to_representation(self, value: Any) -> str:
        if isinstance(value, dict) and value.get("reason_message"):
            return render_reason(value["reason_message"], value.get("reason_params"))
        return str(value.get("reason", "") if isinstance(value, dict) else value)


class ReportItemSerializer(serializers.Serializer):
    """One item found in the source: its kind (`module`, `text`, `resource`, `link`, `quiz`,
    `question:<source type>`, `placeholder`, ...), where it was, and what became of it."""

    kind = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    # The contract's name, though DRF fields have a `source` of their own (the metaclass takes
    # declared fields out of the class, so only the type checker minds).
    source = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    status = serializers.ChoiceField(choices=[(status, status) for status in STATUSES])
    reason = _ReasonField(allow_blank=True, help_text="Why, in the requesting user's language.")


class FidelityReportSerializer(serializers.Serializer):
    """The fidelity report of an import (interchange/README.md): the same from the API and the
    `import_course` command."""

    format = serializers.CharField(help_text="The source format: imscc, mbz or olx.")
    course = ReportCourseSerializer(allow_null=True)
    counts = serializers.DictField(child=ReportCountSerializer(), help_text="By kind.")
    items = ReportItemSerializer(many=True)


class CourseImportSerializer(serializers.ModelSerializer[CourseImport]):
    """An import: its state, its progress (stage, items) and, once analysed, its report."""

    organisation = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        source="organization", slug_field="slug", read_only=True
    )
    report = FidelityReportSerializer(allow_null=True, read_only=True)
    course_slug = serializers.SerializerMethodField()
    version_number = serializers.SerializerMethodField()

    class Meta:
        model = CourseImport
        fields = (
            "id",
            "organisation",
            "format",
            "filename",
            "size",
            "state",
            "stage",
            "items_done",
            "items_total",
            "report",
            "course_slug",
            "version_number",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def get_course_slug(self, job: CourseImport) -> str | None:
        return job.version.course.slug if job.version else None

    def get_version_number(self, job: CourseImport) -> int | None:
        return job.version.number if job.version else None


class CourseImportUploadSerializer(serializers.Serializer):
    """An upload: the course archive (a cartridge, Moodle backup or OLX export) and the institution
    that will own the course."""

    file = serializers.FileField()
    organisation = serializers.SlugField(help_text="The owning institution's slug.")
