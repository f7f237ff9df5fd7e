"""A test LMS for the LTI tool, served for real on loopback (http.server in a thread): OIDC
authorization endpoint, JWKS, OAuth2 token endpoint, AGS line item scores, NRPS memberships,
and Dynamic Registration (OpenID configuration and registration endpoint).
It signs id_tokens with PyJWT and its own RSA keys (jwcrypto), as Moodle or Canvas would."""

import html
import json
import re
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from jwcrypto.jwk import JWK

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
# The name of the LMS page's frame that keeps tools' data (LTI platform storage).
STORAGE_FRAME = "icim_lms_storage"


def new_key() -> JWK:
    key = JWK.generate(kty="RSA", size=2048)
    key["kid"] = key.thumbprint()  # type: ignore[index]  (jwcrypto's item assignment)
    return key


@dataclass
class Platform:
    """The LMS: its issuer is its own base URL; what it answers is set by the test."""

    client_id: str = "icim-tool"
    deployment_id: str = "dep-1"
    context_id: str = "course-101"
    keys: list[JWK] = field(default_factory=lambda: [new_key()])
    signing_key: JWK | None = None
    jwks_up: bool = True
    jwks_requests: int = 0
    token_refused: bool = False
    score_status: int = 200
    tool_public_keys: list[dict[str, Any]] = field(default_factory=list)
    # Where to read the tool's keys when none are given (the browser journey's tool).
    tool_jwks_url: str = ""
    scores: list[dict[str, Any]] = field(default_factory=list)
    # The line item each score of `scores` was posted to.
    scored_lineitems: list[str] = field(default_factory=list)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    deep_link_responses: list[str] = field(default_factory=list)
    # Dynamic Registration: the token the registration endpoint wants, the issuer its OpenID
    # configuration names ("" for its own), the status it answers with, what it was sent.
    registration_token: str = "reg-token-1"
    configuration_issuer: str = ""
    registration_status: int = 201
    registration_requests: list[dict[str, Any]] = field(default_factory=list)
    registration_authorizations: list[str] = field(default_factory=list)
    # Claims the next authorization adds or overrides (None removes a claim).
    next_claims: dict[str, Any] = field(default_factory=dict)
    base_url: str = ""

    @property
    def issuer(self) -> str:
        return self.base_url

    @property
    def lineitem_url(self) -> str:
        return f"{self.base_url}/lineitems/1"

    def jwks(self) -> dict[str, Any]:
        return {
            "keys": [
                {**json.loads(key.export_public()), "alg": "RS256", "use": "sig"}
                for key in self.keys
            ]
        }

    def id_token(
        self, *, nonce: str, claims: dict[str, Any] | None = None, key: JWK | None = None
    ) -> str:
        """An id_token of a resource link launch by learner `sub-1`, with `claims` on top."""
        now = int(time.time())
        body: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": "sub-1",
            "exp": now + 300,
            "iat": now,
            "nonce": nonce,
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            CLAIM + "message_type": "LtiResourceLinkRequest",
            CLAIM + "version": "1.3.0",
            CLAIM + "deployment_id": self.deployment_id,
            CLAIM + "target_link_uri": "http://testserver/lti/launch/",
            CLAIM + "resource_link": {"id": "link-1", "title": "PLC basics"},
            CLAIM + "roles": [LEARNER],
            CLAIM + "context": {"id": self.context_id, "title": "Automation 101"},
            CLAIM + "custom": {"icim_course": "plc-basics"},
            AGS_CLAIM: {"scope": [SCORE_SCOPE], "lineitem": self.lineitem_url},
            NRPS_CLAIM: {
                "context_memberships_url": f"{self.base_url}/memberships",
                "service_versions": ["2.0"],
            },
        }
        body.update(self.next_claims if claims is None else {**self.next_claims, **claims})
        body = {name: value for name, value in body.items() if value is not None}
        signer = key or self.signing_key or self.keys[0]
        return jwt.encode(
            body,
            signer.export_to_pem(private_key=True, password=None),
            algorithm="RS256",
            headers={"kid": signer["kid"]},  # type: ignore[index]
        )

    def openid_configuration(self) -> dict[str, Any]:
        """What the platform publishes for Dynamic Registration (OpenID Connect Discovery)."""
        return {
            "issuer": self.configuration_issuer or self.issuer,
            "authorization_endpoint": f"{self.base_url}/auth",
            "token_endpoint": f"{self.base_url}/token",
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "jwks_uri": f"{self.base_url}/jwks",
            "registration_endpoint": f"{self.base_url}/register",
            "scopes_supported": ["openid", SCORE_SCOPE, NRPS_SCOPE],
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "claims_supported": ["iss", "sub", "name", "email"],
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "icim-test-lms",
                "version": "1.0",
                "messages_supported": [
                    {"type": "LtiResourceLinkRequest"},
                    {"type": "LtiDeepLinkingRequest"},
                ],
            },
        }

    def register(self, body: dict[str, Any], authorization: str) -> tuple[int, dict[str, Any]]:
        """The registration endpoint: a new client (this platform's client id from now on) with
        a deployment, for the bearer of the registration token."""
        self.registration_requests.append(body)
        self.registration_authorizations.append(authorization)
        if authorization != f"Bearer {self.registration_token}":
            return 401, {"error": "invalid_token"}
        if self.registration_status >= 300:
            return self.registration_status, {"error": "invalid_client_metadata"}
        self.client_id, self.deployment_id = f"dyn-{uuid.uuid4().hex[:8]}", "dep-dyn"
        tool_configuration = body.get("https://purl.imsglobal.org/spec/lti-tool-configuration", {})
        return self.registration_status, {
            **body,
            "client_id": self.client_id,
            "https://purl.imsglobal.org/spec/lti-tool-configuration": {
                **tool_configuration,
                "deployment_id": self.deployment_id,
            },
        }

    def authorize(self, query: dict[str, str]) -> str:
        """The authorization endpoint's answer: a form posting the id_token to redirect_uri."""
        token = self.id_token(nonce=query["nonce"])
        return (
            "<!doctype html><html><body>"
            f'<form id="launch" method="post" action="{html.escape(query["redirect_uri"])}">'
            f'<input type="hidden" name="id_token" value="{token}">'
            f'<input type="hidden" name="state" value="{html.escape(query["state"])}">'
            '<button type="submit">Launch</button></form>'
            "<script>document.getElementById('launch').submit()</script></body></html>"
        )


