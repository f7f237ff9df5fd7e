"""An organisation's identity providers, and the external identities linked to local users."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityProvider(models.Model):
    """One OpenID Connect or SAML 2.0 identity provider of one organisation. Its people sign in
    at `/sso/<slug>/login/`; accounts are linked by the provider's subject, never by e-mail."""

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="identity_providers"
    )
    slug = models.SlugField(max_length=80, unique=True)
    # Shown on the sign-in button: "Sign in with <name>".
    name = models.CharField(_("name"), max_length=200)
    protocol = models.CharField(_("protocol"), max_length=10, choices=Protocol.choices)
    is_enabled = models.BooleanField(_("enabled"), default=True)
    # Just-in-time creation: a first sign-in of an unknown subject makes a local account.
    creates_accounts = models.BooleanField(_("creates accounts"), default=True)
    # The membership roles this provider may assert (a subset of accounts' Membership.Role
    # values); an asserted role outside it is ignored, so an IdP cannot make itself an admin
    # unless the organisation's administrators allowed it.
    grantable_roles = models.JSONField(_("grantable roles"), default=list, blank=True)
    # The claim (OIDC) or attribute (SAML) that carries the asserted roles.
    roles_claim = models.CharField(_("roles claim"), max_length=100, default="icim_roles")

    # OpenID Connect: endpoints come from the issuer's discovery document.
    oidc_issuer = models.URLField(_("issuer"), max_length=500, blank=True)
    oidc_client_id = models.CharField(_("client ID"), max_length=200, blank=True)
    # Kept readable: it authenticates the platform to the provider at every sign-in.
    oidc_client_secret = models.CharField(_("client secret"), max_length=500, blank=True)
    oidc_scopes = models.CharField(_("scopes"), max_length=200, default="openid email profile")

    # SAML 2.0: the IdP's metadata XML (entity ID, SSO URL, signing certificate).
    saml_idp_entity_id = models.CharField(_("IdP entity ID"), max_length=500, blank=True)
    saml_idp_metadata = models.TextField(_("IdP metadata"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["organization__name", "name"]
        constraints: ClassVar = [
            # Each protocol needs its own settings; a half-configured provider cannot exist.
            models.CheckConstraint(
                condition=(
                    models.Q(protocol="oidc")
                    & ~models.Q(oidc_issuer="")
                    & ~models.Q(oidc_client_id="")
                )
                | (
                    models.Q(protocol="saml")
                    & ~models.Q(saml_idp_entity_id="")
                    & ~models.Q(saml_idp_metadata="")
                ),
                name="identity_provider_configured_for_protocol",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_protocol_display()}) @ {self.organization}"


class ExternalIdentity(models.Model):
    """A local user as one identity provider knows them: the provider's stable subject (OIDC
    `sub`, SAML NameID) is the link, so a changed e-mail at the IdP cannot take another account."""

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["provider", "subject"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="external_identity_subject"
            ),
            # One identity per user and provider: a second subject cannot claim the same account.
            models.UniqueConstraint(fields=["provider", "user"], name="external_identity_user"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.provider.slug} → {self.user}"
