"""The platform as a SAML 2.0 service provider of one IdentityProvider: its pysaml2
configuration, the AuthnRequest that starts a sign-in, its metadata, and the checked answer."""

import calendar
import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, SAMLError, saml
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.response import (
    AuthnResponse,
    IncorrectlySigned,
    StatusError,
    UnsolicitedResponse,
    VerificationError,
)
from saml2.sigver import SigverError
from saml2.time_util import str_to_time
from saml2.validate import ResponseLifetimeExceed, ToEarly

from sso.models import IdentityProvider
from sso.provisioning import Assertion
from sso.saml.keys import service_provider_keys
from sso.saml.refusals import SamlRefused

__all__ = [
    "ACCEPTED_CLOCK_SKEW_SECONDS",
    "StartedSignIn",
    "VerifiedResponse",
    "assertion_consumer_url",
    "service_provider_entity_id",
    "service_provider_metadata",
    "start_sign_in",
    "verify_response",
]

logger = logging.getLogger(__name__)

# Clocks of the IdP and this server may disagree by this much.
ACCEPTED_CLOCK_SKEW_SECONDS = 60
# An assertion without any NotOnOrAfter is remembered (against replay) this long.
_DEFAULT_REPLAY_WINDOW_SECONDS = 10 * 60
_LONGEST_REPLAY_WINDOW_SECONDS = 24 * 60 * 60
# Attribute names that carry the e-mail address and name, as the common IdPs send them
# (pysaml2 turns the urn:oid: names into the friendly ones).
_EMAIL_ATTRIBUTES = (
    "mail",
    "email",
    "emailAddress",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
)
_NAME_ATTRIBUTES = (
    "displayName",
    "cn",
    "http://schemas.microsoft.com/identity/claims/displayname",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
)
_GIVEN_NAME_ATTRIBUTES = (
    "givenName",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
)
_SURNAME_ATTRIBUTES = (
    "sn",
    "surname",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
)


@dataclass(frozen=True)
class StartedSignIn:
    """An AuthnRequest on its way: its ID (to remember) and the IdP URL to send the browser to."""

    request_id: str
    redirect_url: str


@dataclass(frozen=True)
class VerifiedResponse:
    """A response whose every check passed: which request it answers, and what it asserts."""

    in_response_to: str
    assertion: Assertion


def service_provider_entity_id(provider: IdentityProvider) -> str:
    """Our entity ID towards this IdP: the URL of the SP metadata (a common convention, so an
    IdP administrator can fetch the metadata from the ID)."""
    return f"{settings.PUBLIC_BASE_URL}/sso/{provider.slug}/saml/metadata/"


def assertion_consumer_url(provider: IdentityProvider) -> str:
    """Where the IdP posts its answer (HTTP-POST binding)."""
    return f"{settings.PUBLIC_BASE_URL}/sso/{provider.slug}/saml/acs/"


def _configuration(provider: IdentityProvider) -> SPConfig:
    keys = service_provider_keys()
    configuration = SPConfig()
    configuration.load(
        {
            "entityid": service_provider_entity_id(provider),
            "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
            "key_file": str(keys.key_file),
            "cert_file": str(keys.cert_file),
            "metadata": {"inline": [provider.saml_idp_metadata]},
            "accepted_time_diff": ACCEPTED_CLOCK_SKEW_SECONDS,
            # Signatures are checked only with the IdP's certificates from its metadata, never
            # with a certificate the message brings along.
            "only_use_keys_in_metadata": True,
            "allow_unknown_attributes": True,
            "service": {
                "sp": {
                    "name": "ICIM Academy",
                    "endpoints": {
                        "assertion_consumer_service": [
                            (assertion_consumer_url(provider), BINDING_HTTP_POST)
                        ],
                    },
                    "allow_unsolicited": False,
                    "authn_requests_signed": True,
                    # Azure AD and AD FS sign the assertion, Okta and others the response:
                    # either is enough, as long as one signature covers the assertion.
                    "want_response_signed": False,
                    "want_assertions_signed": False,
                    "want_assertions_or_response_signed": True,
                    "name_id_format": [saml.NAMEID_FORMAT_PERSISTENT],
                    "name_id_format_allow_create": True,
                    "idp": [provider.saml_idp_entity_id],
                },
            },
        }
    )
    return configuration


def _client(provider: IdentityProvider) -> Saml2Client:
    try:
        return Saml2Client(config=_configuration(provider))
    except ImproperlyConfigured as error:
        logger.error("SAML service provider keys are not configured: %s", error)
        raise SamlRefused("not_configured", str(error)) from error
    except (SAMLError, ValueError, SyntaxError) as error:
        # Metadata that pysaml2 cannot load (validate_idp_metadata keeps most of it out).
        raise SamlRefused("invalid_metadata", str(error)) from error


def service_provider_metadata(provider: IdentityProvider) -> str:
    """Our SP metadata for this IdP: entity ID, ACS URL, signing certificate, NameID format.
    Raises SamlRefused when the keys or the IdP's metadata cannot be loaded."""
    return str(entity_descriptor(_client(provider).config))


def start_sign_in(*, provider: IdentityProvider, relay_state: str) -> StartedSignIn:
    """A signed AuthnRequest for `provider`'s IdP (HTTP-Redirect binding), asking for a
    persistent NameID. Raises SamlRefused (not_configured, invalid_metadata)."""
    client = _client(provider)
    try:
        request_id, information = client.prepare_for_authenticate(
            entityid=provider.saml_idp_entity_id,
            relay_state=relay_state,
            binding=BINDING_HTTP_REDIRECT,
            nameid_format=saml.NAMEID_FORMAT_PERSISTENT,
            sign=True,
        )
    except (SAMLError, ValueError, TypeError) as error:  # e.g. no redirect SSO endpoint
        raise SamlRefused("invalid_metadata", str(error)) from error
    location = dict(information["headers"])["Location"]
    return StartedSignIn(request_id=str(request_id), redirect_url=location)


