"""URLs of the enrollment API, mounted under /api/v1/."""

from django.urls import path

from enrollment import views

urlpatterns = [
    path("enrollments/", views.EnrollmentListView.as_view(), name="enrollment-list"),
    path("enrollments/bulk", views.BulkEnrollView.as_view(), name="enrollment-bulk"),
    path(
        "courses/<slug:slug>/enrollment",
        views.EnrollmentStateView.as_view(),
        name="course-enrollment-state",
    ),
    path(
        "analytics/courses/<slug:slug>/",
        views.CourseAnalyticsView.as_view(),
        name="course-analytics",
    ),
    path(
        "analytics/courses/<slug:slug>.csv",
        views.CourseAnalyticsCsvView.as_view(),
        name="course-analytics-csv",
    ),
    path(
        "analytics/institutions/<slug:organization_slug>/",
        views.InstitutionAnalyticsView.as_view(),
        name="institution-analytics",
    ),
    path(
        "analytics/institutions/<slug:organization_slug>.csv",
        views.InstitutionAnalyticsCsvView.as_view(),
        name="institution-analytics-csv",
    ),
    path(
        "enrollments/<int:enrollment_id>/",
        views.EnrollmentDetailView.as_view(),
        name="enrollment-detail",
    ),
    path(
        "enrollments/<int:enrollment_id>/unenroll",
        views.UnenrollView.as_view(),
        name="enrollment-unenroll",
    ),
    path(
        "enrollments/<int:enrollment_id>/move-to-current-version",
        views.MoveVersionView.as_view(),
        name="enrollment-move-version",
    ),
    path(
        "enrollments/<int:enrollment_id>/events/",
        views.EventView.as_view(),
        name="enrollment-events",
    ),
    path(
        "enrollments/<int:enrollment_id>/progress/",
        views.ProgressView.as_view(),
        name="enrollment-progress",
    ),
    path(
        "enrollments/<int:enrollment_id>/lessons/<uuid:lesson_key>/",
        views.LessonContentView.as_view(),
        name="enrollment-lesson",
    ),
    path(
        "enrollments/<int:enrollment_id>/lessons/<uuid:lesson_key>/attempts",
        views.QuizAttemptView.as_view(),
        name="enrollment-quiz-attempt",
    ),
    path("invitations/<str:token>", views.InvitationView.as_view(), name="invitation-detail"),
    path(
        "invitations/<str:token>/accept",
        views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path(
        "courses/<slug:slug>/invitations",
        views.CourseInvitationListView.as_view(),
        name="course-invitation-list",
    ),
    path(
        "courses/<slug:slug>/invitations/<int:invitation_id>/withdraw",
        views.CourseInvitationWithdrawView.as_view(),
        name="course-invitation-withdraw",
    ),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
]
