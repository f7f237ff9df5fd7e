"""pylti1p3 (through django-lti) set up for a launch inside a cross-site iframe: the OIDC state
and nonce live in the database and are each accepted once, never in a cookie; the id_token is
checked by PyJWT against the platform's keys (fetched with a timeout, kept as the last good copy
for rotation and outages) with audience, authorized party, expiry and issue time; only
registered, active deployments are accepted."""

import secrets
import typing as t
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from lti_tool.models import LtiDeployment, LtiRegistration
from lti_tool.utils import DjangoToolConfig
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.contrib.django.request import DjangoRequest
from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.launch_data_storage.base import LaunchDataStorage
from pylti1p3.registration import Registration
from pylti1p3.session import SessionService

from lti import platform_storage
from lti.models import LaunchTicket, LoginState, PlatformKeySet
from lti.refusals import LaunchRefused

__all__ = [
    "HTTP_TIMEOUT_SECONDS",
    "KEYSET_FRESH_SECONDS",
    "LOGIN_SECONDS",
    "LaunchRefused",
    "LoginStart",
    "TimeoutSession",
    "ToolConfig",
    "launch_storage_check",
    "start_login",
    "validate_launch",
]

LOGIN_SECONDS = 300
KEYSET_FRESH_SECONDS = 3600
HTTP_TIMEOUT_SECONDS = 10
# Clock skew allowed between the platform and the tool for exp and iat.
LEEWAY_SECONDS = 60


class TimeoutSession(requests.Session):
    """requests with a timeout on every call (pylti1p3 sets none)."""

    def request(self, method: t.Any, url: t.Any, *args: t.Any, **kwargs: t.Any) -> t.Any:
        kwargs.setdefault("timeout", HTTP_TIMEOUT_SECONDS)
        return super().request(method, url, *args, **kwargs)


class ToolConfig(DjangoToolConfig):
    """django-lti's configuration, except that an unknown or inactive deployment is refused
    (django-lti creates it) and an initiation without client_id finds the issuer's only
    registration."""

    def find_registration_by_params(
        self, iss: str, client_id: str | None, *args: t.Any, **kwargs: t.Any
    ) -> Registration | None:
        if not client_id:
            candidates = list(LtiRegistration.objects.active().filter(issuer=iss)[:2])
            if len(candidates) != 1:
                return None
            client_id = candidates[0].client_id
        return super().find_registration_by_params(iss, client_id, *args, **kwargs)

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: t.Any, **kwargs: t.Any
    ) -> Deployment | None:
        self.deployment = LtiDeployment.objects.filter(
            registration__issuer=iss,
            registration__client_id=client_id,
            registration__is_active=True,
            deployment_id=deployment_id,
            is_active=True,
        ).first()
        if self.deployment is None:
            return None
        return Deployment().set_deployment_id(deployment_id)


class _NoStorage(LaunchDataStorage[t.Any]):
    """pylti1p3 wants somewhere to keep launch data; the tool keeps none between requests
    (the deep-linking form carries what it needs, signed), and never a session cookie."""

    def get_session_cookie_name(self) -> str | None:
        return None

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str) -> t.Any:
        return None

    def set_value(self, key: str, value: t.Any, exp: int | None = None) -> None:
        return None

    def check_value(self, key: str) -> bool:
        return False


class _DatabaseStates(SessionService):
    """State and nonce in `LoginState`: written at login initiation, spent at launch."""

    def __init__(self, request: t.Any) -> None:
        super().__init__(request)
        self.data_storage = _NoStorage()
        self.expected_nonce: str | None = None
        self.login: LoginState | None = None

    def save_nonce(self, nonce: str) -> None:  # the state is saved with it, see _Login
        return None

    def check_nonce(self, nonce: str) -> bool:
        return self.expected_nonce is not None and secrets.compare_digest(
            nonce, self.expected_nonce
        )

    def check_state_is_valid(self, state: str, id_token_hash: str) -> bool:
        """Spend the state: the row locked, so of two launches with it only one gets it."""
        with transaction.atomic():
            login = (
                LoginState.objects.select_for_update()
                .filter(
                    state=state,
                    used_at__isnull=True,
                    created_at__gte=timezone.now() - timedelta(seconds=LOGIN_SECONDS),
                )
                .first()
            )
            if login is None:
                return False
            login.used_at = timezone.now()
            login.save(update_fields=["used_at"])
        self.expected_nonce = login.nonce
        self.login = login
        return True

    def save_launch_data(self, key: str, jwt_body: t.Any) -> None:
        return None

    def set_state_valid(self, state: str, id_token_hash: str) -> None:
        return None