def verify_response(
    *, provider: IdentityProvider, saml_response: str, outstanding: dict[str, str]
) -> VerifiedResponse:
    """Check an IdP's answer (base64 SAMLResponse of the HTTP-POST binding) and say what it
    asserts: signed by the IdP's metadata certificate (response or assertion), issued by the
    configured IdP, addressed to our ACS (Destination, Recipient), for our entity ID (Audience),
    in response to one of `outstanding` (request ID → provider slug), within its validity
    (NotBefore/NotOnOrAfter, with ACCEPTED_CLOCK_SKEW_SECONDS), and never seen before: each
    assertion ID is remembered in the cache until it expires.

    Raises SamlRefused with the reason's code.
    """
    if not saml_response:
        raise SamlRefused("missing_response")
    client = _client(provider)
    try:
        response = client.parse_authn_request_response(
            saml_response, BINDING_HTTP_POST, outstanding=outstanding
        )
    except UnsolicitedResponse as error:
        raise SamlRefused("unsolicited", str(error)) from error
    except (SigverError, IncorrectlySigned) as error:
        raise SamlRefused("invalid_signature", str(error)) from error
    except (ResponseLifetimeExceed, ToEarly) as error:
        raise SamlRefused("expired", str(error)) from error
    except StatusError as error:
        raise SamlRefused("idp_refused", str(error)) from error
    except VerificationError as error:
        code = "unsolicited" if "Came from" in str(error) else "wrong_destination"
        raise SamlRefused(code, str(error)) from error
    except Exception as error:  # pysaml2 raises a bare Exception for some checks (audience)
        message = str(error)
        code = "wrong_audience" if "AudienceRestrictions" in message else "invalid_response"
        raise SamlRefused(code, message[:300]) from error
    return _checked(provider, response)


def _checked(provider: IdentityProvider, response: AuthnResponse | None) -> VerifiedResponse:
    # pysaml2 returns the response without its assertion when some checks fail quietly (an
    # unexpected Destination, an IssueInstant out of range): look before using it.
    if response is None or response.response is None:
        raise SamlRefused("invalid_response", "not a SAML response")
    destination = response.response.destination
    if destination and destination != assertion_consumer_url(provider):
        raise SamlRefused("wrong_destination", f"Destination {destination}")
    if response.assertion is None or response.name_id is None:
        raise SamlRefused("invalid_response", "no verified assertion")
    # The Response's own Issuer is optional; the assertion's is not.
    issuers = {response.issuer() or provider.saml_idp_entity_id, _text(response.assertion.issuer)}
    if issuers != {provider.saml_idp_entity_id}:
        raise SamlRefused("wrong_issuer", f"issuer {sorted(issuers)}")
    name_id = response.name_id
    subject = (name_id.text or "").strip()
    if name_id.format == saml.NAMEID_FORMAT_TRANSIENT:
        raise SamlRefused("transient_subject", subject[:100])
    if not subject or len(subject) > 255:
        raise SamlRefused("invalid_response", "NameID empty or longer than 255 characters")
    _refuse_replay(provider, str(response.assertion.id), _expiry(response))
    attributes: dict[str, list[Any]] = response.ava or {}
    return VerifiedResponse(
        in_response_to=str(response.in_response_to),
        assertion=Assertion(
            subject=subject,
            email=_first(attributes, _EMAIL_ATTRIBUTES),
            full_name=_full_name(attributes),
            roles=tuple(str(value) for value in attributes.get(provider.roles_claim, [])),
        ),
    )


def _expiry(response: AuthnResponse) -> float:
    """The latest NotOnOrAfter of the assertion (conditions and subject confirmations)."""
    moments = [float(response.not_on_or_after or 0)]
    for confirmation in response.assertion.subject.subject_confirmation or []:
        data = confirmation.subject_confirmation_data
        if data is not None and data.not_on_or_after:
            moments.append(calendar.timegm(str_to_time(data.not_on_or_after)))
    latest = max(moments)
    return latest if latest > 0 else time.time() + _DEFAULT_REPLAY_WINDOW_SECONDS


def _refuse_replay(provider: IdentityProvider, assertion_id: str, expires_at: float) -> None:
    digest = hashlib.sha256(assertion_id.encode()).hexdigest()
    key = f"sso:saml:assertion:v1:{provider.pk}:{digest}"
    timeout = int(expires_at - time.time()) + ACCEPTED_CLOCK_SKEW_SECONDS
    timeout = min(max(timeout, ACCEPTED_CLOCK_SKEW_SECONDS), _LONGEST_REPLAY_WINDOW_SECONDS)
    try:
        is_first_use = cache.add(key, 1, timeout)
    except redis.RedisError as error:
        # Without the record of used assertions a replay could not be told: refuse (fail closed).
        logger.warning("SAML replay cache unavailable", exc_info=True)
        raise SamlRefused("unavailable", str(error)) from error
    if not is_first_use:
        raise SamlRefused("replayed", f"assertion {assertion_id}")


def _text(element: Any) -> str:
    return str(getattr(element, "text", "") or "").strip()


def _first(attributes: dict[str, list[Any]], names: tuple[str, ...]) -> str:
    for name in names:
        values = attributes.get(name) or []
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return ""


def _full_name(attributes: dict[str, list[Any]]) -> str:
    name = _first(attributes, _NAME_ATTRIBUTES)
    if name:
        return name
    parts = (_first(attributes, _GIVEN_NAME_ATTRIBUTES), _first(attributes, _SURNAME_ATTRIBUTES))
    return " ".join(part for part in parts if part)
