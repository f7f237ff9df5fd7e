"""validate_idp_metadata: what an uploaded IdP metadata document must hold; the SP metadata."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from sso.models import IdentityProvider
from sso.saml.metadata import validate_idp_metadata
from tests.sso.saml.idp import SamlTestIdp

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"


def _certificate_body(path: Path) -> str:
    return "".join(
        line for line in path.read_text().strip().splitlines() if not line.startswith("-----")
    )


def _metadata(
    certificate: str,
    *,
    use: str | None = "signing",
    entity_id: str = "https://idp.example.test/metadata",
    binding: str = REDIRECT,
) -> str:
    use_attribute = f' use="{use}"' if use else ""
    return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="{MD}" xmlns:ds="{DS}" entityID="{entity_id}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor{use_attribute}><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{certificate}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="{binding}" Location="https://idp.example.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


def test_the_test_idps_metadata_is_summarised(idp: SamlTestIdp) -> None:
    certificate = _certificate_body(idp.keys.cert_file)
    fingerprint = hashlib.sha256(base64.b64decode(certificate)).hexdigest().upper()

    summary = validate_idp_metadata(idp.metadata())

    assert summary.entity_id == "https://idp.example.test/metadata"
    assert summary.single_sign_on_url == "https://idp.example.test/sso/redirect"
    assert summary.signing_certificate_fingerprints == (":".join(re.findall("..", fingerprint)),)
    assert len(summary.signing_certificates_expire_at) == 1


def test_a_key_descriptor_without_use_signs_and_an_aggregate_of_one_idp_is_taken(
    idp: SamlTestIdp,
) -> None:
    single = _metadata(_certificate_body(idp.keys.cert_file), use=None)
    body = single.split("?>", 1)[1].replace(f' xmlns:md="{MD}" xmlns:ds="{DS}"', "")
    aggregate = (
        f'<md:EntitiesDescriptor xmlns:md="{MD}" xmlns:ds="{DS}">{body}</md:EntitiesDescriptor>'
    )

    assert validate_idp_metadata(aggregate).entity_id == "https://idp.example.test/metadata"


@pytest.mark.parametrize(
    ("build", "code", "message"),
    [
        (
            lambda cert: _metadata(cert, use="encryption"),
            "metadata_no_signing_certificate",
            "has no signing certificate",
        ),
        (
            lambda cert: _metadata("bm90IGEgY2VydGlmaWNhdGU="),
            "metadata_bad_certificate",
            "cannot be read",
        ),
        (lambda cert: _metadata(cert, entity_id=""), "metadata_no_entity_id", "has no entityID"),
        (
            lambda cert: _metadata(cert, binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"),
            "metadata_no_redirect_sso",
            "HTTP-Redirect",
        ),
        (lambda cert: "<not-xml", "metadata_not_xml", "not well-formed XML"),
        (
            lambda cert: f'<md:EntityDescriptor xmlns:md="{MD}" entityID="x"/>',
            "metadata_not_one_idp",
            "exactly one SAML 2.0 identity provider",
        ),
        (
            lambda cert: (
                '<!DOCTYPE d [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                f'<md:EntityDescriptor xmlns:md="{MD}" entityID="&b;"/>'
            ),
            "metadata_not_xml",
            "not well-formed XML",
        ),
        (lambda cert: "<x>" + "a" * 200_001 + "</x>", "metadata_too_large", "too large"),
    ],
    ids=[
        "encryption-only",
        "bad-certificate",
        "no-entity-id",
        "no-redirect-sso",
        "not-xml",
        "no-idp",
        "entities",
        "too-large",
    ],
)
def test_unusable_metadata_is_refused_with_a_clear_message(
    idp: SamlTestIdp, build: object, code: str, message: str
) -> None:
    xml = build(_certificate_body(idp.keys.cert_file))  # type: ignore[operator]

    with pytest.raises(ValidationError) as refused:
        validate_idp_metadata(xml)

    assert refused.value.code == code
    assert message in refused.value.messages[0]


def test_two_idps_in_one_document_are_refused(idp: SamlTestIdp) -> None:
    certificate = _certificate_body(idp.keys.cert_file)
    bodies = [
        _metadata(certificate, entity_id=entity)
        .split("?>", 1)[1]
        .replace(f' xmlns:md="{MD}" xmlns:ds="{DS}"', "")
        for entity in ("https://a.example/idp", "https://b.example/idp")
    ]
    aggregate = (
        f'<md:EntitiesDescriptor xmlns:md="{MD}" xmlns:ds="{DS}">'
        f"{''.join(bodies)}</md:EntitiesDescriptor>"
    )

    with pytest.raises(ValidationError) as refused:
        validate_idp_metadata(aggregate)

    assert refused.value.code == "metadata_not_one_idp"


@pytest.mark.django_db
def test_the_sp_metadata_names_our_entity_id_acs_and_signing_certificate(
    client: Client, provider: IdentityProvider, settings: object
) -> None:
    answer = client.get("/sso/rhine-saml/saml/metadata/")

    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/samlmetadata+xml"
    body = answer.content.decode()
    assert 'entityID="http://127.0.0.1:8000/sso/rhine-saml/saml/metadata/"' in body
    assert 'Location="http://127.0.0.1:8000/sso/rhine-saml/saml/acs/"' in body
    assert 'AuthnRequestsSigned="true"' in body
    certificate = _certificate_body(Path(settings.SAML_SP_CERT_FILE))  # type: ignore[attr-defined]
    assert certificate in body.replace("\n", "")
    assert "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" in body
