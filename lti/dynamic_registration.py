"""LTI Dynamic Registration 1.0: an organisation's admin makes a one-time link; the LMS opens it
with its OpenID configuration; the tool checks the configuration, registers itself with the
LMS and keeps the registration for that organisation."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiRegistration

from accounts import api as accounts_api
from accounts.models import Membership, Organization, User
from lti.models import RegistrationLink
from lti.protocol import LaunchRefused, TimeoutSession
from lti.registrations import register_platform

__all__ = [
    "REGISTRATION_LINK_SECONDS",
    "ToolUrls",
    "create_registration_link",
    "register_with_platform",
    "registration_link_organization",
]

REGISTRATION_LINK_SECONDS = 86_400
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
# What the tool does with a platform's services: post scores (AGS), read the class list (NRPS).
_SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
)
_CLAIMS = ("iss", "sub", "name", "given_name", "family_name", "email")
_ENDPOINTS = ("registration_endpoint", "authorization_endpoint", "token_endpoint", "jwks_uri")


@dataclass(frozen=True)
class ToolUrls:
    """The tool's own URLs, as the registering request reached it."""

    login: str
    launch: str
    deep_link: str
    jwks: str


def create_registration_link(*, organization_slug: str, created_by: User) -> str:
    """A new one-time registration link's secret for the organisation, valid for
    REGISTRATION_LINK_SECONDS (only its digest is stored; audited as a token made by the admin).

    Raises Organization.DoesNotExist, and PermissionDenied unless `created_by` is an admin of
    that organisation."""
    organization = Organization.objects.get(slug=organization_slug)
    is_admin = Membership.objects.filter(
        user=created_by, organization=organization, role=Membership.Role.ADMIN
    ).exists()
    if not is_admin or not created_by.is_active:
        raise PermissionDenied("Only the organisation's admins make registration links.")
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = RegistrationLink.objects.create(
            organization=organization,
            created_by=created_by,
            secret_digest=_digest(secret),
            expires_at=timezone.now() + timedelta(seconds=REGISTRATION_LINK_SECONDS),
        )
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.TOKEN_CREATED,
            actor=created_by,
            target_type="lti_registration_link",
            target_id=str(link.pk),
            details={"organization": organization.slug},
        )
    return secret


def registration_link_organization(*, secret: str) -> Organization:
    """The organisation an unspent, unexpired registration link registers for.

    Raises LaunchRefused("invalid_registration_link") otherwise."""
    link = _usable_links(secret).select_related("organization").first()
    if link is None:
        raise LaunchRefused("invalid_registration_link", "unknown, expired or used link")
    return link.organization


def register_with_platform(
    *, secret: str, openid_configuration: str, registration_token: str, tool: ToolUrls
) -> LtiRegistration:
    """Register the tool with the platform whose OpenID configuration is at
    `openid_configuration` (its issuer must have that URL's origin), for the organisation of the
    registration link, and spend the link. The link's row is locked throughout, so it registers
    once; a refusal leaves it unspent and stores nothing.

    Raises LaunchRefused: invalid_registration_link (unknown, expired, used),
    invalid_platform_configuration (unreachable, not JSON, an endpoint missing or not http(s)),
    issuer_mismatch, registration_refused (the platform's answer is not 2xx or has no
    client_id), registered_elsewhere (that issuer and client id belong to another
    organisation)."""
    with transaction.atomic():
        link = _usable_links(secret).select_for_update().first()
        if link is None:
            raise LaunchRefused("invalid_registration_link", "unknown, expired or used link")
        configuration = _platform_configuration(openid_configuration)
        client_id, deployment_id = _post_registration(
            configuration, registration_token=registration_token, tool=tool
        )
        try:
            registration = register_platform(
                organization_slug=Organization.objects.get(pk=link.organization_id).slug,
                issuer=configuration["issuer"],
                client_id=client_id,
                deployment_ids=[deployment_id] if deployment_id else [],
                auth_url=configuration["authorization_endpoint"],
                token_url=configuration["token_endpoint"],
                jwks_url=configuration["jwks_uri"],
            )
        except ValidationError as error:
            raise LaunchRefused("registered_elsewhere", "; ".join(error.messages)) from error
        link.used_at = timezone.now()
        link.registration = registration
        link.save(update_fields=["used_at", "registration"])
    return registration


