"""What the sso API reads and answers: the client secret is written, never shown."""

from django.urls import reverse
from rest_framework import serializers

from accounts.models import Membership
from sso.models import IdentityProvider
from sso.saml.service_provider import assertion_consumer_url, service_provider_entity_id


class IdentityProviderSerializer(serializers.ModelSerializer[IdentityProvider]):
    """A provider as its organisation's administrators see it (no secret, only whether one is
    set), with the redirect URI to register at the provider."""

    grantable_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Membership.Role.choices), read_only=True
    )
    has_client_secret = serializers.SerializerMethodField()
    login_url = serializers.SerializerMethodField()
    redirect_uri = serializers.SerializerMethodField()
    saml_sp_entity_id = serializers.SerializerMethodField(
        help_text="SAML: our entity ID, also the URL of our SP metadata to register at the IdP."
    )
    saml_acs_url = serializers.SerializerMethodField(
        help_text="SAML: the assertion consumer service URL (HTTP-POST) to register at the IdP."
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "id", "slug", "name", "protocol", "is_enabled", "creates_accounts",
            "grantable_roles", "roles_claim", "oidc_issuer", "oidc_client_id", "oidc_scopes",
            "has_client_secret", "login_url", "redirect_uri", "saml_idp_entity_id",
            "saml_idp_metadata", "saml_sp_entity_id", "saml_acs_url", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_has_client_secret(self, provider: IdentityProvider) -> bool:
        return bool(provider.oidc_client_secret)

    def get_login_url(self, provider: IdentityProvider) -> str:
        return reverse("sso-login", kwargs={"slug": provider.slug})

    def get_saml_sp_entity_id(self, provider: IdentityProvider) -> str:
        return service_provider_entity_id(provider)

    def get_saml_acs_url(self, provider: IdentityProvider) -> str:
        return assertion_consumer_url(provider)

    def get_redirect_uri(self, provider: IdentityProvider) -> str:
        path = reverse("sso-oidc-callback", kwargs={"slug": provider.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ProviderInputSerializer(serializers.Serializer[None]):
    """A new provider; on update every field is optional and an empty secret keeps the old."""

    slug = serializers.SlugField(max_length=80)
    name = serializers.CharField(max_length=200)
    protocol = serializers.ChoiceField(choices=IdentityProvider.Protocol.choices)
    is_enabled = serializers.BooleanField(default=True)
    creates_accounts = serializers.BooleanField(default=True)
    grantable_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Membership.Role.choices), default=list,
        max_length=len(Membership.Role.choices),
    )  # fmt: skip
    roles_claim = serializers.CharField(max_length=100, default="icim_roles")
    # OpenID Connect: required with protocol "oidc" (sso/providers.py checks).
    oidc_issuer = serializers.URLField(max_length=500, required=False, allow_blank=True)
    oidc_client_id = serializers.CharField(max_length=200, required=False, allow_blank=True)
    oidc_client_secret = serializers.CharField(
        max_length=500, write_only=True, required=False, allow_blank=True, trim_whitespace=False
    )
    oidc_scopes = serializers.CharField(max_length=200, default="openid email profile")
    # SAML 2.0: the IdP's metadata XML, required with protocol "saml"; the entity ID is read
    # from it (sso/saml/metadata.py).
    saml_idp_metadata = serializers.CharField(
        required=False, allow_blank=True, max_length=200_000, trim_whitespace=False
    )


class DiscoveryTestInputSerializer(serializers.Serializer[None]):
    oidc_issuer = serializers.URLField(max_length=500)


class DiscoveryTestSerializer(serializers.Serializer[None]):
    """What a discovery document said, or why it could not be used."""

    is_ok = serializers.BooleanField()
    error = serializers.CharField(allow_blank=True)
    issuer = serializers.CharField(allow_blank=True)
    authorization_endpoint = serializers.CharField(allow_blank=True)
    token_endpoint = serializers.CharField(allow_blank=True)
    userinfo_endpoint = serializers.CharField(allow_blank=True)
    jwks_uri = serializers.CharField(allow_blank=True)
    scopes_supported = serializers.ListField(child=serializers.CharField())
    signing_algorithms = serializers.ListField(child=serializers.CharField())


class SignInProviderQuerySerializer(serializers.Serializer[None]):
    # No default: a default of "" would not match the slug pattern in the schema.
    organization = serializers.SlugField(required=False, allow_blank=True)
    search = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class SignInProviderSerializer(serializers.ModelSerializer[IdentityProvider]):
    """A sign-in button: nothing about the provider's configuration."""

    organization_name = serializers.CharField(source="organization.name")
    login_url = serializers.SerializerMethodField()

    class Meta:
        model = IdentityProvider
        fields = ["slug", "name", "organization_name", "login_url"]
        read_only_fields = fields

    def get_login_url(self, provider: IdentityProvider) -> str:
        return reverse("sso-login", kwargs={"slug": provider.slug})
