"""Registering, changing, removing endpoints and rotating their secrets (administrators only)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from webhooks.access import get_endpoint_for_admin, get_organization_for_admin
from webhooks.addresses import resolve_target
from webhooks.models import Endpoint, EventType
from webhooks.signing import new_secret

__all__ = [
    "MAX_ENDPOINTS",
    "create_endpoint",
    "delete_endpoint",
    "list_endpoints",
    "rotate_endpoint_secret",
    "signing_secrets",
    "update_endpoint",
]

# Enough for a few systems per organisation; each endpoint costs a request per event.
MAX_ENDPOINTS = 20
TOO_MANY = _("An organisation can register at most %(count)s webhook endpoints.")
NO_EVENT_TYPES = _("Choose at least one event type.")
UNKNOWN_EVENT_TYPE = _("Unknown event type: %(type)s.")
DISABLED_BY_ADMIN = "Disabled by an administrator."


def _checked_event_types(event_types: list[str]) -> list[str]:
    if not event_types:
        raise ValidationError({"event_types": [NO_EVENT_TYPES]}, code="no_event_types")
    for event_type in event_types:
        if event_type not in EventType.values:
            raise ValidationError(
                {"event_types": [UNKNOWN_EVENT_TYPE % {"type": event_type}]},
                code="unknown_event_type",
            )
    return sorted(set(event_types))


def list_endpoints(*, user: User, organization_slug: str) -> QuerySet[Endpoint]:
    """The organisation's endpoints, oldest first. Raises Organization.DoesNotExist unless
    `user` administers it."""
    organization = get_organization_for_admin(user=user, slug=organization_slug)
    return Endpoint.objects.filter(organization=organization)


def create_endpoint(
    *,
    user: User,
    organization_slug: str,
    url: str,
    event_types: list[str],
    description: str = "",
) -> tuple[Endpoint, str]:
    """Register an endpoint; returns it and its secret (shown to the caller this once).

    The URL is checked now (`addresses.resolve_target`: https, a public address, not this
    platform) and again before every delivery. Raises Organization.DoesNotExist (not an
    administrator) and ValidationError (the URL, the event types, too many endpoints). Locks the
    organisation's row so that concurrent registrations respect MAX_ENDPOINTS."""
    organization = get_organization_for_admin(user=user, slug=organization_slug)
    types = _checked_event_types(event_types)
    resolve_target(url)
    secret = new_secret()
    with transaction.atomic():
        type(organization).objects.select_for_update().filter(pk=organization.pk).first()
        if Endpoint.objects.filter(organization=organization).count() >= MAX_ENDPOINTS:
            raise ValidationError(TOO_MANY % {"count": MAX_ENDPOINTS}, code="too_many_endpoints")
        endpoint = Endpoint.objects.create(
            organization=organization,
            url=url.strip(),
            description=description,
            event_types=types,
            secret=secret,
            created_by=user,
        )
    return endpoint, secret


@transaction.atomic
def update_endpoint(
    *,
    user: User,
    organization_slug: str,
    endpoint_id: uuid.UUID,
    url: str | None = None,
    event_types: list[str] | None = None,
    description: str | None = None,
    is_active: bool | None = None,
) -> Endpoint:
    """Change the given fields (None leaves one alone). Enabling an endpoint clears its failure
    streak and reason; disabling it by hand records that as the reason. Raises
    Endpoint.DoesNotExist and ValidationError; takes the endpoint's row lock."""
    endpoint = get_endpoint_for_admin(
        user=user, organization_slug=organization_slug, endpoint_id=endpoint_id, for_update=True
    )
    if url is not None:
        resolve_target(url)
        endpoint.url = url.strip()
    if event_types is not None:
        endpoint.event_types = _checked_event_types(event_types)
    if description is not None:
        endpoint.description = description
    if is_active is True and not endpoint.is_active:
        endpoint.is_active = True
        endpoint.disabled_reason = ""
        endpoint.disabled_at = None
        endpoint.consecutive_failures = 0
        endpoint.failing_since = None
    elif is_active is False and endpoint.is_active:
        endpoint.is_active = False
        endpoint.disabled_reason = DISABLED_BY_ADMIN
        endpoint.disabled_at = timezone.now()
    endpoint.save()
    return endpoint


def delete_endpoint(*, user: User, organization_slug: str, endpoint_id: uuid.UUID) -> None:
    """Remove an endpoint and its delivery log. Raises Endpoint.DoesNotExist."""
    get_endpoint_for_admin(
        user=user, organization_slug=organization_slug, endpoint_id=endpoint_id
    ).delete()


@transaction.atomic
def rotate_endpoint_secret(
    *, user: User, organization_slug: str, endpoint_id: uuid.UUID
) -> tuple[Endpoint, str]:
    """Give the endpoint a new secret and return it (shown this once). The current secret
    keeps signing beside it for WEBHOOK_SECRET_GRACE_HOURS, so receivers can switch without
    refusing a message; a secret replaced by an earlier rotation stops at once. Raises
    Endpoint.DoesNotExist; takes the endpoint's row lock."""
    endpoint = get_endpoint_for_admin(
        user=user, organization_slug=organization_slug, endpoint_id=endpoint_id, for_update=True
    )
    secret = new_secret()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + timedelta(
        hours=settings.WEBHOOK_SECRET_GRACE_HOURS
    )
    endpoint.secret = secret
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return endpoint, secret


def signing_secrets(endpoint: Endpoint) -> list[str]:
    """The secrets a delivery is signed with now: the current one, and the previous one while
    its grace period lasts."""
    secrets = [endpoint.secret]
    expires_at = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires_at is not None and expires_at > timezone.now():
        secrets.append(endpoint.previous_secret)
    return secrets
