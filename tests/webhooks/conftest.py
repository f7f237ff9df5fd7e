"""Webhook fixtures: a real receiver on loopback, the published course and its institution."""

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pytest_django.fixtures import Settings as SettingsWrapper

from tests.enrollment.conftest import (
    _fresh_outline_cache,
    course,
    framework,
    institution,
    publish,
    staff,
)

__all__ = ["_fresh_outline_cache", "course", "framework", "institution", "publish", "staff"]

HANG = "hang"


@dataclass
class Request:
    """One request the receiver got: its path, headers (lower-case names) and body bytes."""

    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 in a thread, answering each POST with the next planned
    answer (a status, or HANG: no answer for `hang_seconds`); 200 when none is planned."""

    url: str = ""
    requests: list[Request] = field(default_factory=list)
    answers: deque[int | str] = field(default_factory=deque)
    hang_seconds: float = 3.0

    def plan(self, *answers: int | str) -> None:
        self.answers.extend(answers)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {name.lower(): value for name, value in self.headers.items()}
            receiver.requests.append(Request(self.path, headers, body))
            answer = receiver.answers.popleft() if receiver.answers else 200
            if answer == HANG:
                time.sleep(receiver.hang_seconds)
                answer = 200
            status = int(answer)
            text = b"receiver says no" if status >= 300 else b"ok"
            try:
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender gave up waiting (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet test output

    return Handler


@pytest.fixture
def loopback_allowed(settings: SettingsWrapper) -> None:
    """The development allowance: plain http to a receiver on loopback."""
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_ALLOW_LOOPBACK = True


@pytest.fixture
def receiver(loopback_allowed: None) -> Iterator[Receiver]:
    state = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    server.block_on_close = False
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/icim"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def resolve_as(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, str]], None]:
    """Make host names resolve to the given addresses (DNS is the outside world); names not
    given resolve as usual."""
    import socket

    real = socket.getaddrinfo

    def install(names: dict[str, str]) -> None:
        def fake(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
            if host in names:
                address = names[host]
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                return [(family, socket.SOCK_STREAM, 6, "", (address, port))]
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr("webhooks.addresses.socket.getaddrinfo", fake)

    return install
