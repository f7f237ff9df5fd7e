"""The practices API under /api/v1/."""

from django.urls import path

from practices import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.LibraryListView.as_view(), name="library-list"),
    path("practices/<slug:slug>/", views.LibraryDetailView.as_view(), name="library-detail"),
    path("authoring/practices/", views.AuthoringListView.as_view(), name="authoring-practice-list"),
    path(
        "authoring/practices/<slug:slug>/",
        views.AuthoringDetailView.as_view(),
        name="authoring-practice-detail",
    ),
    path(
        "authoring/practices/<slug:slug>/transitions",
        views.TransitionView.as_view(),
        name="authoring-practice-transitions",
    ),
    path(
        "authoring/practices/<slug:slug>/attachments",
        views.AttachmentView.as_view(),
        name="authoring-practice-attachments",
    ),
]
