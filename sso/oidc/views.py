"""The OpenID Connect redirects: off to the provider (state, nonce, PKCE) and back.

Both subclass mozilla-django-oidc's views; the provider comes from the URL's slug instead of
settings. Every failure lands on the SPA's sign-in page with `?sso_error=<code>`, which shows
the message in the person's language; nothing here answers 500 to what a provider or a browser
sends.
"""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from mozilla_django_oidc.utils import (
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from sso.models import IdentityProvider
from sso.oidc.backend import SignInRefused, callback_url
from sso.oidc.discovery import ProviderUnavailable, discovery_for

__all__ = ["OidcCallbackView", "start_oidc_login"]

logger = logging.getLogger(__name__)

NEXT_SESSION_KEY = "oidc_login_next"


def failure_redirect(code: str) -> HttpResponseRedirect:
    """The SPA's sign-in page telling why single sign-on failed."""
    return HttpResponseRedirect(f"{settings.SSO_SIGN_IN_PATH}?{urlencode({'sso_error': code})}")


def safe_next_path(request: HttpRequest) -> str | None:
    """`next` when it is a path on this site (never another origin, never `//host`)."""
    candidate = request.GET.get("next", "")
    if (
        candidate.startswith("/")
        and not candidate.startswith("//")
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None)
    ):
        return candidate
    return None


def start_oidc_login(request: HttpRequest, provider: IdentityProvider) -> HttpResponse:
    """Redirect to the provider's authorization endpoint with a fresh state, nonce and PKCE
    challenge kept in the session (several sign-ins may run in parallel tabs)."""
    try:
        discovery = discovery_for(provider)
    except ProviderUnavailable as error:
        logger.warning("OIDC provider %s unavailable: %s", provider.slug, error.message)
        return failure_redirect("provider_unavailable")
    state = get_random_string(32)
    nonce = get_random_string(32)
    code_verifier = get_random_string(64)
    params = {
        "response_type": "code",
        "scope": provider.oidc_scopes or "openid",
        "client_id": provider.oidc_client_id,
        "redirect_uri": callback_url(request, provider),
        "state": state,
        "nonce": nonce,
        "code_challenge": generate_code_challenge(code_verifier, "S256"),
        "code_challenge_method": "S256",
    }
    add_state_and_verifier_and_nonce_to_session(request, state, params, code_verifier)
    request.session[NEXT_SESSION_KEY] = safe_next_path(request)
    separator = "&" if "?" in discovery.authorization_endpoint else "?"
    return HttpResponseRedirect(f"{discovery.authorization_endpoint}{separator}{urlencode(params)}")


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back: state checked against the session (once), then the
    ProviderBackend; success signs in with a new session key and goes to `next`."""

    failure_code = "refused"

    @property
    def failure_url(self) -> str:
        return f"{settings.SSO_SIGN_IN_PATH}?{urlencode({'sso_error': self.failure_code})}"

    @property
    def success_url(self) -> str:
        return self.request.session.get(NEXT_SESSION_KEY) or settings.SSO_SUCCESS_PATH

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        provider = get_object_or_404(IdentityProvider, slug=slug, protocol="oidc")
        if not provider.is_enabled:
            return failure_redirect("provider_disabled")
        if request.GET.get("error"):
            # The person cancelled, or the provider refused them.
            self.failure_code = (
                "cancelled" if request.GET["error"] == "access_denied" else "refused"
            )
        elif "oidc_states" not in request.session:
            self.failure_code = "invalid_state"
        # How ProviderBackend learns the provider: the library's view calls
        # auth.authenticate(request=..., nonce=..., code_verifier=...) only.
        request.identity_provider = provider  # type: ignore[attr-defined]
        try:
            return super().get(request)
        except SignInRefused as refusal:
            logger.info("OIDC sign-in with %s refused: %s %s", slug, refusal.code, refusal.detail)
            return failure_redirect(refusal.code)
        except ProviderUnavailable as error:
            logger.warning("OIDC provider %s unavailable: %s", slug, error.message)
            return failure_redirect("provider_unavailable")
        except requests.RequestException as error:
            logger.warning("OIDC provider %s failed: %s", slug, type(error).__name__)
            return failure_redirect("provider_unavailable")
        except SuspiciousOperation:
            # A state that this session never sent: a replay or a forged callback.
            return failure_redirect("invalid_state")

    def login_success(self) -> HttpResponse:
        was_signed_in = self.request.user.is_authenticated and self.request.user == self.user
        response = super().login_success()
        if was_signed_in:
            # Linking to the signed-in account: the library keeps the session; a new key anyway.
            self.request.session.cycle_key()
        return response
