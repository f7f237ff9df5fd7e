"""URLs of records, mounted under /api/v1/."""

from django.urls import path

from records import views

urlpatterns = [
    path("me/learner-record", views.LearnerRecordView.as_view(), name="learner-record"),
    path(
        "verify/learner-record",
        views.VerifyLearnerRecordView.as_view(),
        name="verify-learner-record",
    ),
]
