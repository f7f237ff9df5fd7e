"""An identity provider's metadata as an administrator uploads it: checked and summarised."""

import base64
import binascii
import datetime
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BINDING_HTTP_REDIRECT",
    "METADATA_LARGEST_CHARACTERS",
    "IdpMetadataSummary",
    "validate_idp_metadata",
]

_MD = "{urn:oasis:names:tc:SAML:2.0:metadata}"
_DS = "{http://www.w3.org/2000/09/xmldsig#}"
BINDING_HTTP_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
# A single IdP's metadata is a few kilobytes; a federation's aggregate is not what we take.
METADATA_LARGEST_CHARACTERS = 200_000

METADATA_NOT_XML = _("The metadata is not well-formed XML.")
METADATA_TOO_LARGE = _("The metadata is too large: upload the metadata of one identity provider.")
METADATA_NOT_ONE_IDP = _(
    "The metadata must describe exactly one SAML 2.0 identity provider (one EntityDescriptor "
    "with an IDPSSODescriptor)."
)
METADATA_NO_ENTITY_ID = _("The identity provider's metadata has no entityID.")
METADATA_NO_REDIRECT_SSO = _(
    "The identity provider's metadata has no SingleSignOnService with the HTTP-Redirect binding."
)
METADATA_NO_SIGNING_CERTIFICATE = _(
    "The identity provider's metadata has no signing certificate (a KeyDescriptor with an "
    "X509Certificate), so its responses could not be checked."
)
METADATA_BAD_CERTIFICATE = _("A certificate in the identity provider's metadata cannot be read.")


@dataclass(frozen=True)
class IdpMetadataSummary:
    """What the platform takes from an IdP's metadata: its entity ID (stored in
    `saml_idp_entity_id`), where to send people to sign in, and the certificates its signatures
    are checked with (SHA-256 fingerprints and expiry, for the administrator to compare)."""

    entity_id: str
    single_sign_on_url: str
    signing_certificate_fingerprints: tuple[str, ...]
    signing_certificates_expire_at: tuple[datetime.datetime, ...]


def validate_idp_metadata(xml: str) -> IdpMetadataSummary:
    """Check an uploaded SAML 2.0 IdP metadata document and summarise it. Parsed with defusedxml
    (no entities, no external references). Pure: no database.

    Raises ValidationError (one of the METADATA_* messages) for anything the sign-in could not
    use: not XML, not exactly one identity provider, no entity ID, no HTTP-Redirect sign-on
    URL, no signing certificate or one that cannot be read.
    """
    if len(xml) > METADATA_LARGEST_CHARACTERS:
        raise ValidationError(METADATA_TOO_LARGE, code="metadata_too_large")
    try:
        root = fromstring(xml.strip().encode())
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise ValidationError(METADATA_NOT_XML, code="metadata_not_xml") from error
    entities = _identity_provider_entities(root)
    if len(entities) != 1:
        raise ValidationError(METADATA_NOT_ONE_IDP, code="metadata_not_one_idp")
    entity, descriptor = entities[0]
    entity_id = (entity.get("entityID") or "").strip()
    if not entity_id:
        raise ValidationError(METADATA_NO_ENTITY_ID, code="metadata_no_entity_id")
    sign_on_urls = [
        (service.get("Location") or "").strip()
        for service in descriptor.findall(f"{_MD}SingleSignOnService")
        if service.get("Binding") == BINDING_HTTP_REDIRECT
    ]
    sign_on_urls = [url for url in sign_on_urls if url.startswith(("https://", "http://"))]
    if not sign_on_urls:
        raise ValidationError(METADATA_NO_REDIRECT_SSO, code="metadata_no_redirect_sso")
    certificates = [_certificate(text) for text in _signing_certificate_texts(descriptor)]
    if not certificates:
        raise ValidationError(
            METADATA_NO_SIGNING_CERTIFICATE, code="metadata_no_signing_certificate"
        )
    return IdpMetadataSummary(
        entity_id=entity_id,
        single_sign_on_url=sign_on_urls[0],
        signing_certificate_fingerprints=tuple(
            certificate.fingerprint(hashes.SHA256()).hex(":").upper()
            for certificate in certificates
        ),
        signing_certificates_expire_at=tuple(
            certificate.not_valid_after_utc for certificate in certificates
        ),
    )


def _identity_provider_entities(root: Element) -> list[tuple[Element, Element]]:
    if root.tag == f"{_MD}EntityDescriptor":
        candidates = [root]
    elif root.tag == f"{_MD}EntitiesDescriptor":
        candidates = list(root.iter(f"{_MD}EntityDescriptor"))
    else:
        candidates = []
    found = []
    for entity in candidates:
        for descriptor in entity.findall(f"{_MD}IDPSSODescriptor"):
            if "urn:oasis:names:tc:SAML:2.0:protocol" in (
                descriptor.get("protocolSupportEnumeration") or ""
            ):
                found.append((entity, descriptor))
    return found


def _signing_certificate_texts(descriptor: Element) -> list[str]:
    # A KeyDescriptor without `use` serves signing and encryption alike (SAML metadata 2.4.1.1).
    return [
        "".join(certificate.text or "").strip()
        for key in descriptor.findall(f"{_MD}KeyDescriptor")
        if key.get("use") in (None, "signing")
        for certificate in key.iter(f"{_DS}X509Certificate")
        if (certificate.text or "").strip()
    ]


def _certificate(text: str) -> x509.Certificate:
    try:
        der = base64.b64decode("".join(text.split()), validate=True)
        return x509.load_der_x509_certificate(der)
    except (binascii.Error, ValueError) as error:
        raise ValidationError(METADATA_BAD_CERTIFICATE, code="metadata_bad_certificate") from error
