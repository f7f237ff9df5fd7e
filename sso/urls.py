"""Single sign-on endpoints under /sso/<slug>/."""

from django.urls import include, path

app_name = "sso"

urlpatterns = [
    path("<slug:slug>/saml/", include("sso.saml.urls")),
]
