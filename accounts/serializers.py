"""Input and output shapes of the accounts API."""

from django.utils.translation import gettext_lazy
from django_countries import countries
from rest_framework import serializers

from accounts.models import ApiToken, AuditEvent, Membership, Organization, User
from config.api import StrictSerializer
from config.languages import LanguageField

COUNTRY_CHOICES = [("", "—"), *countries]
NOT_A_PATH = gettext_lazy("Give a path on this site, starting with a single '/'.")


def same_origin_path(value: str) -> None:
    """Refuse anything but a path on this site: a link in our e-mail must not lead elsewhere."""
    if not value:
        return
    if (
        not value.startswith("/")
        or value.startswith(("//", "/\\"))
        or any(character.isspace() or not character.isprintable() for character in value)
    ):
        raise serializers.ValidationError(NOT_A_PATH, code="invalid")


class RegisterInputSerializer(StrictSerializer):
    """A new account: the name as it must appear on certificates, optionally in native script."""

    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
    full_name = serializers.CharField(max_length=200)
    native_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    preferred_language = LanguageField(required=False)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)
    is_name_in_credentials = serializers.BooleanField(required=False)
    next = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        validators=[same_origin_path],
        help_text="Where to go after confirming: a path on this site (`/courses/...`), carried "
        "in the e-mailed link.",
    )


class ConfirmEmailInputSerializer(StrictSerializer):
    """The `token` from the confirmation link."""

    token = serializers.CharField(max_length=512)


class LoginInputSerializer(StrictSerializer):
    """E-mail and password."""

    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class TokenInputSerializer(LoginInputSerializer):
    """E-mail, password and an optional label for the new token."""

    name = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ProfileInputSerializer(StrictSerializer):
    """Profile fields to change; omitted fields stay as they are."""

    full_name = serializers.CharField(max_length=200, required=False)
    native_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    preferred_language = LanguageField(required=False)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)
    is_name_in_credentials = serializers.BooleanField(required=False)


class PasswordResetInputSerializer(StrictSerializer):
    """The address to send a reset link to."""

    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmInputSerializer(StrictSerializer):
    """The `uid` and `token` from the reset link, and the new password."""

    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class OrganizationSummarySerializer(serializers.ModelSerializer[Organization]):
    """An organisation in brief."""

    class Meta:
        model = Organization
        fields = ("slug", "name", "kind", "country")


class OrganizationSerializer(serializers.ModelSerializer[Organization]):
    """An institution, employer or the coalition."""

    logo = serializers.ImageField(read_only=True, allow_null=True, use_url=True)

    class Meta:
        model = Organization
        fields = ("slug", "name", "kind", "country", "website", "logo")


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    """One role the user holds in one organisation."""

    organization = OrganizationSummarySerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ("organization", "role")


class ProfileSerializer(serializers.ModelSerializer[User]):
    """The signed-in user's profile."""

    memberships = MembershipSerializer(many=True, read_only=True)
    # DRF would hand the blank Country object itself to the JSON encoder; serialize its code.
    country = serializers.CharField(
        source="country.code", read_only=True, help_text="ISO 3166-1 alpha-2 code, or empty."
    )

    class Meta:
        model = User
        fields = (
            "id",
            "email",
            "full_name",
            "native_name",
            "preferred_language",
            "country",
            "is_name_in_credentials",
            "date_joined",
            "memberships",
        )
        read_only_fields = fields


class ApiTokenSerializer(serializers.ModelSerializer[ApiToken]):
    """A bearer token, without its secret."""

    class Meta:
        model = ApiToken
        fields: tuple[str, ...] = (
            "id",
            "name",
            "prefix",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        )
        read_only_fields: tuple[str, ...] = fields


class NewApiTokenSerializer(ApiTokenSerializer):
    """A just-created bearer token, with its secret (shown once)."""

    token = serializers.CharField(
        read_only=True, help_text="The secret. Shown once: store it now, it cannot be recovered."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = ("token", *ApiTokenSerializer.Meta.fields)
        read_only_fields = fields


class SessionSerializer(serializers.Serializer):
    """Who the browser session belongs to: a profile, or null for an anonymous visitor."""

    user = ProfileSerializer(allow_null=True, read_only=True)


class CsrfSerializer(serializers.Serializer):
    """The CSRF token also set as the `csrftoken` cookie."""

    csrf_token = serializers.CharField()


class DetailSerializer(serializers.Serializer):
    """A confirmation message."""

    detail = serializers.CharField()


class AuditEventFilterSerializer(serializers.Serializer):
    """Query parameters of the audit log; every one is optional. Unknown parameters (such as
    `page`) are left to the paginator."""

    action = serializers.ChoiceField(choices=AuditEvent.Action.choices, required=False)
    actor_id = serializers.IntegerField(min_value=1, required=False)
    target_type = serializers.CharField(max_length=40, required=False)
    target_id = serializers.CharField(max_length=100, required=False)
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    """One audited action: who (an account id and its e-mail then), what, to what, from where."""

    actor_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = AuditEvent
        fields = (
            "id",
            "created_at",
            "action",
            "actor_id",
            "actor_email",
            "target_type",
            "target_id",
            "ip_address",
            "details",
        )
        read_only_fields = fields
