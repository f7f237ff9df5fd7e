"""Input and output shapes of the certificates and verification API."""

import json
from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from certificates import api as certificates_api
from certificates.models import Certificate, CertificateSignatory, CertificateTemplate
from config.api import StrictSerializer, document_shape
from config.languages import LanguageField
from courses import api as courses_api

DATE_RANGE_REVERSED = gettext_lazy("The end of the date range is before its start.")
COLOUR_INVALID = gettext_lazy("Give the colour as #rrggbb, e.g. #1f4e79.")


class InstitutionRecordSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField()


class CompetencyRecordSerializer(serializers.Serializer):
    """A competency the certificate attests: `name` in the request's language where the
    framework has it (else English), else as recorded when the certificate was issued (the
    certificate itself keeps the names in its own language)."""

    code = serializers.CharField()
    name = serializers.CharField()
    _names: dict[str, str] | None = None

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = dict(super().to_representation(instance))
        # One lookup per response: a list's rows share this bound field.
        if self._names is None:
            self._names = courses_api.competency_names(language=translation.get_language())
        data["name"] = self._names.get(data["code"]) or data["name"]
        return data


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
    basis = serializers.ChoiceField(choices=Certificate.Basis.choices, required=False)
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


class CertificateSignatorySerializer(serializers.ModelSerializer[CertificateSignatory]):
    """A person who signs the institution's certificates."""

    signature_image = serializers.SerializerMethodField()

    class Meta:
        model = CertificateSignatory
        fields = ("id", "name", "title", "signature_image")
        read_only_fields = fields

    def get_signature_image(self, signatory: CertificateSignatory) -> str | None:
        """URL of the stored PNG."""
        return signatory.signature_image.url if signatory.signature_image else None


class CertificateTemplateSerializer(serializers.ModelSerializer[CertificateTemplate]):
    """How the institution's certificates look. `logo` null: the organisation's logo is used.
    `signatories` are printed side by side in this order (at most three)."""

    organization = serializers.CharField(source="organization.slug", read_only=True)
    logo = serializers.SerializerMethodField()
    signatories = serializers.SerializerMethodField()
    updated_by = serializers.CharField(
        source="updated_by.full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = CertificateTemplate
        fields = ("organization", "colour", "logo", "signatories", "updated_at", "updated_by")
        read_only_fields = fields

    def get_logo(self, template: CertificateTemplate) -> str | None:
        """URL of the stored PNG."""
        return template.logo.url if template.logo else None

    @extend_schema_field(CertificateSignatorySerializer(many=True))
    def get_signatories(self, template: CertificateTemplate) -> list[dict[str, Any]]:
        # A template not saved yet (the defaults) has no signatories to query.
        if template.pk is None:
            return []
        return list(CertificateSignatorySerializer(template.signatories.all(), many=True).data)


class CertificateTemplateInputSerializer(StrictSerializer):
    """Changes to the certificate template (multipart, with the logo if any). Fields left out
    keep their value; the logo is PNG or JPEG, at most 1 MB, stored as PNG."""

    colour = serializers.RegexField(
        r"^#[0-9a-fA-F]{6}$",
        required=False,
        help_text="Accent colour, #rrggbb.",
        error_messages={"invalid": COLOUR_INVALID},
    )
    logo = serializers.FileField(required=False, allow_empty_file=False)
    clear_logo = serializers.BooleanField(
        required=False, help_text="Remove the logo (certificates show the organisation's)."
    )

    def to_changes(self) -> dict[str, Any]:
        """The validated changes, with the upload read (at most one byte over the limit)."""
        changes = dict(self.validated_data)
        if "logo" in changes:
            changes["logo"] = changes["logo"].read(certificates_api.IMAGE_MAX_BYTES + 1)
        return changes


class CertificateSignatoryInputSerializer(StrictSerializer):
    """A signatory to add, or changes to one (fields left out keep their value), as multipart
    with the signature image if any (PNG or JPEG, at most 1 MB, stored as PNG)."""

    name = serializers.CharField(max_length=200, help_text="As printed under the signature.")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    signature_image = serializers.FileField(required=False, allow_empty_file=False)
    clear_signature_image = serializers.BooleanField(required=False)

    def to_changes(self) -> dict[str, Any]:
        """The validated changes, with the upload read (at most one byte over the limit)."""
        changes = dict(self.validated_data)
        if "signature_image" in changes:
            changes["signature_image"] = changes["signature_image"].read(
                certificates_api.IMAGE_MAX_BYTES + 1
            )
        return changes


class SignatoryOrderInputSerializer(StrictSerializer):
    order = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        max_length=CertificateSignatory.MAX_PER_TEMPLATE,
        allow_empty=True,
        help_text="The ids of every signatory of the template, in the order to print them.",
    )