def storage_page(tool_origins: list[str]) -> str:
    """The LMS's storage frame (LTI Client Side postMessages, postMessage Storage): answers
    `lti.put_data` and `lti.get_data` from the tools' origins only, keeping each origin's data
    apart in this browser's session storage, and lists the messages it answered on the LMS
    page (`#storage-log`), for the browser test to see."""
    script = (
        "const TOOLS = " + json.dumps(tool_origins) + ";\n"
        "window.addEventListener('message', (event) => {\n"
        "  const data = event.data;\n"
        "  if (!TOOLS.includes(event.origin) || !data || typeof data !== 'object') return;\n"
        "  if (data.subject !== 'lti.put_data' && data.subject !== 'lti.get_data') return;\n"
        "  const reply = {subject: data.subject + '.response', message_id: data.message_id,"
        " key: data.key};\n"
        "  const slot = 'lti ' + event.origin + ' ' + data.key;\n"
        "  if (typeof data.key !== 'string' || !data.key) {\n"
        "    reply.error = {code: 'bad_request', message: 'No key'};\n"
        "  } else if (data.subject === 'lti.put_data') {\n"
        "    sessionStorage.setItem(slot, String(data.value));\n"
        "    reply.value = String(data.value);\n"
        "  } else if (sessionStorage.getItem(slot) === null) {\n"
        "    reply.error = {code: 'bad_request', message: 'Nothing stored under this key'};\n"
        "  } else {\n"
        "    reply.value = sessionStorage.getItem(slot);\n"
        "  }\n"
        "  const log = window.parent.document.getElementById('storage-log');\n"
        "  if (log) {\n"
        "    const item = window.parent.document.createElement('li');\n"
        "    item.textContent = data.subject + (reply.error ? ' refused' : ' answered');\n"
        "    log.append(item);\n"
        "  }\n"
        "  event.source.postMessage(reply, event.origin);\n"
        "});\n"
    )
    return (
        "<!doctype html><html><head><title>LMS storage</title></head><body>"
        f"<script>{script}</script></body></html>"
    )


