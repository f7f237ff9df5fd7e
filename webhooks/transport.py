"""One HTTP POST to a checked address: bounded time, no redirects, no proxy, a short answer.

urllib3 connects to the address `addresses.resolve_target` checked (not the name, which could
resolve elsewhere by now) while presenting the host name for TLS (SNI and certificate
verification) and in the Host header.
"""

import time
from dataclasses import dataclass

import urllib3
from urllib3.exceptions import HTTPError

from webhooks.addresses import Target

__all__ = ["Answer", "post"]

SNIPPET_BYTES = 500
USER_AGENT = "ICIM-Academy-Webhooks/1.0"


@dataclass(frozen=True)
class Answer:
    """How an attempt went: the status (None when no answer came), its duration, and the start of
    the body or the error."""

    status: int | None
    milliseconds: int
    snippet: str

    @property
    def is_success(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _pool(target: Target, timeout: float) -> urllib3.HTTPConnectionPool:
    # The whole attempt (connect and every read) must fit in `timeout`.
    limit = urllib3.Timeout(total=timeout, connect=timeout, read=timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=limit,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            server_hostname=target.hostname,
            assert_hostname=target.hostname,
        )
    return urllib3.HTTPConnectionPool(
        target.address, target.port, timeout=limit, retries=False, maxsize=1
    )


def post(*, target: Target, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST `body` to `target`; never raises for network trouble (it is in the answer)."""
    started = time.monotonic()
    pool = _pool(target, timeout)
    all_headers = {
        **headers,
        "Host": target.host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers=all_headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            start = response.read(SNIPPET_BYTES, decode_content=False)
        finally:
            response.release_conn()
        status: int | None = response.status
        snippet = start.decode("utf-8", errors="replace")
    except (HTTPError, OSError) as error:
        status = None
        snippet = f"{type(error).__name__}: {error}"
    finally:
        pool.close()
    milliseconds = int((time.monotonic() - started) * 1000)
    return Answer(status=status, milliseconds=milliseconds, snippet=snippet[:SNIPPET_BYTES])
