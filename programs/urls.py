"""The programs API under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from programs import views

app_name = "programs"

urlpatterns: list[URLPattern | URLResolver] = [
    path("programs", views.ProgramCatalogView.as_view(), name="list"),
    path("programs/staff", views.StaffProgramListView.as_view(), name="staff-list"),
    path("programs/credentials", views.MyProgramCredentialsView.as_view(), name="credentials"),
    path(
        "programs/credentials/<uuid:credential_id>/pdf",
        views.ProgramCredentialPdfView.as_view(),
        name="credential-pdf",
    ),
    path("programs/<slug:slug>", views.ProgramDetailView.as_view(), name="detail"),
    path("programs/<slug:slug>/staff", views.StaffProgramView.as_view(), name="staff-detail"),
    path("programs/<slug:slug>/courses", views.ProgramCoursesView.as_view(), name="courses"),
    path("programs/<slug:slug>/publish", views.PublishProgramView.as_view(), name="publish"),
    path("programs/<slug:slug>/retire", views.RetireProgramView.as_view(), name="retire"),
]
