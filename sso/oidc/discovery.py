"""A provider's discovery document and signing keys, fetched with the address rules and cached.

The discovery document (`<issuer>/.well-known/openid-configuration`) names the authorization,
token, userinfo and JWKS endpoints. Both it and the JWKS are cached per provider for an hour;
a provider's change drops them (`forget_provider_documents`), and an ID token whose `kid` the
cached JWKS lacks makes one fresh fetch (keys rotate) before it is refused.
"""

from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.cache import GenerationCache
from sso.models import IdentityProvider
from sso.oidc.addresses import check_fetchable_url

__all__ = [
    "Discovery",
    "ProviderUnavailable",
    "discovery_for",
    "fetch_discovery",
    "forget_provider_documents",
    "signing_keys_for",
]

DOCUMENTS = GenerationCache(
    name="sso-oidc-documents", version=1, timeout=3600, label="OIDC discovery cache"
)
UNREACHABLE = _("The provider could not be reached: %(error)s")
NOT_A_DISCOVERY_DOCUMENT = _("The provider did not answer with an OpenID discovery document.")
ISSUER_MISMATCH = _(
    "The discovery document names the issuer %(found)s, not the configured %(expected)s."
)
MISSING_ENDPOINT = _("The discovery document names no %(field)s.")
NO_KEYS = _("The provider's JWKS holds no keys.")


class ProviderUnavailable(Exception):  # noqa: N818 - named for what happened, like Django's
    """The provider's documents could not be fetched or make no sense (message for people)."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Discovery:
    """What the platform uses from a provider's discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    signing_algorithms: tuple[str, ...]
    scopes_supported: tuple[str, ...]


def _get_json(url: str) -> Any:
    try:
        check_fetchable_url(url)
    except ValidationError as error:
        raise ProviderUnavailable(error.messages[0]) from error
    try:
        response = requests.get(
            url,
            timeout=settings.SSO_HTTP_TIMEOUT_SECONDS,
            allow_redirects=False,
            headers={"Accept": "application/json"},
        )
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(UNREACHABLE % {"error": type(error).__name__}) from error


def fetch_discovery(issuer: str) -> Discovery:
    """Fetch and check `issuer`'s discovery document now (no cache). Raises ProviderUnavailable:
    unreachable, not a discovery document, another issuer, or an endpoint missing or not
    fetchable under the address rules."""
    issuer = issuer.rstrip("/")
    document = _get_json(f"{issuer}/.well-known/openid-configuration")
    if not isinstance(document, dict):
        raise ProviderUnavailable(NOT_A_DISCOVERY_DOCUMENT)
    found_issuer = str(document.get("issuer", ""))
    # OpenID Connect Discovery 1.0 §4.3: the document's issuer is exactly the one asked.
    if found_issuer.rstrip("/") != issuer:
        raise ProviderUnavailable(ISSUER_MISMATCH % {"found": found_issuer, "expected": issuer})
    for field in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(document.get(field), str) or not document[field]:
            raise ProviderUnavailable(MISSING_ENDPOINT % {"field": field})
    for field in ("token_endpoint", "jwks_uri", "userinfo_endpoint"):
        if document.get(field):
            try:
                check_fetchable_url(str(document[field]))
            except ValidationError as error:
                raise ProviderUnavailable(f"{field}: {error.messages[0]}") from error
    return Discovery(
        issuer=found_issuer,
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        jwks_uri=document["jwks_uri"],
        userinfo_endpoint=str(document.get("userinfo_endpoint") or ""),
        signing_algorithms=tuple(
            str(name) for name in document.get("id_token_signing_alg_values_supported", [])
        ),
        scopes_supported=tuple(str(name) for name in document.get("scopes_supported", [])),
    )


def discovery_for(provider: IdentityProvider) -> Discovery:
    """The provider's discovery document, from the cache or fetched (ProviderUnavailable)."""
    return DOCUMENTS.get_or_build(
        f"discovery:{provider.oidc_issuer}",
        lambda: fetch_discovery(provider.oidc_issuer),
        scope=provider.pk,
    )


def _fetch_keys(jwks_uri: str) -> list[dict[str, Any]]:
    document = _get_json(jwks_uri)
    keys = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(keys, list) or not keys:
        raise ProviderUnavailable(NO_KEYS)
    return [key for key in keys if isinstance(key, dict)]


def signing_keys_for(
    provider: IdentityProvider, discovery: Discovery, *, fresh: bool = False
) -> list[dict[str, Any]]:
    """The provider's published JWKs (cached; `fresh` fetches them now and stores the answer)."""
    key = f"jwks:{discovery.jwks_uri}"
    if fresh:
        DOCUMENTS.invalidate(scope=provider.pk)
    return DOCUMENTS.get_or_build(key, lambda: _fetch_keys(discovery.jwks_uri), scope=provider.pk)


def forget_provider_documents(provider: IdentityProvider) -> None:
    """Drop the provider's cached documents (after its configuration changed)."""
    DOCUMENTS.invalidate(scope=provider.pk)
