"""The discussions API under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from discussions.views import moderation, threads

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "courses/<slug:slug>/discussions/",
        threads.CourseThreadsView.as_view(),
        name="course-threads",
    ),
    path(
        "courses/<slug:slug>/discussions/attachments",
        threads.AttachmentUploadView.as_view(),
        name="attachment-upload",
    ),
    path(
        "discussions/threads/<int:thread_id>",
        threads.ThreadDetailView.as_view(),
        name="thread-detail",
    ),
    path(
        "discussions/threads/<int:thread_id>/posts/",
        threads.ThreadPostsView.as_view(),
        name="thread-posts",
    ),
    path(
        "discussions/threads/<int:thread_id>/follow",
        threads.FollowView.as_view(),
        name="thread-follow",
    ),
    path(
        "discussions/threads/<int:thread_id>/answered",
        threads.AnsweredView.as_view(),
        name="thread-answered",
    ),
    path(
        "discussions/threads/<int:thread_id>/moderate",
        moderation.ThreadModerationView.as_view(),
        name="thread-moderate",
    ),
    path("discussions/posts/<int:post_id>", threads.PostDetailView.as_view(), name="post-detail"),
    path(
        "discussions/posts/<int:post_id>/upvote", threads.UpvoteView.as_view(), name="post-upvote"
    ),
    path(
        "discussions/posts/<int:post_id>/endorse",
        threads.EndorseView.as_view(),
        name="post-endorse",
    ),
    path(
        "discussions/posts/<int:post_id>/reports",
        moderation.ReportView.as_view(),
        name="post-report",
    ),
    path(
        "discussions/posts/<int:post_id>/moderate",
        moderation.PostModerationView.as_view(),
        name="post-moderate",
    ),
    path(
        "discussions/moderation/<slug:slug>/queue",
        moderation.QueueView.as_view(),
        name="moderation-queue",
    ),
    path(
        "discussions/moderation/<slug:slug>/mutes",
        moderation.MuteListView.as_view(),
        name="moderation-mutes",
    ),
    path(
        "discussions/moderation/<slug:slug>/mutes/<int:user_id>",
        moderation.MuteDetailView.as_view(),
        name="moderation-mute",
    ),
    path(
        "discussions/moderation/<slug:slug>/word-filter",
        moderation.WordFilterView.as_view(),
        name="moderation-word-filter",
    ),
    path("discussions/preferences", moderation.PreferenceView.as_view(), name="preferences"),
]
