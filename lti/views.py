"""The tool's LTI 1.3 endpoints: plain pages for the LMS's frame (no SPA, no cookie needed)."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from lti_tool.models import LtiRegistration

from accounts import api as accounts_api
from config.tasks import queue_after_commit
from courses import api as courses_api
from lti import api as lti_api
from lti.tasks import send_grade_task

# The script of the LTI pages (lti/page.js), served from 'self': the policy allows no inline script.
_PAGE_SCRIPT = (Path(__file__).parent / "page.js").read_text(encoding="utf-8")

_PAGE_STYLE = """body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.3rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;
padding:.3rem .6rem;text-align:start}.button{display:inline-block;background:#0b5394;color:#fff;
padding:.5rem 1rem;border-radius:4px;text-decoration:none;border:0;font-size:1rem}
.depth-0{font-weight:600}.depth-1{padding-inline-start:1.5rem}.depth-2{padding-inline-start:3rem}.error{color:#a40000}"""


def page_script(request: HttpRequest) -> HttpResponse:
    """The one script of the LTI pages (served from 'self': the policy allows no inline script)."""
    return HttpResponse(_PAGE_SCRIPT, content_type="text/javascript; charset=utf-8")


def page_style(request: HttpRequest) -> HttpResponse:
    """The stylesheet of the LTI pages."""
    return HttpResponse(_PAGE_STYLE, content_type="text/css; charset=utf-8")


def jwks(request: HttpRequest) -> JsonResponse:
    """The tool's public keys, which platforms verify its deep links and service tokens with."""
    return JsonResponse(lti_api.tool_jwks())


def _framed(
    response: HttpResponse, *, frame_origins: list[str], form_origins: tuple[str, ...] = ()
) -> HttpResponse:
    """Let the LMS frame the page (and a form post to it), instead of the site's 'none'."""
    response.xframe_options_exempt = True
    # django-csp's per-response hook (what its csp_replace decorator sets).
    setattr(  # noqa: B010
        response,
        "_csp_replace",
        {"frame-ancestors": frame_origins or ["*"], "form-action": ["'self'", *form_origins]},
    )
    return response


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _platform_origins(registration: LtiRegistration, claims: dict[str, Any]) -> list[str]:
    """Who may frame the page: the platform's issuer and auth URL origins, and the origins the
    signed launch names (its return URL and platform URL: a hosted Canvas frames the tool from
    the school's own domain, not its issuer's)."""
    presentation = claims.get(lti_api.CLAIM + "launch_presentation") or {}
    platform = claims.get(lti_api.CLAIM + "tool_platform") or {}
    urls = [
        registration.issuer,
        registration.auth_url,
        presentation.get("return_url", "") if isinstance(presentation, dict) else "",
        platform.get("url", "") if isinstance(platform, dict) else "",
    ]
    return sorted({origin for url in urls if (origin := _origin(str(url)))})


def _refused(
    request: HttpRequest,
    refusal: lti_api.LaunchRefused,
    issuer: str = "",
    *,
    target_type: str = "lti_launch",
) -> HttpResponse:
    lti_api.record_refusal(
        request=request,
        code=refusal.code,
        detail=refusal.detail,
        issuer=issuer,
        target_type=target_type,
    )
    message = lti_api.REFUSAL_MESSAGES.get(refusal.code, lti_api.REFUSAL_MESSAGES["invalid_token"])
    context = {
        "message": message,
        "code": refusal.code,
        "is_registration": target_type == "lti_registration",
    }
    response = render(request, "lti/error.html", context, status=403)
    return _framed(response, frame_origins=[])


@method_decorator(csrf_exempt, name="dispatch")
class LoginView(View):
    """OIDC third-party login initiation (GET or POST from the platform)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._start(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        return self._start(request)

    def _start(self, request: HttpRequest) -> HttpResponse:
        params = request.POST if request.method == "POST" else request.GET
        target = params.get("target_link_uri", "")
        own = request.build_absolute_uri(reverse("lti:launch"))
        deep = request.build_absolute_uri(reverse("lti:deep-link"))
        # Only our own launch URLs: the platform's target must not turn us into an open redirect.
        launch_url = target if target in {own, deep} else own
        try:
            start = lti_api.start_login(request=request, launch_url=launch_url)
        except lti_api.LaunchRefused as refusal:
            return _refused(request, refusal, issuer=params.get("iss", ""))
        if not start.storage_target:
            return _framed(HttpResponseRedirect(start.redirect_url), frame_origins=[])
        # The page stores the login's secret in the platform's frame, then goes on.
        response = render(request, "lti/storage_login.html", {"start": start})
        add_never_cache_headers(response)
        return _framed(response, frame_origins=[])


@method_decorator(csrf_exempt, name="dispatch")
class LaunchView(View):
    """The platform posts the id_token here (resource link and deep linking requests)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        check = lti_api.launch_storage_check(request=request)
        if check is not None:
            # The login used platform storage: this page reads its secret back in this browser
            # and posts the launch again with it (nothing is spent or written before).
            context = {
                "check": check,
                "proof_field": lti_api.PROOF_FIELD,
                "id_token": request.POST.get("id_token", ""),
                "state": request.POST.get("state", ""),
            }
            response = render(request, "lti/storage_launch.html", context)
            add_never_cache_headers(response)
            return _framed(response, frame_origins=[])
        try:
            claims, config = lti_api.validate_launch(request=request)
        except lti_api.LaunchRefused as refusal:
            return _refused(request, refusal, issuer=_unverified_issuer(request))
        registration = config.registration
        language = translation.get_language() or settings.LANGUAGE_CODE
        message_type = claims.get(lti_api.CLAIM + "message_type")
        try:
            if message_type == "LtiDeepLinkingRequest":
                return self._picker(request, registration, claims, language)
            return self._resource(request, registration, claims, language)
        except lti_api.LaunchRefused as refusal:
            return _refused(request, refusal, issuer=registration.issuer)

    def _resource(
        self,
        request: HttpRequest,
        registration: LtiRegistration,
        claims: dict[str, Any],
        language: str,
    ) -> HttpResponse:
        result = lti_api.open_resource_launch(
            registration=registration, claims=claims, language=language
        )
        if result.unsent_grade_link_id is not None:
            queue_after_commit(send_grade_task, result.unsent_grade_link_id)
        context: dict[str, Any] = {
            "open_url": request.build_absolute_uri(reverse("lti:open"))
            + f"?ticket={result.ticket}",
            "is_instructor": result.is_instructor,
        }
        if result.is_instructor:
            version, _lesson = lti_api.linked_course(claims)
            try:
                context["roster"] = lti_api.context_roster(
                    registration=registration, claims=claims, version=version
                )
            except lti_api.LaunchRefused as refusal:
                context["roster_error"] = lti_api.REFUSAL_MESSAGES[refusal.code]
            context["course_title"] = str(
                courses_api.pick(
                    courses_api.get_outline(version_id=version.pk).translations,
                    language,
                    version.primary_language,
                ).get("title", result.course_slug)
            )
        response = render(request, "lti/open.html", context)
        return _framed(response, frame_origins=_platform_origins(registration, claims))

    def _picker(
        self,
        request: HttpRequest,
        registration: LtiRegistration,
        claims: dict[str, Any],
        language: str,
    ) -> HttpResponse:
        if not lti_api.is_instructor(claims):
            raise lti_api.LaunchRefused("invalid_message", "deep linking is for instructors")
        context = {
            "signed_request": lti_api.sign_deep_linking_request(
                registration=registration, claims=claims
            ),
            "choices": lti_api.deep_link_choices(language=language),
        }
        response = render(request, "lti/picker.html", context)
        return _framed(response, frame_origins=_platform_origins(registration, claims))


@method_decorator(csrf_exempt, name="dispatch")
class DeepLinkSelectView(View):
    """The picker's form (no cookie: its signed field is its proof) answers the platform."""

    def post(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language() or settings.LANGUAGE_CODE
        try:
            return_url, token = lti_api.deep_linking_response(
                signed_request=request.POST.get("signed_request", ""),
                choice=request.POST.get("choice", ""),
                launch_url=request.build_absolute_uri(reverse("lti:launch")),
                language=language,
            )
        except lti_api.LaunchRefused as refusal:
            return _refused(request, refusal)
        response = render(request, "lti/autopost.html", {"action": return_url, "token": token})
        origin = _origin(return_url)
        return _framed(response, frame_origins=[origin], form_origins=(origin,) if origin else ())


@method_decorator(csrf_exempt, name="dispatch")
class RegisterView(View):
    """LTI Dynamic Registration, opened by the LMS with `openid_configuration` (and a
    `registration_token`) on a one-time link's URL: the page names the organisation and asks
    to register; its form (no cookie: the link's secret is its proof) registers."""

    def get(self, request: HttpRequest) -> HttpResponse:
        secret = request.GET.get("link", "")
        try:
            organization = lti_api.registration_link_organization(secret=secret)
        except lti_api.LaunchRefused as refusal:
            return _refused(request, refusal, target_type="lti_registration")
        context = {
            "organization": organization.name,
            "link": secret,
            "openid_configuration": request.GET.get("openid_configuration", ""),
            "registration_token": request.GET.get("registration_token", ""),
        }
        response = render(request, "lti/register.html", context)
        return _framed(response, frame_origins=[])

    def post(self, request: HttpRequest) -> HttpResponse:
        configuration_url = request.POST.get("openid_configuration", "")
        try:
            registration = lti_api.register_with_platform(
                secret=request.POST.get("link", ""),
                openid_configuration=configuration_url,
                registration_token=request.POST.get("registration_token", ""),
                tool=lti_api.ToolUrls(
                    login=request.build_absolute_uri(reverse("lti:login")),
                    launch=request.build_absolute_uri(reverse("lti:launch")),
                    deep_link=request.build_absolute_uri(reverse("lti:deep-link")),
                    jwks=request.build_absolute_uri(reverse("lti:jwks")),
                ),
            )
        except lti_api.LaunchRefused as refusal:
            return _refused(
                request, refusal, _origin(configuration_url), target_type="lti_registration"
            )
        response = render(request, "lti/registered.html", {"issuer": registration.issuer})
        return _framed(response, frame_origins=[_origin(registration.issuer)])


class OpenView(View):
    """A launch ticket opened in a first-party window: signs the LMS user in, opens the SPA."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            ticket = lti_api.spend_ticket(secret=request.GET.get("ticket", ""))
        except lti_api.LaunchRefused as refusal:
            return _refused(request, refusal)
        login(request, ticket.user, backend=settings.AUTHENTICATION_BACKENDS[0])
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.LOGIN,
            actor=ticket.user,
            ip_address=accounts_api.client_ip_address(request=request),
            details={"via": "lti"},
        )
        return HttpResponseRedirect(ticket.next_path)


def _unverified_issuer(request: HttpRequest) -> str:
    """The issuer the (refused) id_token claims, for the audit log only."""
    import jwt

    try:
        claims = jwt.decode(request.POST.get("id_token", ""), options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return ""
    return str(claims.get("iss", ""))
