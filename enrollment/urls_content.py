"""URLs of the content origin that enrollment serves (mounted by config/urls_content.py): a
launch's player page, its package's files, and its commits."""

from django.urls import path

from enrollment.views import packages

urlpatterns = [
    path("p/<str:token>/", packages.player_page, name="package-player"),
    path("p/<str:token>/f/<path:path>", packages.package_file, name="package-file"),
    path("p/<str:token>/commit", packages.commit, name="package-commit"),
    path("p/<str:token>/cmi5/fetch", packages.cmi5_fetch, name="package-cmi5-fetch"),
]
