"""What the record endpoints take and answer."""

from rest_framework import serializers

from config.api import StrictSerializer

# The same choices as certificates' verification answers (one enum each in the schema: see
# SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
CHECK_RESULTS = ("passed", "failed", "skipped")
CREDENTIAL_STATUSES = (
    "valid",
    "revoked",
    "expired",
    "not_yet_valid",
    "superseded",
    "unknown",
    "invalid",
)
RECORD_STATUSES = ("valid", "invalid", "credentials_not_valid")


class LearnerRecordQuerySerializer(StrictSerializer):
    """The only parameter: whether to answer as a file download. Any other (a user id, an
    e-mail address) is refused: the record is always the caller's own."""

    download = serializers.BooleanField(required=False, default=False)


class VerifyLearnerRecordSerializer(StrictSerializer):
    """A CLR 2.0 ClrCredential to check, as a JSON object."""

    credential = serializers.DictField()


class RecordCheckSerializer(serializers.Serializer):
    """One check made while verifying."""

    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label
    result = serializers.ChoiceField(choices=CHECK_RESULTS)
    passed = serializers.BooleanField()
    explanation = serializers.CharField(allow_blank=True)


class EmbeddedVerificationSerializer(serializers.Serializer):
    """The answer about one credential inside the record (as verifying it alone answers)."""

    id = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=CREDENTIAL_STATUSES)
    checks = RecordCheckSerializer(many=True)


class RecordVerificationSerializer(serializers.Serializer):
    """The answer about a presented record: its own checks, then each credential's."""

    id = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=RECORD_STATUSES)
    checks = RecordCheckSerializer(many=True)
    credentials = EmbeddedVerificationSerializer(many=True)


class ClrCredentialSerializer(serializers.Serializer):
    """A signed 1EdTech CLR 2.0 ClrCredential (JSON-LD); documented, not produced, by this."""

    id = serializers.CharField()
    type = serializers.ListField(child=serializers.CharField())
    issuer = serializers.DictField()
    validFrom = serializers.CharField()  # noqa: N815  (the specification's name)
    name = serializers.CharField()
    credentialSubject = serializers.DictField()  # noqa: N815
    proof = serializers.DictField()
