"""LTI platform storage (1EdTech LTI Client Side postMessages, postMessage Storage and OIDC Login
with them): an OIDC login bound to the browser that started it, without a cookie.

A platform that offers storage sends `lti_storage_target` (the frame to talk to) in the login
initiation. The login page then stores a secret in that frame of the platform (`lti.put_data`,
kept by the platform for the tool's origin in this browser) before going to the platform's
authorization URL; the launch page reads it back (`lti.get_data`) and posts it to the tool from
the tool's own origin. Only the browser that started the login holds the secret, and only the
tool's own page can post it (the `Origin` header), so an id_token posted into another browser
is refused. Once a platform has completed such a launch, its logins without storage are refused.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils import timezone

from lti.models import LoginState, PlatformRegistration
from lti.refusals import LaunchRefused

__all__ = [
    "PROOF_FIELD",
    "StorageCheck",
    "check_login_binding",
    "forget_storage_offered",
    "new_storage_proof",
    "pending_storage_check",
    "platform_origin",
    "record_storage_offered",
    "refuse_login_without_storage",
    "storage_key",
    "storage_target_from",
]

# The launch form's field that carries the secret read back from the platform's storage.
PROOF_FIELD = "lti_storage_proof"
# `_parent` (the platform's page itself) or the name of one of its frames.
_FRAME_NAME = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


@dataclass(frozen=True)
class StorageCheck:
    """What the launch page needs to read the login's secret back from the platform's frame."""

    storage_target: str
    platform_origin: str
    key: str


def storage_target_from(value: str) -> str:
    """The frame the platform named in `lti_storage_target`, or "" when it named none.

    Raises LaunchRefused("invalid_message") for a value that is not a frame name."""
    if not value:
        return ""
    if not _FRAME_NAME.fullmatch(value):
        raise LaunchRefused("invalid_message", "lti_storage_target is not a frame name")
    return value


def storage_key(state: str) -> str:
    """The key the login's secret is stored under in the platform (per tool origin there)."""
    return f"state_{state}"


def platform_origin(auth_url: str) -> str:
    """The origin of the platform's OIDC authorization URL: the only origin the tool's pages
    post to, and accept answers from (postMessage `targetOrigin` and `event.origin`)."""
    parts = urlsplit(auth_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def new_storage_proof() -> tuple[str, str]:
    """A fresh secret for the platform's storage and its SHA-256 (kept with the login)."""
    secret = secrets.token_urlsafe(32)
    return secret, hashlib.sha256(secret.encode()).hexdigest()


def _requires_storage(registration_id: int) -> bool:
    return PlatformRegistration.objects.filter(
        registration_id=registration_id, storage_offered_at__isnull=False
    ).exists()


def refuse_login_without_storage(*, registration_id: int, storage_target: str) -> None:
    """Raises LaunchRefused("storage_required") when the login names no storage frame but the
    platform has offered storage before (anyone can send a login initiation without it)."""
    if not storage_target and _requires_storage(registration_id):
        raise LaunchRefused("storage_required", "This platform's logins use platform storage")


def _own_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def check_login_binding(*, login: LoginState, request: HttpRequest) -> None:
    """The launch's proof that it runs in the browser that started `login` (already spent).

    A login with storage needs the secret read back from the platform's storage, posted by the
    tool's own page (its `Origin`): a page elsewhere could post a secret its author saw in their
    own login. A login without storage passes unless the platform has offered storage since.
    Raises LaunchRefused("storage_unverified") or LaunchRefused("storage_required")."""
    if not login.storage_target:
        refuse_login_without_storage(registration_id=login.registration_id, storage_target="")
        return
    proof = request.POST.get(PROOF_FIELD, "")
    if request.headers.get("Origin", "") != _own_origin(request):
        raise LaunchRefused("storage_unverified", "The proof was not posted by the tool's page")
    digest = hashlib.sha256(proof.encode()).hexdigest()
    if not proof or not secrets.compare_digest(digest, login.storage_proof_digest):
        raise LaunchRefused("storage_unverified", "The platform's storage lacks this login")


def record_storage_offered(*, registration_id: int) -> None:
    """Remember that this platform completed a launch through its storage: from now on its
    logins without storage are refused. Only the first such launch writes."""
    PlatformRegistration.objects.filter(
        registration_id=registration_id, storage_offered_at__isnull=True
    ).update(storage_offered_at=timezone.now())


def forget_storage_offered(*, registration_id: int) -> bool:
    """Accept this platform's logins without storage again (an administrator's decision, e.g.
    after someone set the flag by hand for a platform that has none). True if it was set."""
    return bool(
        PlatformRegistration.objects.filter(
            registration_id=registration_id, storage_offered_at__isnull=False
        ).update(storage_offered_at=None)
    )


def pending_storage_check(*, request: HttpRequest, login_seconds: int) -> StorageCheck | None:
    """For an id_token POST without the proof whose state is a live, unspent login with
    storage: what the launch page needs to read the secret back (nothing is spent or written).
    None otherwise (the launch is validated as it is)."""
    state = request.POST.get("state", "")
    if not state or PROOF_FIELD in request.POST:
        return None
    login = (
        LoginState.objects.select_related("registration")
        .filter(
            state=state,
            used_at__isnull=True,
            created_at__gte=timezone.now() - timedelta(seconds=login_seconds),
        )
        .exclude(storage_target="")
        .first()
    )
    if login is None:
        return None
    return StorageCheck(
        storage_target=login.storage_target,
        platform_origin=platform_origin(login.registration.auth_url),
        key=storage_key(login.state),
    )
