"""The seats API: /api/v1/organizations/<slug>/seats/ for employers, /api/v1/me/seats/ for
learners."""

from django.urls import URLPattern, URLResolver, path

from seats import views

PREFIX = "organizations/<slug:organization_slug>/seats"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{PREFIX}/pools", views.PoolListView.as_view(), name="seat-pools"),
    path(
        f"{PREFIX}/pools/<int:pool_id>/learners",
        views.PoolLearnersView.as_view(),
        name="seat-pool-learners",
    ),
    path(
        f"{PREFIX}/pools/<int:pool_id>/learners/<int:assignment_id>",
        views.PoolLearnerView.as_view(),
        name="seat-pool-learner",
    ),
    path(
        f"{PREFIX}/reports/<str:month>",
        views.ReportView.as_view(),
        name="seat-report",
    ),
    path("me/seats", views.MySeatsView.as_view(), name="my-seats"),
    path(
        "me/seats/<int:assignment_id>/consent",
        views.MySeatConsentView.as_view(),
        name="my-seat-consent",
    ),
]
