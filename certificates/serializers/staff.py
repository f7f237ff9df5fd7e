"""Approvers and institution staff: prior learning, revocation, reinstatement, the register."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from certificates import api as certificates_api
from certificates.models import Certificate
from certificates.serializers.records import InstitutionRecordSerializer
from config.api import StrictSerializer

DATE_RANGE_REVERSED = gettext_lazy("The end of the date range is before its start.")


class PriorLearningInputSerializer(StrictSerializer):
    """Whose prior learning is recognised for which course, and on what grounds."""

    course = serializers.SlugField(max_length=80)
    learner_email = serializers.EmailField(max_length=254)
    note = serializers.CharField(max_length=2000)


class RevokeInputSerializer(StrictSerializer):
    """Why the certificate is revoked (shown to the learner and to verifiers)."""

    reason = serializers.CharField(max_length=2000)


class ReinstateInputSerializer(StrictSerializer):
    """Why the revocation is undone (recorded in the audit log)."""

    reason = serializers.CharField(max_length=2000)


class StaffCertificateQuerySerializer(StrictSerializer):
    """Filters of the institution staff's certificate register."""

    course = serializers.SlugField(max_length=80, required=False, help_text="A course slug.")
    institution = serializers.SlugField(
        max_length=80, required=False, help_text="An owning institution's slug."
    )
    status = serializers.ChoiceField(
        choices=list(certificates_api.STATUSES),
        required=False,
        help_text="As verification reports it.",
    )
    issued_from = serializers.DateField(
        required=False, help_text="Issued on this date or later (the date on the certificate)."
    )
    issued_until = serializers.DateField(
        required=False, help_text="Issued on this date or earlier."
    )
    search = serializers.CharField(
        max_length=200, required=False, help_text="Part of the learner's name or e-mail address."
    )
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("issued_from"), attrs.get("issued_until")
        if start is not None and end is not None and start > end:
            raise serializers.ValidationError({"issued_until": [DATE_RANGE_REVERSED]})
        return attrs


class StaffCertificateSerializer(serializers.ModelSerializer[Certificate]):
    """A certificate of a course my institution owns, as its staff see it in the register."""

    course = serializers.CharField(source="course.slug", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    learner_email = serializers.EmailField(source="user.email", read_only=True)
    institutions = InstitutionRecordSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()
    issued_on = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = (
            "id",
            "state",
            "status",
            "basis",
            "course",
            "version",
            "course_title",
            "course_code",
            "institutions",
            "language",
            "learner_name",
            "learner_native_name",
            "learner_email",
            "grade",
            "issued_on",
            "issued_at",
            "expires_at",
            "is_private",
            "revoked_at",
            "revocation_reason",
            "superseded_by",
            "verification_url",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=list(certificates_api.STATUSES)))
    def get_status(self, certificate: Certificate) -> str:
        return certificates_api.certificate_status(certificate=certificate, now=self.context["now"])

    def get_verification_url(self, certificate: Certificate) -> str:
        return certificates_api.verification_url(certificate_id=str(certificate.pk))

    def get_issued_on(self, certificate: Certificate) -> date:
        """The date printed on the certificate."""
        return certificate.completed_at.date()
