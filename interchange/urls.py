"""URLs of the interchange API, below /api/v1/."""

from django.urls import path

from interchange import views

urlpatterns = [
    path(
        "authoring/interchange/imports",
        views.CourseImportsView.as_view(),
        name="interchange-imports",
    ),
    path(
        "authoring/interchange/imports/<uuid:import_id>",
        views.CourseImportView.as_view(),
        name="interchange-import",
    ),
    path(
        "authoring/interchange/imports/<uuid:import_id>/confirm",
        views.CourseImportConfirmView.as_view(),
        name="interchange-import-confirm",
    ),
    path(
        "authoring/courses/<slug:slug>/cartridge",
        views.CourseCartridgeView.as_view(),
        name="interchange-cartridge",
    ),
]
