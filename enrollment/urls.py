"""URLs of the enrollment API, mounted under /api/v1/."""

from django.urls import path

from enrollment.views import enrollments, learning, packages, staff, statements

urlpatterns = [
    path("enrollments/", enrollments.EnrollmentListView.as_view(), name="enrollment-list"),
    path("enrollments/bulk", staff.BulkEnrollView.as_view(), name="enrollment-bulk"),
    path(
        "courses/<slug:slug>/enrollment",
        enrollments.EnrollmentStateView.as_view(),
        name="course-enrollment-state",
    ),
    path(
        "analytics/courses/<slug:slug>/",
        staff.CourseAnalyticsView.as_view(),
        name="course-analytics",
    ),
    path(
        "analytics/courses/<slug:slug>.csv",
        staff.CourseAnalyticsCsvView.as_view(),
        name="course-analytics-csv",
    ),
    path(
        "analytics/institutions/<slug:organization_slug>/",
        staff.InstitutionAnalyticsView.as_view(),
        name="institution-analytics",
    ),
    path(
        "analytics/institutions/<slug:organization_slug>.csv",
        staff.InstitutionAnalyticsCsvView.as_view(),
        name="institution-analytics-csv",
    ),
    path(
        "enrollments/<int:enrollment_id>/",
        enrollments.EnrollmentDetailView.as_view(),
        name="enrollment-detail",
    ),
    path(
        "enrollments/<int:enrollment_id>/unenroll",
        enrollments.UnenrollView.as_view(),
        name="enrollment-unenroll",
    ),
    path(
        "enrollments/<int:enrollment_id>/move-to-current-version",
        enrollments.MoveVersionView.as_view(),
        name="enrollment-move-version",
    ),
    path(
        "enrollments/<int:enrollment_id>/events/",
        learning.EventView.as_view(),
        name="enrollment-events",
    ),
    path(
        "enrollments/<int:enrollment_id>/progress/",
        learning.ProgressView.as_view(),
        name="enrollment-progress",
    ),
    path(
        "enrollments/<int:enrollment_id>/lessons/<uuid:lesson_key>/",
        learning.LessonContentView.as_view(),
        name="enrollment-lesson",
    ),
    path(
        "enrollments/<int:enrollment_id>/lessons/<uuid:lesson_key>/launch",
        packages.PackageLaunchView.as_view(),
        name="enrollment-lesson-launch",
    ),
    path(
        "enrollments/<int:enrollment_id>/lessons/<uuid:lesson_key>/attempts",
        learning.QuizAttemptView.as_view(),
        name="enrollment-quiz-attempt",
    ),
    path(
        "invitations/<str:token>",
        enrollments.InvitationView.as_view(),
        name="invitation-detail",
    ),
    path(
        "invitations/<str:token>/accept",
        enrollments.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path(
        "courses/<slug:slug>/invitations",
        staff.CourseInvitationListView.as_view(),
        name="course-invitation-list",
    ),
    path(
        "courses/<slug:slug>/invitations/<int:invitation_id>/withdraw",
        staff.CourseInvitationWithdrawView.as_view(),
        name="course-invitation-withdraw",
    ),
    path("statements/", statements.StatementListView.as_view(), name="statement-list"),
]
