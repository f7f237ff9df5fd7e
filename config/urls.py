"""URL configuration: the API under /api/v1/, schema and docs, health, admin, then the SPA."""

from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from certificates.views.verification import DidDocumentUnderPathView, DidDocumentView
from config import views
from config.api import api_server_error
from sso import urls as sso_urls

api_v1 = [
    path("", include("accounts.urls")),
    path("", include("courses.urls")),
    path("", include("enrollment.urls")),
    # Before certificates: its `verify/<certificate_id>` would take `verify/learner-record`.
    path("", include("records.urls")),
    path("", include("certificates.urls")),
    path("", include("discussions.urls")),
    path("", include("events.urls")),
    path("", include("practices.urls")),
    path("", include("interchange.urls")),
    path("", include("webhooks.urls")),
    path("", include(sso_urls.api_urlpatterns)),
    path("", include("seats.urls")),
    path("", include("programs.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    # The xAPI 1.0.3 Learning Record Store speaks its own protocol (lrs/README.md).
    path("api/xapi/", include("lrs.urls")),
    # The LTI 1.3 tool's protocol endpoints (login initiation, launch, JWKS, deep linking).
    path("lti/", include("lti.urls")),
    # Single sign-on redirects with an organisation's identity provider (sso/README.md).
    path("sso/", include(sso_urls.urlpatterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline scripts.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("healthz", views.healthz, name="healthz"),
    # The issuer's did:web identity: did:web:<host> resolves to /.well-known/did.json, and
    # did:web:<host>:<path> of an app served under a path to <path>/did.json (one of the two
    # answers, the other is 404).
    path(".well-known/did.json", DidDocumentView.as_view(), name="did-document"),
    path("did.json", DidDocumentUnderPathView.as_view(), name="did-document-under-path"),
    # Before the SPA's catch-all, which would answer index.html.
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("admin/", admin.site.urls),
    # Uploaded files, each through the one download view that checks access (never a plain
    # file server): MEDIA_URL is /media/.
    path("media/<path:name>", views.MediaDownloadView.as_view(), name="media-download"),
    # Everything else is a client-side route of the SPA.
    # Not the content origin's paths either (config/urls_content.py): they 404 on this host.
    re_path(
        r"^(?!api/|lti/|sso/|admin/|healthz|\.well-known/|static/|media/|p/|_runtime/).*$",
        views.spa_index,
    ),
]

handler404 = views.not_found
handler500 = api_server_error