class _Login(DjangoOIDCLogin):
    def __init__(self, request: HttpRequest, tool_config: ToolConfig, storage_target: str) -> None:
        super().__init__(request, tool_config, session_service=_DatabaseStates(request))
        self._nonce = secrets.token_urlsafe(32)
        self.storage_target = storage_target
        self.storage_proof, self._storage_proof_digest = (
            platform_storage.new_storage_proof() if storage_target else ("", "")
        )
        self.state = ""

    def _generate_nonce(self) -> str:
        return self._nonce

    def _get_uuid(self) -> str:
        return secrets.token_urlsafe(24)

    def _prepare_redirect_url(self, launch_url: str) -> str:
        url: str = super()._prepare_redirect_url(launch_url)
        registration = self._tool_config.registration
        platform_storage.refuse_login_without_storage(
            registration_id=registration.pk, storage_target=self.storage_target
        )
        self.state = parse_qs(urlsplit(url).query)["state"][0]
        LoginState.objects.create(
            state=self.state,
            nonce=self._nonce,
            registration=registration,
            storage_target=self.storage_target,
            storage_proof_digest=self._storage_proof_digest,
        )
        return url


@dataclass(frozen=True)
class LoginStart:
    """Where the browser goes next: the platform's authorization URL; with platform storage
    (`storage_target`), only once the login page has stored `storage_proof` under
    `storage_key` in that frame of `platform_origin`."""

    redirect_url: str
    storage_target: str = ""
    storage_proof: str = ""
    storage_key: str = ""
    platform_origin: str = ""


def start_login(*, request: HttpRequest, launch_url: str) -> LoginStart:
    """Answer an OIDC third-party login initiation: record the state and nonce (no cookie) and,
    when the platform offers storage (`lti_storage_target`), a secret for it.

    Raises LaunchRefused: "unknown_platform" when no active registration matches,
    "storage_required" when the login offers no storage but the platform has before,
    "invalid_message" for a storage target that is not a frame name."""
    params = request.POST if request.method == "POST" else request.GET
    storage_target = platform_storage.storage_target_from(params.get("lti_storage_target", ""))
    _forget_old_logins()
    login = _Login(request, ToolConfig(), storage_target)
    try:
        redirect_url = str(login.get_redirect_object(launch_url).get_redirect_url())
    except (LtiException, OIDCException) as error:
        raise LaunchRefused("unknown_platform", str(error)) from error
    if not storage_target:
        return LoginStart(redirect_url=redirect_url)
    return LoginStart(
        redirect_url=redirect_url,
        storage_target=storage_target,
        storage_proof=login.storage_proof,
        storage_key=platform_storage.storage_key(login.state),
        platform_origin=platform_storage.platform_origin(login._tool_config.registration.auth_url),
    )


def launch_storage_check(*, request: HttpRequest) -> platform_storage.StorageCheck | None:
    """For an id_token POST whose login used platform storage and that does not carry the
    proof yet: what the launch page needs to read it back. None: validate the launch as is."""
    return platform_storage.pending_storage_check(request=request, login_seconds=LOGIN_SECONDS)


def _forget_old_logins() -> None:
    """Delete logins and tickets no launch can use any more (kept a day, for investigations)."""
    cutoff = timezone.now() - timedelta(days=1)
    LoginState.objects.filter(created_at__lt=cutoff).delete()
    LaunchTicket.objects.filter(expires_at__lt=cutoff).delete()


