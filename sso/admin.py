"""Django admin for identity providers and linked identities (the secret is never shown)."""

from typing import ClassVar

from django import forms
from django.contrib import admin

from sso.models import ExternalIdentity, IdentityProvider


class IdentityProviderForm(forms.ModelForm):
    oidc_client_secret = forms.CharField(
        widget=forms.PasswordInput(render_value=False), required=False,
        help_text="Leave empty to keep the stored secret.",
    )  # fmt: skip

    class Meta:
        model = IdentityProvider
        fields = (
            "organization", "slug", "name", "protocol", "is_enabled", "creates_accounts",
            "grantable_roles", "roles_claim", "oidc_issuer", "oidc_client_id",
            "oidc_client_secret", "oidc_scopes", "saml_idp_entity_id", "saml_idp_metadata",
        )  # fmt: skip

    def clean_oidc_client_secret(self) -> str:
        typed = self.cleaned_data.get("oidc_client_secret") or ""
        return typed or (self.instance.oidc_client_secret if self.instance.pk else "")


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    list_display = ("name", "slug", "protocol", "organization", "is_enabled")
    list_filter = ("protocol", "is_enabled")
    search_fields = ("name", "slug", "organization__name")
    readonly_fields: ClassVar = ["created_at", "updated_at"]


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ("subject", "provider", "user", "last_sign_in_at")
    search_fields = ("subject", "user__email", "provider__slug")
    raw_id_fields = ("user",)
    readonly_fields: ClassVar = ["created_at", "last_sign_in_at"]
