"""URLs of the catalog and authoring API, mounted under /api/v1/."""

from django.urls import path

from courses.views import (
    authoring,
    captions,
    catalog,
    covers,
    elearning,
    resources,
    review,
    video,
    video_uploads,
)

urlpatterns = [
    path("competencies/", catalog.CompetencyListView.as_view(), name="competency-list"),
    path("standards/", catalog.StandardListView.as_view(), name="standard-list"),
    path("courses/", catalog.CatalogListView.as_view(), name="course-list"),
    path("courses/<slug:slug>/", catalog.CourseDetailView.as_view(), name="course-detail"),
    path(
        "courses/<slug:slug>/lessons/<uuid:lesson_key>/preview",
        catalog.PreviewLessonView.as_view(),
        name="course-lesson-preview",
    ),
    path(
        "institutions/<slug:slug>/",
        catalog.InstitutionDetailView.as_view(),
        name="institution-detail",
    ),
    path(
        "authoring/courses/",
        authoring.AuthoringCourseListView.as_view(),
        name="authoring-course-list",
    ),
    path(
        "authoring/courses/<slug:slug>/",
        authoring.AuthoringCourseDetailView.as_view(),
        name="authoring-course-detail",
    ),
    path(
        "authoring/courses/<slug:slug>/package",
        authoring.CoursePackageView.as_view(),
        name="authoring-course-package",
    ),
    path(
        "authoring/courses/<slug:slug>/transitions",
        review.CourseTransitionView.as_view(),
        name="authoring-course-transitions",
    ),
    path("authoring/imports", authoring.CourseImportView.as_view(), name="authoring-import"),
    path(
        "authoring/courses/<slug:slug>/archive",
        authoring.CourseArchiveView.as_view(),
        name="authoring-course-archive",
    ),
    path(
        "authoring/courses/<slug:slug>/resources",
        resources.CourseResourceView.as_view(),
        name="authoring-course-resources",
    ),
    path(
        "authoring/courses/<slug:slug>/cover",
        covers.CourseCoverView.as_view(),
        name="authoring-course-cover",
    ),
    path(
        "authoring/courses/<slug:slug>/lessons/<uuid:lesson_key>/package",
        elearning.LessonPackageView.as_view(),
        name="authoring-lesson-package",
    ),
    path(
        "authoring/courses/<slug:slug>/lessons/<uuid:lesson_key>/video",
        video.LessonVideoView.as_view(),
        name="authoring-lesson-video",
    ),
    path(
        "authoring/courses/<slug:slug>/lessons/<uuid:lesson_key>/video/uploads",
        video_uploads.VideoUploadListView.as_view(),
        name="authoring-lesson-video-uploads",
    ),
    path(
        "authoring/courses/<slug:slug>/lessons/<uuid:lesson_key>/video/uploads/<uuid:upload_id>",
        video_uploads.VideoUploadDetailView.as_view(),
        name="authoring-lesson-video-upload",
    ),
    path(
        "authoring/courses/<slug:slug>/lessons/<uuid:lesson_key>/captions",
        captions.LessonCaptionsView.as_view(),
        name="authoring-lesson-captions",
    ),
    path(
        "authoring/courses/<slug:slug>/diff",
        review.CourseDiffView.as_view(),
        name="authoring-course-diff",
    ),
    path(
        "authoring/courses/<slug:slug>/comments",
        review.ReviewCommentListView.as_view(),
        name="authoring-course-comments",
    ),
    path(
        "authoring/courses/<slug:slug>/comments/<int:comment_id>",
        review.ReviewCommentDetailView.as_view(),
        name="authoring-course-comment",
    ),
]
