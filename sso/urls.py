"""The sso URLs: the API (under /api/v1/) and the sign-in redirects (under /sso/)."""

from django.urls import URLPattern, URLResolver, include, path

from sso import views
from sso.oidc.views import OidcCallbackView

PREFIX = "organizations/<slug:organization_slug>/sso/providers"

api_urlpatterns: list[URLPattern | URLResolver] = [
    path("sso/providers", views.SignInProviderListView.as_view(), name="sso-sign-in-providers"),
    path(PREFIX, views.ProviderListView.as_view(), name="sso-providers"),
    path(f"{PREFIX}/test-discovery", views.DiscoveryTestView.as_view(), name="sso-test-discovery"),
    path(f"{PREFIX}/<int:provider_id>", views.ProviderDetailView.as_view(), name="sso-provider"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/login/", views.sign_in, name="sso-login"),
    path("<slug:slug>/oidc/callback/", OidcCallbackView.as_view(), name="sso-oidc-callback"),
    # SAML 2.0: login/, acs/ and metadata/ of one provider (sso/saml/).
    path("<slug:slug>/saml/", include("sso.saml.urls")),
]
