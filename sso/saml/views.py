"""The SAML endpoints of one provider: /sso/<slug>/saml/login/, acs/ and metadata/."""

import logging
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from accounts import api as accounts_api
from accounts.models import User
from config.throttling import ScopedWindowThrottle
from sso.models import IdentityProvider
from sso.provisioning import sign_in_external
from sso.saml.outstanding import (
    OutstandingRequest,
    forget_request,
    read_outstanding,
    remember_request,
)
from sso.saml.refusals import REFUSAL_MESSAGES, SamlRefused, record_refusal
from sso.saml.service_provider import (
    service_provider_metadata,
    start_sign_in,
    verify_response,
)

logger = logging.getLogger(__name__)

# Where a sign-in without a `next` ends: the learner's own page of the SPA.
DEFAULT_NEXT_PATH = "/learning"
# SPA pages a sign-in must not return to (they would offer to sign in again).
_SIGN_IN_PATHS = frozenset({"/login", "/register"})


class _SamlView(View):
    throttle_scope = "sso"

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        slug = str(kwargs.get("slug", ""))
        if not ScopedWindowThrottle().allow_request(request, self):  # type: ignore[arg-type]
            return _refused(request, SamlRefused("throttled"), slug, status=429)
        try:
            response = super().dispatch(request, *args, **kwargs)
        except SamlRefused as refusal:
            return _refused(request, refusal, slug)
        add_never_cache_headers(response)
        return response


class LoginView(_SamlView):
    """Start a sign-in: remember the AuthnRequest in this browser, send it to the IdP."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        provider = _provider(slug)
        if not provider.is_enabled:
            raise SamlRefused("provider_disabled")
        next_path = safe_next_path(request.GET.get("next", ""))
        started = start_sign_in(provider=provider, relay_state=next_path)
        user = request.user if request.user.is_authenticated else None
        response = HttpResponseRedirect(started.redirect_url)
        remember_request(
            response,
            request,
            OutstandingRequest(
                request_id=started.request_id,
                provider_slug=provider.slug,
                next_path=next_path,
                user_id=user.pk if isinstance(user, User) else 0,
                user_session_hash=_started_by(user) if isinstance(user, User) else "",
                issued_at=int(time.time()),
            ),
        )
        return response


@method_decorator(csrf_exempt, name="dispatch")  # the IdP posts here; its signature protects it
class AssertionConsumerView(_SamlView):
    """The IdP's answer (HTTP-POST binding): checked, then the person is signed in."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        provider = _provider(slug)
        if not provider.is_enabled:
            raise SamlRefused("provider_disabled")
        outstanding = {
            entry.request_id: entry
            for entry in read_outstanding(request)
            if entry.provider_slug == provider.slug
        }
        verified = verify_response(
            provider=provider,
            saml_response=request.POST.get("SAMLResponse", ""),
            outstanding=dict.fromkeys(outstanding, provider.slug),
        )
        started = outstanding.get(verified.in_response_to)
        if started is None:  # pysaml2 checked it already; never sign in without our request
            raise SamlRefused("unsolicited", f"InResponseTo {verified.in_response_to}")
        ip_address = accounts_api.client_ip_address(request=request)
        try:
            user = sign_in_external(
                provider=provider,
                assertion=verified.assertion,
                current_user=_user_who_started(started),
                ip_address=ip_address,
            )
        except PermissionDenied as denied:
            response = _refused(
                request, SamlRefused("provisioning", str(denied)), slug, message=str(denied)
            )
            forget_request(response, request, started.request_id)
            return response
        # Rotates the session key (a new session when another account was signed in).
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.LOGIN,
            actor=user,
            target_type="user",
            target_id=str(user.pk),
            ip_address=ip_address,
            details={"via": "saml", "provider": provider.slug},
        )
        response = HttpResponseRedirect(started.next_path or DEFAULT_NEXT_PATH)
        forget_request(response, request, started.request_id)
        return response


class MetadataView(_SamlView):
    """Our SP metadata for this provider's IdP (its URL is our entity ID)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        provider = _provider(slug)
        return HttpResponse(
            service_provider_metadata(provider), content_type="application/samlmetadata+xml"
        )


def start_saml_login(request: HttpRequest, provider: IdentityProvider) -> HttpResponse:
    """The protocol-neutral door `/sso/<slug>/login/` for a SAML provider: on to its SAML
    login, keeping a same-origin `next`."""
    url = reverse("saml:login", kwargs={"slug": provider.slug})
    next_path = safe_next_path(request.GET.get("next", ""))
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_path})}" if next_path else url)


def safe_next_path(value: str) -> str:
    """`value` when it is a path of this site (not `//host`, `/\\host`, a scheme, or a sign-in
    page); else ""."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    if any(ord(character) < 32 for character in value):
        return ""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path in _SIGN_IN_PATHS:
        return ""
    return value[:500]


def _provider(slug: str) -> IdentityProvider:
    provider = (
        IdentityProvider.objects.filter(slug=slug, protocol=IdentityProvider.Protocol.SAML)
        .select_related("organization")
        .first()
    )
    if provider is None:
        raise SamlRefused("unknown_provider")
    return provider


def _user_who_started(started: OutstandingRequest) -> User | None:
    """The account signed in when the sign-in started (the IdP's cross-site POST brings no
    session cookie), if its password has not changed since."""
    if not started.user_id:
        return None
    user = User.objects.filter(pk=started.user_id, is_active=True).first()
    if user is None or not constant_time_compare(_started_by(user), started.user_session_hash):
        return None
    return user


def _started_by(user: User) -> str:
    # Derived from the session hash (which changes with the password), never the hash itself:
    # the cookie is signed, not encrypted.
    return salted_hmac("sso.saml.started-by", user.get_session_auth_hash()).hexdigest()


def _refused(
    request: HttpRequest,
    refusal: SamlRefused,
    slug: str,
    *,
    status: int | None = None,
    message: str = "",
) -> HttpResponse:
    logger.info("SAML sign-in refused (%s): %s", refusal.code, refusal.detail)
    if refusal.code != "throttled":
        record_refusal(
            request=request, code=refusal.code, detail=refusal.detail, provider_slug=slug
        )
    fallback = REFUSAL_MESSAGES["invalid_response"]
    context = {
        "message": message or REFUSAL_MESSAGES.get(refusal.code, fallback),
        "code": refusal.code,
    }
    if status is None:
        status = 404 if refusal.code == "unknown_provider" else 403
    response = render(request, "sso/saml/refused.html", context, status=status)
    add_never_cache_headers(response)
    return response
