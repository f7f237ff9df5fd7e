"""An organisation's administrators configure its identity providers; anyone finds the buttons."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts import api as accounts_api
from accounts.models import Membership, Organization, User
from sso.models import IdentityProvider
from sso.oidc.addresses import check_fetchable_url
from sso.oidc.discovery import Discovery, fetch_discovery, forget_provider_documents
from sso.saml.metadata import validate_idp_metadata

__all__ = [
    "create_provider",
    "delete_provider",
    "get_organization_for_admin",
    "get_provider_for_admin",
    "list_providers_for_admin",
    "list_sign_in_providers",
    "test_discovery",
    "update_provider",
]

UNKNOWN_ROLE = _("Not a membership role: %(role)s.")
CLIENT_SECRET_REQUIRED = _("A client secret is required.")
CLIENT_ID_REQUIRED = _("A client ID is required.")

# Which fields the audit log records of a change (never the secret's value).
_AUDITED = (
    "name", "slug", "protocol", "is_enabled", "creates_accounts", "grantable_roles",
    "roles_claim", "oidc_issuer", "oidc_client_id", "oidc_scopes", "saml_idp_metadata",
)  # fmt: skip


def get_organization_for_admin(*, user: User, slug: str) -> Organization:
    """The organisation with this slug if `user` administers it; Organization.DoesNotExist for
    an unknown slug and equally for anyone else, so the answer reveals nothing."""
    if not user.is_authenticated:
        raise Organization.DoesNotExist
    return Organization.objects.get(
        slug=slug, memberships__user=user, memberships__role=Membership.Role.ADMIN
    )


def list_providers_for_admin(*, user: User, organization_slug: str) -> QuerySet[IdentityProvider]:
    """The organisation's providers, for one of its administrators (DoesNotExist otherwise)."""
    organization = get_organization_for_admin(user=user, slug=organization_slug)
    return IdentityProvider.objects.filter(organization=organization).order_by("name", "pk")


def get_provider_for_admin(
    *, user: User, organization_slug: str, provider_id: int, for_update: bool = False
) -> IdentityProvider:
    """One provider of an organisation `user` administers (locked with `for_update`).
    Raises IdentityProvider.DoesNotExist when missing or not theirs."""
    try:
        organization = get_organization_for_admin(user=user, slug=organization_slug)
    except Organization.DoesNotExist as error:
        raise IdentityProvider.DoesNotExist from error
    providers = IdentityProvider.objects.filter(organization=organization)
    if for_update:
        providers = providers.select_for_update()
    return providers.get(pk=provider_id)


def _check(provider: IdentityProvider) -> None:
    unknown = [role for role in provider.grantable_roles if role not in Membership.Role.values]
    if unknown:
        raise ValidationError({"grantable_roles": [UNKNOWN_ROLE % {"role": unknown[0]}]})
    if provider.protocol == IdentityProvider.Protocol.SAML:
        _check_saml(provider)
    else:
        _check_oidc(provider)
    provider.full_clean(exclude=["organization"])


def _check_saml(provider: IdentityProvider) -> None:
    # The entity ID is the metadata's own, so the two cannot disagree.
    try:
        summary = validate_idp_metadata(provider.saml_idp_metadata)
    except ValidationError as error:
        raise ValidationError({"saml_idp_metadata": error.messages}) from error
    provider.saml_idp_entity_id = summary.entity_id


def _check_oidc(provider: IdentityProvider) -> None:
    if not provider.oidc_client_id:
        raise ValidationError({"oidc_client_id": [CLIENT_ID_REQUIRED]})
    if not provider.oidc_client_secret:
        raise ValidationError({"oidc_client_secret": [CLIENT_SECRET_REQUIRED]})
    try:
        check_fetchable_url(provider.oidc_issuer)
    except ValidationError as error:
        raise ValidationError({"oidc_issuer": error.messages}) from error


def _audit(
    provider: IdentityProvider, actor: User, operation: str, changed: list[str], ip: str | None
) -> None:
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.IDENTITY_PROVIDER_CHANGED,
        actor=actor,
        target_type="identity_provider",
        target_id=provider.slug,
        ip_address=ip,
        details={
            "operation": operation,
            "organization": provider.organization_id,
            "changed": changed,
        },
    )


def create_provider(
    *, user: User, organization_slug: str, ip_address: str | None = None, **fields: Any
) -> IdentityProvider:
    """Add a provider to an organisation `user` administers. Raises Organization.DoesNotExist
    (not theirs) or ValidationError (a field, a refused issuer address, a slug in use). Audited."""
    organization = get_organization_for_admin(user=user, slug=organization_slug)
    provider = IdentityProvider(organization=organization, **fields)
    _check(provider)
    with transaction.atomic():
        provider.save()
        _audit(provider, user, "created", sorted(fields.keys() & set(_AUDITED)), ip_address)
    return provider


def update_provider(
    *,
    user: User,
    organization_slug: str,
    provider_id: int,
    ip_address: str | None = None,
    **fields: Any,
) -> IdentityProvider:
    """Change the given fields (an empty or missing client secret keeps the stored one). Raises
    IdentityProvider.DoesNotExist or ValidationError; drops the cached discovery. Audited."""
    with transaction.atomic():
        provider = get_provider_for_admin(
            user=user, organization_slug=organization_slug, provider_id=provider_id,
            for_update=True,
        )  # fmt: skip
        if not fields.get("oidc_client_secret"):
            fields.pop("oidc_client_secret", None)
        changed = sorted(
            name
            for name, value in fields.items()
            if getattr(provider, name) != value and (name in _AUDITED or name.endswith("secret"))
        )
        for name, value in fields.items():
            setattr(provider, name, value)
        _check(provider)
        provider.save()
        _audit(provider, user, "updated", changed, ip_address)
        forget_provider_documents(provider)
    return provider


def delete_provider(
    *, user: User, organization_slug: str, provider_id: int, ip_address: str | None = None
) -> None:
    """Delete a provider and its links to local accounts (the accounts stay). Audited."""
    with transaction.atomic():
        provider = get_provider_for_admin(
            user=user, organization_slug=organization_slug, provider_id=provider_id,
            for_update=True,
        )  # fmt: skip
        _audit(provider, user, "deleted", [], ip_address)
        forget_provider_documents(provider)
        provider.delete()


def test_discovery(*, user: User, organization_slug: str, issuer: str) -> Discovery:
    """Fetch `issuer`'s discovery document now for an administrator of the organisation.
    Raises Organization.DoesNotExist, ValidationError (refused address) or
    discovery.ProviderUnavailable (unreachable, not a discovery document, another issuer)."""
    get_organization_for_admin(user=user, slug=organization_slug)
    check_fetchable_url(issuer)
    return fetch_discovery(issuer)


def list_sign_in_providers(
    *, organization_slug: str = "", search: str = ""
) -> QuerySet[IdentityProvider]:
    """The enabled providers to offer on the sign-in page: one organisation's (by slug), or
    those whose own or organisation's name contains `search` (at least two characters; no
    e-mail lookup, which would tell who is a member where)."""
    providers = IdentityProvider.objects.filter(is_enabled=True).select_related("organization")
    if organization_slug:
        providers = providers.filter(organization__slug=organization_slug)
    elif len(search.strip()) >= 2:
        text = search.strip()
        providers = providers.filter(
            Q(name__icontains=text) | Q(organization__name__icontains=text)
        )
    else:
        return providers.none()
    return providers.order_by("organization__name", "name", "pk")
