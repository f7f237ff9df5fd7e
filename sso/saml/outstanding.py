"""The sign-ins this browser started and has not finished, kept in a signed cookie of its own.

The IdP answers with a cross-site POST, on which browsers do not send the session cookie
(SameSite=Lax), so the outstanding request IDs cannot live in the session: a cookie of their
own, SameSite=None (and Secure) over HTTPS, binds each answer to the browser that asked for it.
It is signed with SECRET_KEY (readable, not forgeable) and holds no secret.
"""

import time
from dataclasses import asdict, dataclass

from django.core import signing
from django.http import HttpRequest, HttpResponse

__all__ = [
    "COOKIE_NAME",
    "LIFETIME_SECONDS",
    "OutstandingRequest",
    "forget_request",
    "read_outstanding",
    "remember_request",
]

COOKIE_NAME = "icim_saml_requests"
# A person has this long to sign in at their IdP.
LIFETIME_SECONDS = 15 * 60
# Enough for a few tabs; the oldest make way.
_KEPT = 5
_SALT = "sso.saml.outstanding"


@dataclass(frozen=True)
class OutstandingRequest:
    """One AuthnRequest this browser sent: where to go afterwards, and who was signed in when
    it started (so that the answer links the identity to that account; 0 when nobody)."""

    request_id: str
    provider_slug: str
    next_path: str
    user_id: int
    user_session_hash: str
    issued_at: int


def read_outstanding(request: HttpRequest) -> list[OutstandingRequest]:
    """The unexpired requests in the cookie; none when it is missing, expired or forged."""
    value = request.COOKIES.get(COOKIE_NAME, "")
    if not value:
        return []
    try:
        rows = signing.loads(value, salt=_SALT, max_age=LIFETIME_SECONDS)
    except signing.BadSignature:
        return []
    oldest = int(time.time()) - LIFETIME_SECONDS
    try:
        found = [OutstandingRequest(**row) for row in rows]
    except TypeError:  # an older shape of the cookie
        return []
    return [entry for entry in found if entry.issued_at >= oldest]


def remember_request(
    response: HttpResponse, request: HttpRequest, outstanding: OutstandingRequest
) -> None:
    """Add `outstanding` to the cookie set on `response`."""
    kept = read_outstanding(request)[-(_KEPT - 1) :]
    _write(response, request, [*kept, outstanding])


def forget_request(response: HttpResponse, request: HttpRequest, request_id: str) -> None:
    """Remove one request from the cookie (it was answered, or refused)."""
    kept = [entry for entry in read_outstanding(request) if entry.request_id != request_id]
    _write(response, request, kept)


def _write(response: HttpResponse, request: HttpRequest, entries: list[OutstandingRequest]) -> None:
    if not entries:
        response.delete_cookie(COOKIE_NAME, path="/sso/")
        return
    value = signing.dumps([asdict(entry) for entry in entries], salt=_SALT, compress=True)
    secure = request.is_secure()
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=LIFETIME_SECONDS,
        path="/sso/",
        secure=secure,
        httponly=True,
        # Over plain HTTP (development) browsers refuse SameSite=None; the IdP is then on the
        # same site (loopback) anyway.
        samesite="None" if secure else "Lax",
    )
