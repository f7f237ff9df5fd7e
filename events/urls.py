"""The events API under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from events import views

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("events", views.EventListView.as_view(), name="list"),
    path("events/staff", views.StaffEventListView.as_view(), name="staff-list"),
    path("events/mine", views.MyRegistrationsView.as_view(), name="mine"),
    path(
        "events/feeds/<slug:organization>.ics",
        views.OrganizationFeedView.as_view(),
        name="organization-feed",
    ),
    path("events/<slug:slug>", views.EventDetailView.as_view(), name="detail"),
    path("events/<slug:slug>/publish", views.PublishView.as_view(), name="publish"),
    path("events/<slug:slug>/registration", views.RegistrationView.as_view(), name="registration"),
    path("events/<slug:slug>/check-in", views.CheckInView.as_view(), name="check-in"),
    path(
        "events/<slug:slug>/registrations",
        views.StaffRegistrationsView.as_view(),
        name="registrations",
    ),
    path("events/<slug:slug>/attendance", views.AttendanceUploadView.as_view(), name="attendance"),
    path(
        "events/<slug:slug>/credentials/<uuid:credential_id>/revoke",
        views.RevokeAttendanceView.as_view(),
        name="credential-revoke",
    ),
    path("events/<slug:slug>/event.ics", views.EventCalendarView.as_view(), name="ics"),
]
