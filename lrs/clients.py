"""LRS credentials: organisation clients, short-lived launch credentials, and Basic auth."""

import base64
import binascii
import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone

from lrs.models import Client
from lrs.validation import agent_key, validate_agent

__all__ = ["authenticate", "create_client", "issue_launch_credential"]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_client(*, organization_id: int, name: str) -> tuple[Client, str]:
    """A new client of the organisation and its secret (shown once, stored only hashed)."""
    secret = secrets.token_urlsafe(32)
    client = Client.objects.create(
        organization_id=organization_id,
        name=name,
        key=secrets.token_hex(16),
        secret_hash=_hash(secret),
    )
    return client, secret


def issue_launch_credential(
    *,
    organization_id: int,
    actor: dict[str, Any],
    registration: str,
    activity_id: str,
    expires_in: timedelta,
    profile: dict[str, Any] | None = None,
) -> str:
    """A short-lived credential for one AU launch (cmi5's fetch URL returns it): the value of
        an `Authorization: Basic ...` header, good only for statements about `actor` in
        `registration` until it expires. `profile` adds what a profile's rules need to the scope
    (cmi5: {"cmi5": True, "session_id", "mastery_score"}, checked by lrs.cmi5)."""
    validate_agent(actor, "actor")
    secret = secrets.token_urlsafe(32)
    client = Client.objects.create(
        organization_id=organization_id,
        name=f"launch {registration}",
        key=secrets.token_hex(16),
        secret_hash=_hash(secret),
        expires_at=timezone.now() + expires_in,
        scope={
            "actor": agent_key(actor),
            "registration": registration,
            "activity_id": activity_id,
            **(profile or {}),
        },
    )
    return base64.b64encode(f"{client.key}:{secret}".encode()).decode()


def authenticate(header: str) -> Client | None:
    """The active, unexpired client an `Authorization: Basic` header names, else None."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        key, _, secret = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client = Client.objects.filter(key=key, is_active=True).first()
    if client is None or not hmac.compare_digest(client.secret_hash, _hash(secret)):
        return None
    if client.expires_at is not None and client.expires_at <= timezone.now():
        return None
    return client
