"""A SAML 2.0 identity provider for tests, on pysaml2's IdP side (`saml2.server.Server`): its own
key and certificate, its metadata, and signed answers to AuthnRequests, correct or tampered
(another audience, expired, another signing key, a changed value after signing, no request)."""

import base64
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from saml2 import BINDING_HTTP_REDIRECT, class_name, saml, samlp
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NameID
from saml2.server import Server
from saml2.sigver import pre_signature_part

from sso.saml.keys import ServiceProviderKeys, write_key_pair

XMLSEC = "/usr/bin/xmlsec1"


@dataclass(frozen=True)
class IdpUser:
    """A person at the IdP: the persistent NameID and the attributes it releases."""

    name_id: str
    email: str
    display_name: str
    roles: tuple[str, ...] = ()
    roles_attribute: str = "icim_roles"

    def attributes(self) -> dict[str, list[str]]:
        released: dict[str, list[str]] = {"mail": [self.email], "displayName": [self.display_name]}
        if self.roles:
            released[self.roles_attribute] = list(self.roles)
        return released


@dataclass(frozen=True)
class AuthnRequestSeen:
    """What the IdP read from the SP's AuthnRequest."""

    request_id: str
    issuer: str
    assertion_consumer_url: str
    relay_state: str
    name_id_format: str


@dataclass
class SamlTestIdp:
    """`base_url` is where the IdP pretends to live (its entity ID and sign-on URL)."""

    directory: Path
    base_url: str = "https://idp.example.test"
    _server: Server | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.keys = _keys(self.directory / "idp", "Test IdP")
        self.other_keys = _keys(self.directory / "other", "Someone else")

    @property
    def entity_id(self) -> str:
        return f"{self.base_url}/metadata"

    @property
    def sign_on_url(self) -> str:
        return f"{self.base_url}/sso/redirect"

    def _configuration(self, sp_metadata: list[str]) -> IdPConfig:
        configuration = IdPConfig()
        configuration.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": XMLSEC,
                "key_file": str(self.keys.key_file),
                "cert_file": str(self.keys.cert_file),
                "metadata": {"inline": sp_metadata} if sp_metadata else {},
                "service": {
                    "idp": {
                        "name": "Test IdP",
                        "endpoints": {
                            "single_sign_on_service": [(self.sign_on_url, BINDING_HTTP_REDIRECT)]
                        },
                        "name_id_format": [saml.NAMEID_FORMAT_PERSISTENT],
                        "want_authn_requests_signed": True,
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 5},
                                "attribute_restrictions": None,
                                "name_form": saml.NAME_FORMAT_BASIC,
                            }
                        },
                    }
                },
            }
        )
        return configuration

    def metadata(self) -> str:
        """The IdP's metadata XML (entity ID, HTTP-Redirect sign-on URL, signing certificate)."""
        return str(entity_descriptor(self._configuration([])))

    def trust(self, sp_metadata: str) -> None:
        """Know the service provider (its ACS URL and request-signing certificate)."""
        self._server = Server(config=self._configuration([sp_metadata]))

    @property
    def server(self) -> Server:
        assert self._server is not None, "call trust(sp_metadata) first"
        return self._server

    def read_request(self, redirect_url: str) -> AuthnRequestSeen:
        """Parse (and check the signature of) the AuthnRequest in the SP's redirect URL."""
        parts = urlsplit(redirect_url)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == self.sign_on_url
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        parsed = self.server.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        message = parsed.message
        policy = message.name_id_policy
        return AuthnRequestSeen(
            request_id=message.id,
            issuer=message.issuer.text,
            assertion_consumer_url=message.assertion_consumer_service_url,
            relay_state=query.get("RelayState", ""),
            name_id_format=policy.format if policy is not None else "",
        )

    def respond(
        self,
        request: AuthnRequestSeen | None,
        user: IdpUser,
        *,
        sp_entity_id: str = "",
        destination: str = "",
        audience: str | None = None,
        lifetime: datetime.timedelta = datetime.timedelta(minutes=5),
        issued_at: datetime.datetime | None = None,
        sign_response: bool = True,
        sign_assertion: bool = True,
        signed_by_other_key: bool = False,
        name_id_format: str = saml.NAMEID_FORMAT_PERSISTENT,
        after_signing: Any = None,
    ) -> str:
        """A base64 SAMLResponse (HTTP-POST binding) for `user`, answering `request` (None:
        unsolicited). The knobs make the tampered answers: `audience` another Audience,
        `lifetime` negative an expired one, `signed_by_other_key` a signature the metadata does
        not vouch for, `after_signing(xml) -> xml` a change after signing."""
        if request is not None:
            sp_entity_id = sp_entity_id or request.issuer
            destination = destination or request.assertion_consumer_url
        now = issued_at or datetime.datetime.now(tz=datetime.UTC)
        xml = self.server.create_authn_response(
            identity=user.attributes(),
            in_response_to=request.request_id if request is not None else None,
            destination=destination,
            sp_entity_id=sp_entity_id,
            name_id=NameID(format=name_id_format, text=user.name_id),
            authn={"class_ref": saml.AUTHN_PASSWORD_PROTECTED},
            sign_response=False,
            sign_assertion=False,
        )
        response = samlp.response_from_string(str(xml))
        assertion = response.assertion[0]
        _set_times(response, assertion, now, lifetime)
        if audience is not None:
            assertion.conditions.audience_restriction[0].audience[0].text = audience
        keys = self.other_keys if signed_by_other_key else self.keys
        certificate = _certificate_body(keys.cert_file)
        if sign_assertion:
            assertion.signature = pre_signature_part(assertion.id, certificate)
        if sign_response:
            response.signature = pre_signature_part(response.id, certificate)
        signed = str(response)
        security = self.server.sec
        if sign_assertion:
            signed = security.sign_statement(
                signed, class_name(assertion), key_file=str(keys.key_file), node_id=assertion.id
            )
        if sign_response:
            signed = security.sign_statement(
                signed, class_name(response), key_file=str(keys.key_file), node_id=response.id
            )
        if isinstance(signed, bytes):
            signed = signed.decode()
        if after_signing is not None:
            signed = after_signing(signed)
        return base64.b64encode(signed.encode()).decode()


def _keys(directory: Path, name: str) -> ServiceProviderKeys:
    keys = ServiceProviderKeys(key_file=directory / "key.pem", cert_file=directory / "cert.pem")
    if not keys.key_file.exists():
        write_key_pair(keys, common_name=name)
    return keys


def _certificate_body(path: Path) -> str:
    lines = path.read_text().strip().splitlines()
    return "".join(line for line in lines if not line.startswith("-----"))


def _stamp(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _set_times(
    response: samlp.Response,
    assertion: saml.Assertion,
    now: datetime.datetime,
    lifetime: datetime.timedelta,
) -> None:
    response.issue_instant = _stamp(now)
    assertion.issue_instant = _stamp(now)
    start = min(now, now + lifetime) - datetime.timedelta(minutes=1)
    end = now + lifetime
    assertion.conditions.not_before = _stamp(start)
    assertion.conditions.not_on_or_after = _stamp(end)
    for confirmation in assertion.subject.subject_confirmation:
        data = confirmation.subject_confirmation_data
        data.not_on_or_after = _stamp(end)
        data.not_before = None
    for statement in assertion.authn_statement:
        statement.authn_instant = _stamp(now)
        statement.session_not_on_or_after = None
