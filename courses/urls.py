"""URLs of the catalog and authoring API, mounted under /api/v1/."""

from django.urls import path

from courses import video_views, views

urlpatterns = [
    path("competencies/", views.CompetencyListView.as_view(), name="competency-list"),
    path("courses/", views.CatalogListView.as_view(), name="course-list"),
    path("courses/<slug:slug>/", views.CourseDetailView.as_view(), name="course-detail"),
    path(
        "institutions/<slug:slug>/",
        views.InstitutionDetailView.as_view(),
        name="institution-detail",
    ),
    path(
        "authoring/courses/", views.AuthoringCourseListView.as_view(), name="authoring-course-list"
    ),
    path(
        "authoring/courses/<slug:slug>/",
        views.AuthoringCourseDetailView.as_view(),
        name="authoring-course-detail",
    ),
    path(
        "authoring/courses/<slug:slug>/package",
        views.CoursePackageView.as_view(),
        name="authoring-course-package",
    ),
    path(
        "authoring/courses/<slug:slug>/transitions",
        views.CourseTransitionView.as_view(),
        name="authoring-course-transitions",
    ),
    path("authoring/imports", views.CourseImportView.as_view(), name="authoring-import"),
    path(
        "authoring/courses/<slug:slug>/archive",
        views.CourseArchiveView.as_view(),
        name="authoring-course-archive",
    ),
    path(
        "authoring/courses/<slug:slug>/resources",
        views.CourseResourceView.as_view(),
        name="authoring-course-resources",
    ),
    path(
        "authoring/courses/<slug:slug>/lessons/<uuid:lesson_key>/video",
        video_views.LessonVideoView.as_view(),
        name="authoring-lesson-video",
    ),
    path(
        "authoring/courses/<slug:slug>/diff",
        views.CourseDiffView.as_view(),
        name="authoring-course-diff",
    ),
    path(
        "authoring/courses/<slug:slug>/comments",
        views.ReviewCommentListView.as_view(),
        name="authoring-course-comments",
    ),
    path(
        "authoring/courses/<slug:slug>/comments/<int:comment_id>",
        views.ReviewCommentDetailView.as_view(),
        name="authoring-course-comment",
    ),
]
