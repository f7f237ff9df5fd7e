"""The audit log: security-relevant actions, who did them and from where."""

import ipaddress
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import AuditEvent, User

__all__ = [
    "AuditAction",
    "client_ip_address",
    "list_audit_events",
    "record_audit_event",
    "record_failed_login",
]

AuditAction = AuditEvent.Action


def client_ip_address(*, request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or with NUM_PROXIES trusted proxies in front, the
    address the outermost of them saw (the same rule as the API's throttling)."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR") or None


def record_audit_event(
    *,
    action: str,
    actor: User | None = None,
    target_type: str = "",
    target_id: str = "",
    ip_address: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one row to the audit log, in the caller's transaction (so an action that rolls back
    leaves no record of having happened). `actor` None is the system or an anonymous client.

    Raises ValueError for an action that is not one of `AuditAction` (a programming error).
    """
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    person = actor if isinstance(actor, User) else None
    return AuditEvent.objects.create(
        action=action,
        actor=person,
        actor_email=person.email if person is not None else "",
        target_type=target_type,
        target_id=target_id,
        ip_address=_valid_ip_address(ip_address),
        details=details or {},
    )


def _valid_ip_address(value: str | None) -> str | None:
    # X-Forwarded-For is whatever the client or a proxy wrote; the column takes only addresses.
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def list_audit_events(
    *,
    action: str | None = None,
    actor_id: int | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """The audit log, newest first, narrowed by any of the given filters; `since` is
    inclusive, `until` exclusive. The caller checks that the reader is platform staff."""
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action=action)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if target_type:
        events = events.filter(target_type=target_type)
    if target_id:
        events = events.filter(target_id=target_id)
    if since is not None:
        events = events.filter(created_at__gte=since)
    if until is not None:
        events = events.filter(created_at__lt=until)
    return events


def record_failed_login(*, email: str, ip_address: str | None, via: str) -> None:
    """Audit a failed sign-in through `via` (session, token or admin)."""
    # The address tried is kept (cut to the field's length): repeated failures against one
    # account, or from one IP against many, are what staff look for.
    record_audit_event(
        action=AuditAction.LOGIN_FAILED,
        target_type="email",
        target_id=email.strip().lower()[:100],
        ip_address=ip_address,
        details={"via": via},
    )
