"""Institution templates: the template and its signatories, their changes, the preview."""

import json
from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from certificates import api as certificates_api
from certificates.models import CertificateSignatory, CertificateTemplate
from config.api import StrictSerializer
from config.languages import LanguageField

COLOUR_INVALID = gettext_lazy("Give the colour as #rrggbb, e.g. #1f4e79.")


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
