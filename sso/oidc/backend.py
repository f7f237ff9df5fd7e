"""mozilla-django-oidc's backend, configured per identity provider instead of from settings.

The backend is listed in AUTHENTICATION_BACKENDS and answers only the callback view's
`authenticate(request, nonce=..., code_verifier=...)` for a request that carries
`identity_provider` (any other sign-in passes it by). It exchanges the code (with the PKCE
verifier), checks the ID token (signature by the key of the provider's JWKS with the token's
`kid`, `iss`, `aud`, `azp`, `exp`, `iat`, `nonce`), reads userinfo, and hands the claims to
sso.provisioning; refusals leave as SignInRefused.
"""

from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify

from accounts.models import User
from sso import provisioning
from sso.models import IdentityProvider
from sso.oidc.discovery import Discovery, discovery_for, signing_keys_for

__all__ = ["ProviderBackend", "SignInRefused"]

# Asymmetric algorithms only: HS256 would make the client secret a signing key.
ACCEPTED_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
CLOCK_SKEW_SECONDS = 60


class SignInRefused(Exception):  # noqa: N818 - the outcome, as the view reports it
    """The sign-in failed for a reason the person is told: `code` names it for the SPA."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def roles_from_claim(value: object) -> tuple[str, ...]:
    """A roles claim as a list of strings, or one string separated by spaces or commas."""
    if isinstance(value, str):
        return tuple(part for part in value.replace(",", " ").split() if part)
    if isinstance(value, list | tuple):
        return tuple(str(part) for part in value if isinstance(part, str))
    return ()


class ProviderBackend(OIDCAuthenticationBackend):
    """One sign-in with one provider: `authenticate` sets the provider's endpoints and client."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads one provider from settings here; ours come with each sign-in.
        self.UserModel = get_user_model()

    def get_settings(self, attr: str, *args: Any) -> Any:
        per_provider = {
            "OIDC_TIMEOUT": settings.SSO_HTTP_TIMEOUT_SECONDS,
            "OIDC_VERIFY_SSL": True,
            "OIDC_PROXY": None,
            "OIDC_USE_NONCE": True,
            "OIDC_TOKEN_USE_BASIC_AUTH": False,
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
            "OIDC_ALLOW_UNSECURED_JWT": False,
        }
        if attr in per_provider:
            return per_provider[attr]
        return args[0] if args else None

    def authenticate(
        self,
        request: HttpRequest | None,
        nonce: str | None = None,
        code_verifier: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        provider: IdentityProvider | None = getattr(request, "identity_provider", None)
        if request is None or provider is None:
            return None
        code = request.GET.get("code")
        if not code or not nonce:
            return None
        self.request = request
        self.provider = provider
        self.discovery: Discovery = discovery_for(provider)
        self.OIDC_OP_TOKEN_ENDPOINT = self.discovery.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = self.discovery.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = self.discovery.jwks_uri
        self.OIDC_RP_CLIENT_ID = provider.oidc_client_id
        self.OIDC_RP_CLIENT_SECRET = provider.oidc_client_secret
        self.OIDC_RP_IDP_SIGN_KEY = None
        # Makes the library take the JWKS path; the key is chosen in get_payload_data.
        self.OIDC_RP_SIGN_ALGO = "RS256"
        token_info = self.get_token(
            {
                "client_id": provider.oidc_client_id,
                "client_secret": provider.oidc_client_secret,
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": callback_url(request, provider),
                "code_verifier": code_verifier or "",
            }
        )
        id_token = token_info.get("id_token")
        if not isinstance(id_token, str):
            raise SignInRefused("invalid_token", "no id_token")
        payload = self.verify_token(id_token, nonce=nonce)
        return self.get_or_create_user(token_info.get("access_token"), id_token, payload)

    def retrieve_matching_jwk(self, token: str) -> None:
        # The key depends on the token's header: get_payload_data looks it up.
        return None

    def get_payload_data(self, token: str, key: Any) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise SignInRefused("invalid_token", "not a JWT") from error
        algorithm = header.get("alg")
        if algorithm not in ACCEPTED_ALGORITHMS:
            raise SignInRefused("invalid_token", f"algorithm {algorithm!r}")
        key = self._key_for(header, algorithm)
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.provider.oidc_client_id,
                issuer=self.discovery.issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SignInRefused("invalid_token", type(error).__name__) from error
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        # OpenID Connect Core §3.1.3.7: with several audiences, azp must name this client.
        if len(audiences) > 1 and payload.get("azp") != self.provider.oidc_client_id:
            raise SignInRefused("invalid_token", "azp")
        return payload

    def _key_for(self, header: dict[str, Any], algorithm: str) -> jwt.PyJWK:
        kid = header.get("kid")
        for fresh in (False, True):
            keys = signing_keys_for(self.provider, self.discovery, fresh=fresh)
            matching = [
                key
                for key in keys
                if (kid is None or key.get("kid") == kid)
                and key.get("use", "sig") == "sig"
                and key.get("alg", algorithm) == algorithm
            ]
            # Without a kid the provider must publish exactly one signing key.
            if len(matching) == 1:
                try:
                    return jwt.PyJWK(matching[0], algorithm=algorithm)
                except jwt.PyJWTError as error:
                    raise SignInRefused("invalid_token", "unusable key") from error
        raise SignInRefused("unknown_key", f"kid {kid!r}")

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        try:
            payload: dict[str, Any] = super().verify_token(token, **kwargs)
        except SuspiciousOperation as error:
            raise SignInRefused("invalid_token", str(error)) from error
        return payload

    def get_userinfo(
        self, access_token: str | None, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core §5.3.2: userinfo about another subject is not used.
            if isinstance(userinfo, dict) and userinfo.get("sub") == payload["sub"]:
                claims.update(userinfo)
        return claims

    def get_or_create_user(
        self, access_token: str | None, id_token: str, payload: dict[str, Any]
    ) -> User:
        claims = self.get_userinfo(access_token, id_token, payload)
        # An address the provider says it has not verified is no address to make an account for.
        email = str(claims.get("email") or "") if claims.get("email_verified", True) else ""
        assertion = provisioning.Assertion(
            subject=str(payload["sub"]),
            email=email,
            full_name=str(claims.get("name") or ""),
            roles=roles_from_claim(claims.get(self.provider.roles_claim)),
        )
        current = self.request.user if self.request.user.is_authenticated else None
        try:
            return provisioning.sign_in_external(
                provider=self.provider,
                assertion=assertion,
                current_user=current,
                ip_address=_client_ip(self.request),
            )
        except PermissionDenied as error:
            raise SignInRefused(_refusal_code(error)) from error


def _refusal_code(error: PermissionDenied) -> str:
    message = error.args[0] if error.args else None
    codes = {
        id(provisioning.PROVIDER_DISABLED): "provider_disabled",
        id(provisioning.ACCOUNT_CREATION_OFF): "account_creation_off",
        id(provisioning.EMAIL_BELONGS_TO_ANOTHER_ACCOUNT): "email_taken",
        id(provisioning.IDENTITY_LINKED_ELSEWHERE): "linked_elsewhere",
        id(provisioning.ACCOUNT_DISABLED): "account_disabled",
    }
    return codes.get(id(message), "refused")


def callback_url(request: HttpRequest, provider: IdentityProvider) -> str:
    """The absolute redirect URI registered at the provider for this provider's callback."""
    return absolutify(request, reverse("sso-oidc-callback", kwargs={"slug": provider.slug}))