def _usable_links(secret: str) -> Any:
    return RegistrationLink.objects.filter(
        secret_digest=_digest(secret), used_at__isnull=True, expires_at__gt=timezone.now()
    )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def _platform_configuration(url: str) -> dict[str, Any]:
    """The platform's OpenID configuration, checked: its issuer has the URL's origin (spec
    3.5.1: a configuration from elsewhere must not name the issuer) and every endpoint the
    tool needs is an http(s) URL."""
    origin = _origin(url)
    if not origin:
        raise LaunchRefused("invalid_platform_configuration", "not an http(s) URL")
    try:
        response = TimeoutSession().get(url, headers={"Accept": "application/json"})
        response.raise_for_status()
        configuration = response.json()
    except (requests.RequestException, ValueError) as error:
        raise LaunchRefused("invalid_platform_configuration", str(error)[:200]) from error
    if not isinstance(configuration, dict):
        raise LaunchRefused("invalid_platform_configuration", "not a JSON object")
    issuer = configuration.get("issuer")
    if not isinstance(issuer, str) or _origin(issuer) != origin:
        raise LaunchRefused("issuer_mismatch", f"issuer {issuer!r} is not of {origin}")
    for name in _ENDPOINTS:
        value = configuration.get(name)
        if not isinstance(value, str) or not _origin(value):
            raise LaunchRefused("invalid_platform_configuration", f"{name} missing")
    return configuration


def _post_registration(
    configuration: dict[str, Any], *, registration_token: str, tool: ToolUrls
) -> tuple[str, str]:
    """POST the tool's client registration; the client id and deployment id ("" when the
    platform names none) it answers with."""
    supported = configuration.get("scopes_supported")
    scopes = [
        scope
        for scope in _SCOPES
        if not isinstance(supported, list) or scope in supported  # all, when none are listed
    ]
    body: dict[str, Any] = {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": tool.login,
        "redirect_uris": [tool.launch, tool.deep_link],
        "client_name": "ICIM Academy",
        "jwks_uri": tool.jwks,
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": " ".join(scopes),
        TOOL_CONFIGURATION: {
            "domain": urlsplit(tool.launch).netloc,
            "target_link_uri": tool.launch,
            "claims": list(_CLAIMS),
            "messages": [
                {"type": "LtiResourceLinkRequest", "target_link_uri": tool.launch},
                {
                    "type": "LtiDeepLinkingRequest",
                    "target_link_uri": tool.deep_link,
                    "label": "ICIM Academy",
                },
            ],
        },
    }
    headers = {"Accept": "application/json"}
    if registration_token:
        headers["Authorization"] = f"Bearer {registration_token}"
    try:
        response = TimeoutSession().post(
            configuration["registration_endpoint"], json=body, headers=headers
        )
    except requests.RequestException as error:
        raise LaunchRefused("registration_refused", str(error)[:200]) from error
    try:
        answer = response.json() if response.ok else None
    except ValueError:
        answer = None
    client_id = answer.get("client_id") if isinstance(answer, dict) else None
    if not isinstance(client_id, str) or not client_id:
        raise LaunchRefused(
            "registration_refused", f"HTTP {response.status_code}: {response.text[:200]}"
        )
    tool_configuration = answer.get(TOOL_CONFIGURATION) if isinstance(answer, dict) else None
    deployment_id = (
        tool_configuration.get("deployment_id") if isinstance(tool_configuration, dict) else None
    )
    return client_id, str(deployment_id) if deployment_id else ""