class _Launch(DjangoMessageLaunch):
    def __init__(self, request: HttpRequest, tool_config: ToolConfig) -> None:
        self._states = _DatabaseStates(request)
        self._django_request = request
        super().__init__(
            DjangoRequest(request, post_only=True),
            tool_config,
            session_service=self._states,
            launch_data_storage=_NoStorage(),
            requests_session=TimeoutSession(),
        )

    def validate_state(self) -> "_Launch":
        state = self._get_request_param("state")
        if not state or not self._states.check_state_is_valid(state, ""):
            raise LaunchRefused("invalid_state", "Unknown, expired or used state")
        login = t.cast(LoginState, self._states.login)
        platform_storage.check_login_binding(login=login, request=self._django_request)
        return self

    def validate_nonce(self) -> "_Launch":
        nonce = self._get_jwt_body().get("nonce")
        if not nonce or not self._states.check_nonce(nonce):
            raise LaunchRefused("invalid_nonce", "Nonce does not match the login")
        return self

    def validate_registration(self) -> "_Launch":
        try:
            super().validate_registration()
        except LtiException as error:
            raise LaunchRefused("unknown_platform", str(error)) from error
        return self

    def get_public_key(self) -> tuple[str, str]:
        header = self._jwt.get("header", {})
        registration = self._tool_config.registration
        kid, algorithm = header.get("kid"), header.get("alg")
        if not kid or algorithm != "RS256":
            raise LaunchRefused("invalid_signature", "RS256 with a key id is required")
        key = platform_key(registration=registration, kid=kid, session=self._requests_session)
        return key, algorithm

    def validate_jwt_signature(self) -> "_Launch":
        public_key, algorithm = self.get_public_key()
        registration = self._tool_config.registration
        try:
            body = jwt.decode(
                self._get_id_token(),
                public_key,
                algorithms=[algorithm],
                audience=registration.client_id,
                issuer=registration.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise LaunchRefused("token_expired", str(error)) from error
        except jwt.InvalidAudienceError as error:
            raise LaunchRefused("wrong_audience", str(error)) from error
        except jwt.InvalidTokenError as error:
            raise LaunchRefused("invalid_token", str(error)) from error
        audiences = body["aud"] if isinstance(body["aud"], list) else [body["aud"]]
        # OIDC Core 3.1.3.7: with several audiences the authorized party must be the tool.
        if (len(audiences) > 1 or "azp" in body) and body.get("azp") != registration.client_id:
            raise LaunchRefused("wrong_audience", "azp is not this tool")
        return self

    def validate_deployment(self) -> "_Launch":
        try:
            super().validate_deployment()
        except LtiException as error:
            raise LaunchRefused("unknown_deployment", str(error)) from error
        return self

    def validate_message(self) -> "_Launch":
        try:
            super().validate_message()
        except LtiException as error:
            raise LaunchRefused("invalid_message", str(error)) from error
        return self

    def validate_jwt_format(self) -> "_Launch":
        try:
            super().validate_jwt_format()
        except LtiException as error:
            raise LaunchRefused("invalid_token", str(error)) from error
        return self


def validate_launch(*, request: HttpRequest) -> tuple[dict[str, t.Any], ToolConfig]:
    """Validate the launch POSTed by the platform; returns the id_token's claims and the tool
    configuration (its `registration` and `deployment`).

    Order: state (spent once), its binding to this browser (platform storage, lti/README.md),
    token format, nonce (the login's, once), registration, signature and claims, deployment,
    message type and version; a launch proven through platform storage then records that the
    platform offers it. Raises LaunchRefused with a code."""
    config = ToolConfig()
    launch = _Launch(request, config)
    launch.validate()
    login = launch._states.login
    if login is not None and login.storage_target:
        platform_storage.record_storage_offered(registration_id=login.registration_id)
    return t.cast(dict[str, t.Any], launch._jwt["body"]), config


def platform_key(*, registration: LtiRegistration, kid: str, session: requests.Session) -> str:
    """The PEM of the platform's key `kid`: from the stored key set while fresh; refetched when
    stale or when `kid` is not in it (the platform rotated); the stored set still serves when
    the platform's JWKS URL is down. Raises LaunchRefused (`invalid_signature` for a key the
    platform does not publish, `platform_keys_unavailable` when none can be had)."""
    stored = PlatformKeySet.objects.filter(registration=registration).first()
    now = timezone.now()
    if stored is not None:
        found = _find_key(stored.keys, kid)
        if found and (now - stored.fetched_at).total_seconds() < KEYSET_FRESH_SECONDS:
            return found
    try:
        response = session.get(registration.keyset_url)
        response.raise_for_status()
        keys = response.json()
        if not isinstance(keys, dict) or not isinstance(keys.get("keys"), list):
            raise ValueError("not a JWKS")
    except (requests.RequestException, ValueError) as error:
        if stored is not None and (found := _find_key(stored.keys, kid)):
            return found
        raise LaunchRefused("platform_keys_unavailable", str(error)) from error
    PlatformKeySet.objects.update_or_create(
        registration=registration, defaults={"keys": keys, "fetched_at": now}
    )
    found = _find_key(keys, kid)
    if not found:
        raise LaunchRefused("invalid_signature", "Unknown key id")
    return found


def _find_key(keys: dict[str, t.Any], kid: str) -> str | None:
    from jwcrypto.jwk import JWK

    for key in keys.get("keys", []):
        if isinstance(key, dict) and key.get("kid") == kid and key.get("kty") == "RSA":
            try:
                return t.cast(bytes, JWK(**key).export_to_pem()).decode()
            except (ValueError, TypeError):
                return None
    return None
