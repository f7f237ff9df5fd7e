"""One provider's SAML endpoints, under /sso/<slug>/saml/."""

from django.urls import path

from sso.saml import views

app_name = "saml"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("acs/", views.AssertionConsumerView.as_view(), name="acs"),
    path("metadata/", views.MetadataView.as_view(), name="metadata"),
]