class PreviewSignatorySerializer(StrictSerializer):
    id = serializers.IntegerField(
        required=False, allow_null=True, help_text="A saved signatory, for its signature image."
    )
    name = serializers.CharField(max_length=200, allow_blank=True)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)


class JSONListField(serializers.ListField):
    """A list given as JSON: as is in a JSON body, as a JSON string in a multipart form."""

    def get_value(self, dictionary: Any) -> Any:
        if html.is_html_input(dictionary):
            if self.field_name not in dictionary:
                return serializers.empty
            raw = dictionary.get(self.field_name)
            try:
                return json.loads(raw)
            except (TypeError, ValueError):
                return raw  # refused as "not a list"
        return super().get_value(dictionary)


class CertificateTemplatePreviewInputSerializer(CertificateTemplateInputSerializer):
    """Unsaved changes to try out, and the language of the sample certificate."""

    language = LanguageField(
        required=False,
        help_text="The sample's language (default: the request's), e.g. to check a script; "
        "a BCP 47 tag, case-insensitive.",
    )
    signatories = JSONListField(
        child=PreviewSignatorySerializer(),
        required=False,
        max_length=CertificateSignatory.MAX_PER_TEMPLATE,
        help_text="The signatories as edited, in order, instead of the saved ones (in a "
        "multipart form: as a JSON string). Entries with a blank name are left out.",
    )

    def to_changes(self) -> dict[str, Any]:
        changes = super().to_changes()
        changes.pop("language", None)
        return changes


# --- documents served as signed (JSON-LD keys): their shapes, for the schema only ----------------


def _strings(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), **kwargs)


VerificationMethodSerializer = document_shape(
    "VerificationMethod",
    "A public key of the issuer (Multikey, Ed25519).",
    {
        "id": serializers.CharField(help_text="`did:web:…#<publicKeyMultibase>`"),
        "type": serializers.CharField(help_text="`Multikey`"),
        "controller": serializers.CharField(help_text="The issuer's DID."),
        "publicKeyMultibase": serializers.CharField(),
    },
)

DidDocumentSerializer = document_shape(
    "DidDocument",
    "The issuer's did:web DID document, listing every key that ever signed a credential.",
    {
        "@context": _strings(),
        "id": serializers.CharField(help_text="The issuer's `did:web`."),
        "verificationMethod": VerificationMethodSerializer(many=True),
        "assertionMethod": _strings(help_text="Ids of the keys that sign credentials."),
    },
)

DataIntegrityProofSerializer = document_shape(
    "DataIntegrityProof",
    "An `eddsa-rdfc-2022` Data Integrity proof.",
    {
        "type": serializers.CharField(help_text="`DataIntegrityProof`"),
        "cryptosuite": serializers.CharField(help_text="`eddsa-rdfc-2022`"),
        "created": serializers.DateTimeField(),
        "verificationMethod": serializers.CharField(),
        "proofPurpose": serializers.CharField(help_text="`assertionMethod`"),
        "proofValue": serializers.CharField(),
    },
)

VerifiableCredentialSerializer = document_shape(
    "VerifiableCredential",
    "A W3C Verifiable Credential 2.0 as signed: an Open Badges 3.0 `OpenBadgeCredential` for a "
    "certificate, a `BitstringStatusListCredential` for revocations. `credentialSubject` and "
    "`issuer` follow the credential's type (see its `@context`).",
    {
        "@context": _strings(),
        "id": serializers.CharField(),
        "type": _strings(),
        "issuer": serializers.JSONField(help_text="The issuer's profile (`id` is its DID)."),
        "name": serializers.CharField(required=False),
        "validFrom": serializers.DateTimeField(),
        "validUntil": serializers.DateTimeField(required=False),
        "credentialSubject": serializers.JSONField(),
        "credentialStatus": serializers.JSONField(required=False),
        "proof": DataIntegrityProofSerializer(),
    },
)


class EnrollmentCertificateStateSerializer(
    serializers.Serializer[certificates_api.CertificateState]
):
    """Where the certificate of an enrollment stands; `certificate` once it has a record."""

    state = serializers.ChoiceField(choices=["not_earned", "pending", "issued", "revoked"])
    certificate = serializers.UUIDField(allow_null=True)
