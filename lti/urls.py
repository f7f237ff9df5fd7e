"""The LTI 1.3 tool's endpoints under /lti/."""

from django.urls import path

from lti import views

app_name = "lti"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("launch/", views.LaunchView.as_view(), name="launch"),
    path("deep-link/", views.LaunchView.as_view(), name="deep-link"),
    path("deep-link/select/", views.DeepLinkSelectView.as_view(), name="deep-link-select"),
    path("open/", views.OpenView.as_view(), name="open"),
    path("jwks/", views.jwks, name="jwks"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("page.js", views.page_script, name="page-script"),
    path("page.css", views.page_style, name="page-style"),
]
