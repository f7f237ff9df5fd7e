"""Public verification: what is sent to be checked, and the answer with its checks."""

from rest_framework import serializers

from certificates.models import Certificate
from certificates.serializers.records import (
    CompetencyRecordSerializer,
    InstitutionRecordSerializer,
)
from config.api import StrictSerializer


class CheckSerializer(serializers.Serializer):
    """One check made while verifying."""

    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label
    result = serializers.ChoiceField(choices=["passed", "failed", "skipped"])
    passed = serializers.BooleanField()
    explanation = serializers.CharField(allow_blank=True)


class VerificationSerializer(serializers.Serializer):
    """The verification result. Private certificates show only id, status, dates and checks
    (no revocation reason, no successor) to anyone but their holder and owning staff."""

    id = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(
        choices=[
            "valid",
            "revoked",
            "expired",
            "not_yet_valid",
            "superseded",
            "unknown",
            "invalid",
        ]
    )
    is_private = serializers.BooleanField(required=False)
    # An attendance or program credential (certificates.achievements) answers with its kind.
    basis = serializers.ChoiceField(
        choices=[
            *Certificate.Basis.choices,
            ("event_attendance", "Attended an event"),
            ("program_completion", "Completed a program"),
        ],
        required=False,
    )
    checks = CheckSerializer(many=True)
    revoked_at = serializers.DateTimeField(required=False, allow_null=True)
    revocation_reason = serializers.CharField(required=False, allow_null=True)
    superseded_at = serializers.DateTimeField(required=False, allow_null=True)
    superseded_by = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="The corrected certificate that replaced it, when the asker may know it.",
    )
    verification_url = serializers.CharField(required=False)
    learner_name = serializers.CharField(required=False)
    learner_native_name = serializers.CharField(required=False, allow_null=True)
    course_title = serializers.CharField(required=False)
    course_code = serializers.CharField(required=False)
    institutions = InstitutionRecordSerializer(many=True, required=False)
    competencies = CompetencyRecordSerializer(many=True, required=False)
    grade = serializers.CharField(required=False, allow_null=True)
    issued_on = serializers.DateField(required=False)
    expires_on = serializers.DateField(required=False, allow_null=True)


class VerifyUploadSerializer(StrictSerializer):
    """A certificate PDF or an Open Badges 3.0 credential (JSON file) to check."""

    file = serializers.FileField(allow_empty_file=False)


class VerifyCredentialSerializer(StrictSerializer):
    """An Open Badges 3.0 credential to check, as a JSON object."""

    credential = serializers.JSONField()


class BulkVerifyInputSerializer(StrictSerializer):
    """Up to 100 certificate ids."""

    ids = serializers.ListField(
        child=serializers.CharField(max_length=64), min_length=1, max_length=100
    )
