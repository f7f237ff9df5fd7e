"""URL configuration of the content origin (config/content_origin.py): package launches and the
package runtime script, nothing of the platform."""

from django.urls import include, path

from config import content_views

urlpatterns = [
    path("", include("enrollment.urls_content")),
    path("_runtime/<path:name>", content_views.runtime_file, name="package-runtime"),
]

handler404 = "config.content_views.not_found"
