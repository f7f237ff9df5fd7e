"""Input and output shapes of the accounts API."""

from django.conf import settings
from django_countries import countries
from rest_framework import serializers

from accounts.models import ApiToken, Membership, Organization, User
from config.api import StrictSerializer

LANGUAGE_CHOICES = settings.LANGUAGES
COUNTRY_CHOICES = [("", "—"), *countries]


class RegisterInputSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
    full_name = serializers.CharField(max_length=200)
    native_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)


class LoginInputSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class TokenInputSerializer(LoginInputSerializer):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ProfileInputSerializer(StrictSerializer):
    full_name = serializers.CharField(max_length=200, required=False)
    native_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)


class PasswordResetInputSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmInputSerializer(StrictSerializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class OrganizationSummarySerializer(serializers.ModelSerializer[Organization]):
    class Meta:
        model = Organization
        fields = ("slug", "name", "kind", "country")


class OrganizationSerializer(serializers.ModelSerializer[Organization]):
    logo = serializers.ImageField(read_only=True, allow_null=True, use_url=True)

    class Meta:
        model = Organization
        fields = ("slug", "name", "kind", "country", "website", "logo")


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    organization = OrganizationSummarySerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ("organization", "role")


class ProfileSerializer(serializers.ModelSerializer[User]):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = (
            "id",
            "email",
            "full_name",
            "native_name",
            "preferred_language",
            "country",
            "date_joined",
            "memberships",
        )
        read_only_fields = fields


class ApiTokenSerializer(serializers.ModelSerializer[ApiToken]):
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
    token = serializers.CharField(
        read_only=True, help_text="The secret. Shown once: store it now, it cannot be recovered."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = ("token", *ApiTokenSerializer.Meta.fields)
        read_only_fields = fields


class CsrfSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
