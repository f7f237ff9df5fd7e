"""The test IdP (tests/sso/saml/idp.py) over HTTP with a small sign-in form, for the browser
journey (frontend/e2e/sso-saml.spec.ts). At start it registers itself as the SAML provider
`--slug` of the organisation `--organisation` in the database of DATABASE_URL, reads the SP's
metadata from the running platform, then prints one line and serves:

- GET /sso/redirect?SAMLRequest=...: checks the signed AuthnRequest, shows the sign-in form;
- POST /sso/answer: signs the person in and posts the signed response to the ACS (a form the
  page submits itself). "Sign in with a forged signature" answers signed by another key.

    python -m tests.sso.saml.idp_server --port 9105 --sp http://127.0.0.1:8105 \
        --slug rhine-saml --organisation rhine-valley-tu --directory var/e2e-saml-idp
"""

import argparse
import html
import os
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import django

from tests.sso.saml.idp import AuthnRequestSeen, IdpUser, SamlTestIdp

PEOPLE = {
    "anna": IdpUser(
        name_id="e2e-anna-persistent",
        email="anna.schmidt@rhine-valley.example",
        display_name="Anna Schmidt",
        roles=("author",),
    ),
}


class _Handler(BaseHTTPRequestHandler):
    idp: SamlTestIdp
    pending: dict[str, AuthnRequestSeen]

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(self, status: int, body: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/sso/redirect":
            return self._send(404, "not found")
        request = self.idp.read_request(f"{self.idp.base_url}{self.path}")
        self.pending[request.request_id] = request
        options = "".join(f'<option value="{name}">{name}</option>' for name in PEOPLE)
        return self._send(
            200,
            "<!doctype html><html lang='en'><title>Test IdP</title><h1>Test IdP sign-in</h1>"
            "<form method='post' action='/sso/answer'>"
            f"<input type='hidden' name='request_id' value='{html.escape(request.request_id)}'>"
            f"<label>Username <select name='username'>{options}</select></label> "
            "<label>Password <input type='password' name='password'></label> "
            "<button name='mode' value='honest'>Sign in</button> "
            "<button name='mode' value='forged'>Sign in with a forged signature</button>"
            "</form></html>",
        )

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        request = self.pending.pop(form.get("request_id", ""), None)
        person = PEOPLE.get(form.get("username", ""))
        if request is None or person is None:
            return self._send(400, "unknown request or person")
        answer = self.idp.respond(request, person, signed_by_other_key=form.get("mode") == "forged")
        action = html.escape(request.assertion_consumer_url)
        return self._send(
            200,
            "<!doctype html><html><title>Signing you in</title><body>"
            f"<form method='post' action='{action}'>"
            f"<input type='hidden' name='SAMLResponse' value='{answer}'>"
            f"<input type='hidden' name='RelayState' value='{html.escape(request.relay_state)}'>"
            "<noscript><button>Continue</button></noscript></form>"
            "<script>document.forms[0].submit()</script></body></html>",
        )


def _register(idp: SamlTestIdp, *, slug: str, organisation: str) -> None:
    from accounts.models import Organization
    from sso.models import IdentityProvider

    IdentityProvider.objects.update_or_create(
        slug=slug,
        defaults={
            "organization": Organization.objects.get(slug=organisation),
            "name": "Rhine Valley SAML",
            "protocol": IdentityProvider.Protocol.SAML,
            "saml_idp_entity_id": idp.entity_id,
            "saml_idp_metadata": idp.metadata(),
            "grantable_roles": ["author"],
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--sp", required=True, help="the platform's base URL")
    parser.add_argument("--slug", default="rhine-saml")
    parser.add_argument("--organisation", default="rhine-valley-tu")
    parser.add_argument("--directory", default="var/e2e-saml-idp")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    django.setup()
    idp = SamlTestIdp(Path(arguments.directory), base_url=f"http://127.0.0.1:{arguments.port}")
    _register(idp, slug=arguments.slug, organisation=arguments.organisation)
    metadata_url = f"{arguments.sp}/sso/{arguments.slug}/saml/metadata/"
    with urllib.request.urlopen(metadata_url, timeout=30) as answer:  # noqa: S310  (loopback)
        idp.trust(answer.read().decode())
    _Handler.idp = idp
    _Handler.pending = {}
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), _Handler)
    print(f"test IdP on http://127.0.0.1:{arguments.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
