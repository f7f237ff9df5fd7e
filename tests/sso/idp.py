"""The test OpenID provider (interop/oidc-test-provider.mjs) as a subprocess, and a browser-like
walk through its sign-in form with `requests`."""

import json
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin, urlsplit

import requests

from tests.conftest import ROOT

SCRIPT = ROOT / "interop" / "oidc-test-provider.mjs"
CLIENT_ID = "icim-academy"
CLIENT_SECRET = "test-client-secret-0123456789"
# The Django test client's host: the callbacks the provider accepts.
SLUGS = ("factory-idp", "second-idp")
REDIRECT_URIS = tuple(f"http://testserver/sso/{slug}/oidc/callback/" for slug in SLUGS)
ACCOUNTS = [
    {"sub": "ada-0001", "email": "ada@factory.example", "name": "Ada Lovelace",
     "icim_roles": ["reviewer", "admin"]},
    {"sub": "grace-0002", "email": "grace@factory.example", "name": "Grace Hopper",
     "icim_roles": "author verifier"},
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class TestProvider:
    """A running provider: its issuer, and its run-time misbehaviour switch."""

    __test__ = False
    issuer: str
    process: subprocess.Popen[bytes]

    def tamper(self, mode: str) -> None:
        response = requests.post(
            f"{self.issuer}/__test__/tamper", data=json.dumps({"mode": mode}), timeout=5
        )
        response.raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_provider(redirect_uris: tuple[str, ...] = REDIRECT_URIS) -> TestProvider:
    """Start the provider on a free port and wait (10 s at most) for its discovery document."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed: the OIDC tests need it")
    port = free_port()
    command = [node, str(SCRIPT), "--port", str(port), "--client-id", CLIENT_ID,
               "--client-secret", CLIENT_SECRET, "--accounts", json.dumps(ACCOUNTS)]  # fmt: skip
    for uri in redirect_uris:
        command += ["--redirect-uri", uri]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            errors = process.stderr.read() if process.stderr else b""
            raise RuntimeError(f"the test provider exited: {errors!r}")
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                return TestProvider(issuer=issuer, process=process)
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the test provider did not answer within 10 s")


FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')


def sign_in_at_provider(authorization_url: str, login: str, *, stop_at: str) -> str:
    """Do what a browser does at the provider: follow its redirects, submit the sign-in form as
    `login`, and return the first redirect that leaves for `stop_at` (the platform)."""
    browser = requests.Session()
    url = authorization_url
    for _step in range(10):
        response = browser.get(url, allow_redirects=False, timeout=5)
        if response.status_code in (302, 303):
            url = urljoin(url, response.headers["Location"])
        elif response.status_code == 200 and "<form" in response.text:
            action = urljoin(url, unescape(FORM_ACTION.search(response.text).group(1)))  # type: ignore[union-attr]
            response = browser.post(
                action,
                data={"prompt": "login", "login": login, "password": "any"},
                allow_redirects=False,
                timeout=5,
            )
            url = urljoin(action, response.headers["Location"])
        else:
            raise AssertionError(f"unexpected answer {response.status_code} at {url}")
        if url.startswith(stop_at):
            return url
    raise AssertionError("the provider never redirected back")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
