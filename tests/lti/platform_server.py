"""The test LMS (tests/lti/platform.py) as a process of its own, for the browser journey
(frontend/e2e/lti.spec.ts): `/course` is an LMS course page framing the tool's launch,
`/course?role=instructor&deep=1` a teacher adding content. The course page offers the tool its
storage (LTI Client Side postMessages): it answers `lti.capabilities`, frames `/storage`
(`lti.put_data`, `lti.get_data`) and names that frame in the login (`lti_storage_target`).

    python -m tests.lti.platform_server --port 8171 --host localhost --tool http://127.0.0.1:8170
"""

import argparse
import json
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.lti.platform import (
    CLAIM,
    DL_CLAIM,
    INSTRUCTOR,
    STORAGE_FRAME,
    Platform,
    _Handler,
    storage_page,
)


class _PageHandler(_Handler):
    tool: str = ""
    course: str = ""

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        parts = urlsplit(self.path)
        if parts.path == "/registration":
            return self._send(200, self._registration())
        if parts.path == "/storage":
            page = storage_page([_origin(self.tool)])
            return self._send(200, page, "text/html; charset=utf-8")
        if parts.path != "/course":
            return super().do_GET()
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        deep = query.get("deep") == "1"
        self._prepare(instructor=query.get("role") == "instructor", deep=deep)
        target = f"{self.tool}/lti/{'deep-link' if deep else 'launch'}/"
        login = f"{self.tool}/lti/login/?" + urlencode(
            {
                "iss": self.platform.issuer,
                "login_hint": "hint",
                "target_link_uri": target,
                "client_id": self.platform.client_id,
                "lti_deployment_id": self.platform.deployment_id,
                "lti_storage_target": STORAGE_FRAME,
            }
        )
        # The tool's frame opens once the storage frame listens; the page itself answers
        # lti.capabilities (a tool asks its parent window) for the tool's origin only.
        script = (
            f"const TOOL = {json.dumps(_origin(self.tool))};\n"
            "window.addEventListener('message', (event) => {\n"
            "  const data = event.data;\n"
            "  if (event.origin !== TOOL || !data || data.subject !== 'lti.capabilities') return;\n"
            "  event.source.postMessage({subject: 'lti.capabilities.response',"
            " message_id: data.message_id, supported_messages: ["
            f"{{subject: 'lti.put_data', frame: {json.dumps(STORAGE_FRAME)}}},"
            f"{{subject: 'lti.get_data', frame: {json.dumps(STORAGE_FRAME)}}}]}}, event.origin);\n"
            "});\n"
            "document.querySelector('iframe[name=" + STORAGE_FRAME + "]')"
            ".addEventListener('load', () => {\n"
            f"  document.getElementById('tool').src = {json.dumps(login)};\n"
            "});\n"
        )
        page = (
            "<!doctype html><html><head><title>Moodle-like LMS</title></head><body>"
            "<h1>Automation 101 (LMS)</h1>"
            f'<iframe name="{STORAGE_FRAME}" title="LMS storage" src="/storage" hidden></iframe>'
            f"<script>{script}</script>"
            '<iframe id="tool" title="ICIM Academy" width="900" height="600"></iframe>'
            '<h2>Storage</h2><ol id="storage-log"></ol></body></html>'
        )
        return self._send(200, page, "text/html; charset=utf-8")

    def _prepare(self, *, instructor: bool, deep: bool) -> None:
        claims: dict[str, Any] = {
            CLAIM + "custom": {"icim_course": self.course},
            CLAIM + "target_link_uri": f"{self.tool}/lti/launch/",
        }
        if instructor:
            claims.update(
                {"sub": "teacher-1", "name": "Alan Turing", CLAIM + "roles": [INSTRUCTOR]}
            )
        if deep:
            claims.update(
                {
                    CLAIM + "message_type": "LtiDeepLinkingRequest",
                    CLAIM + "resource_link": None,
                    CLAIM + "custom": None,
                    DL_CLAIM: {
                        "deep_link_return_url": f"{self.platform.base_url}/deep-link-return",
                        "accept_types": ["ltiResourceLink"],
                        "accept_presentation_document_targets": ["iframe", "window"],
                        "data": "e2e",
                    },
                }
            )
        self.platform.next_claims = claims

    def _registration(self) -> dict[str, str]:
        base = self.platform.base_url
        return {
            "issuer": self.platform.issuer,
            "client_id": self.platform.client_id,
            "deployment_id": self.platform.deployment_id,
            "auth_url": f"{base}/auth",
            "token_url": f"{base}/token",
            "jwks_url": f"{base}/jwks",
        }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--tool", required=True)
    parser.add_argument("--course", default="shop-floor-sensors-quick-tour")
    options = parser.parse_args()
    tool = options.tool.rstrip("/")
    platform = Platform(
        base_url=f"http://{options.host}:{options.port}", tool_jwks_url=f"{tool}/lti/jwks/"
    )
    platform.members = [
        {"user_id": "sub-1", "name": "Ada Lovelace", "roles": ["Learner"], "status": "Active"}
    ]
    handler = type(
        "Handler",
        (_PageHandler,),
        {"platform": platform, "tool": tool, "course": options.course},
    )
    server = ThreadingHTTPServer(("127.0.0.1", options.port), handler)
    print(json.dumps({"listening": platform.base_url}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