def form_fields(page: str) -> dict[str, str]:
    """The hidden fields of an auto-posting form."""
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page))


class _Handler(BaseHTTPRequestHandler):
    platform: Platform

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _send(self, status: int, body: Any, content_type: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorized(self) -> bool:
        return self.headers.get("Authorization", "").startswith("Bearer token-")

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        if parts.path == "/jwks":
            self.platform.jwks_requests += 1
            if not self.platform.jwks_up:
                return self._send(503, {"error": "down"})
            return self._send(200, self.platform.jwks())
        if parts.path == "/.well-known/openid-configuration":
            return self._send(200, self.platform.openid_configuration())
        if parts.path == "/auth":
            return self._send(200, self.platform.authorize(query), "text/html; charset=utf-8")
        if parts.path == "/memberships" and self._authorized():
            return self._send(
                200,
                {
                    "id": "members",
                    "context": {"id": self.platform.context_id},
                    "members": self.platform.members,
                },
                "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
            )
        return self._send(404 if parts.path != "/memberships" else 401, {"error": "no"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length).decode()
        path = urlsplit(self.path).path
        if path == "/token":
            form = {name: values[0] for name, values in parse_qs(raw).items()}
            self.platform.token_requests.append(form)
            if self.platform.token_refused or not self._assertion_is_valid(form):
                return self._send(401, {"error": "invalid_client"})
            return self._send(
                200,
                {
                    "access_token": f"token-{uuid.uuid4()}",
                    "token_type": "Bearer",
                    "expires_in": 3600,
                },
            )
        if re.fullmatch(r"/lineitems/\d+/scores", path):
            if not self._authorized():
                return self._send(401, {"error": "no"})
            if self.platform.score_status != 200:
                return self._send(self.platform.score_status, {"error": "broken"})
            self.platform.scores.append(json.loads(raw))
            self.platform.scored_lineitems.append(self.platform.base_url + path[: -len("/scores")])
            return self._send(200, {})
        if path == "/register":
            status, answer = self.platform.register(
                json.loads(raw), self.headers.get("Authorization", "")
            )
            return self._send(status, answer)
        if path == "/deep-link-return":
            form = {name: values[0] for name, values in parse_qs(raw).items()}
            self.platform.deep_link_responses.append(form.get("JWT", ""))
            return self._send(200, "<p id='returned'>Content added</p>", "text/html")
        return self._send(404, {"error": "no"})

    def _assertion_is_valid(self, form: dict[str, str]) -> bool:
        """The tool's client assertion, signed by a key its JWKS publishes (RFC 7523)."""
        assertion = form.get("client_assertion", "")
        try:
            kid = jwt.get_unverified_header(assertion).get("kid")
            keys = self.platform.tool_public_keys or self._fetch_tool_keys()
            key = next(k for k in keys if k.get("kid") == kid)
            jwt.decode(
                assertion,
                jwt.PyJWK(key).key,
                algorithms=["RS256"],
                audience=f"{self.platform.base_url}/token",
            )
        except (StopIteration, jwt.InvalidTokenError):
            return False
        return form.get("grant_type") == "client_credentials"

    def _fetch_tool_keys(self) -> list[dict[str, Any]]:
        if not self.platform.tool_jwks_url:
            return []
        with urllib.request.urlopen(self.platform.tool_jwks_url, timeout=5) as answer:  # noqa: S310
            return list(json.loads(answer.read())["keys"])


def serve(platform: Platform) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Serve `platform` on a free loopback port; sets its base_url."""
    handler = type("Handler", (_Handler,), {"platform": platform})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    platform.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
