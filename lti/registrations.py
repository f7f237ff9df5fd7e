"""Registering an LMS with the tool, per organisation, and the tool's own signing keys."""

from django.core.exceptions import ValidationError
from django.db import transaction
from lti_tool.models import Key, LtiDeployment, LtiRegistration

from accounts.models import Organization
from lti.models import PlatformRegistration

__all__ = ["ensure_tool_key", "register_platform", "tool_jwks"]


@transaction.atomic
def register_platform(
    *,
    organization_slug: str,
    issuer: str,
    client_id: str,
    deployment_ids: list[str],
    auth_url: str,
    token_url: str,
    jwks_url: str,
) -> LtiRegistration:
    """Register (or update) the platform `issuer` with `client_id` for the organisation, with
    its deployments active. Idempotent: run again with the same values, nothing changes; a new
    deployment id is added. Makes the tool's first signing key when there is none.

    Raises Organization.DoesNotExist, and ValidationError when the (issuer, client id) pair is
    registered for another organisation or a URL is not http(s)."""
    organization = Organization.objects.get(slug=organization_slug)
    for url in (auth_url, token_url, jwks_url):
        if not url.startswith(("https://", "http://")):
            raise ValidationError(f"{url!r} is not an http(s) URL", code="invalid_url")
    registration, _created = LtiRegistration.objects.update_or_create(
        issuer=issuer,
        client_id=client_id,
        defaults={
            "name": f"{organization.slug}: {issuer}"[:255],
            "auth_url": auth_url,
            "token_url": token_url,
            "keyset_url": jwks_url,
            "is_active": True,
        },
    )
    link, _created = PlatformRegistration.objects.get_or_create(
        registration=registration, defaults={"organization": organization}
    )
    if link.organization_id != organization.pk:
        raise ValidationError(
            "This issuer and client id are registered for another organisation.",
            code="registered_elsewhere",
        )
    for deployment_id in deployment_ids:
        LtiDeployment.objects.update_or_create(
            registration=registration, deployment_id=deployment_id, defaults={"is_active": True}
        )
    ensure_tool_key()
    return registration


def ensure_tool_key() -> Key:
    """The newest active signing key of the tool, made when there is none (`rotate_keys` makes
    the next one and retires old ones)."""
    key = Key.objects.active().order_by("-datetime_created").first()
    return key if key is not None else Key.objects.generate()


def tool_jwks() -> dict[str, list[dict[str, str]]]:
    """The tool's public keys (every active one, so a platform still verifies what the previous
    key signed after a rotation)."""
    return Key.objects.as_jwks()
