"""The learner's certificates: as issued, where an enrollment's certificate stands, privacy."""

from datetime import date

from django.utils import timezone
from rest_framework import serializers

from certificates import api as certificates_api
from certificates.models import Certificate
from certificates.serializers.records import (
    CompetencyRecordSerializer,
    InstitutionRecordSerializer,
)
from config.api import StrictSerializer


class CertificateSerializer(serializers.ModelSerializer[Certificate]):
    """A certificate of mine, as issued."""

    course = serializers.CharField(source="course.slug", read_only=True)
    institutions = InstitutionRecordSerializer(many=True, read_only=True)
    competencies = CompetencyRecordSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()
    linkedin_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = (
            "id",
            "state",
            "status",
            "basis",
            "course",
            "course_title",
            "course_code",
            "language",
            "learner_name",
            "learner_native_name",
            "institutions",
            "competencies",
            "grade",
            "show_grade",
            "completed_at",
            "issued_at",
            "expires_at",
            "is_private",
            "revoked_at",
            "revocation_reason",
            "superseded_by",
            "pdf_sha256",
            "verification_url",
            "linkedin_url",
            "pdf_url",
        )
        read_only_fields = fields

    def get_status(self, certificate: Certificate) -> str:
        return certificates_api.certificate_status(certificate=certificate, now=timezone.now())

    def get_verification_url(self, certificate: Certificate) -> str:
        return certificates_api.verification_url(certificate_id=str(certificate.pk))

    def get_issued_on(self, certificate: Certificate) -> date:
        """The date printed on the certificate."""
        return certificate.completed_at.date()

    def get_linkedin_url(self, certificate: Certificate) -> str:
        return certificates_api.linkedin_url(certificate=certificate)

    def get_pdf_url(self, certificate: Certificate) -> str | None:
        if certificate.state != Certificate.State.ISSUED:
            return None
        return f"/api/v1/certificates/{certificate.pk}/pdf"


class PrivacyInputSerializer(StrictSerializer):
    """Whether verification by id may show my name and the details."""

    is_private = serializers.BooleanField()


class EnrollmentCertificateStateSerializer(
    serializers.Serializer[certificates_api.CertificateState]
):
    """Where the certificate of an enrollment stands; `certificate` once it has a record."""

    state = serializers.ChoiceField(choices=["not_earned", "pending", "issued", "revoked"])
    certificate = serializers.UUIDField(allow_null=True)
