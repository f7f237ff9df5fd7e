"""Input and output shapes of the discussions API."""

from typing import Any

from django.conf import settings
from rest_framework import serializers

from accounts.models import User
from config.api import StrictSerializer
from config.languages import LanguageField
from discussions.api import POST_ACTIONS, THREAD_ACTIONS
from discussions.models import Attachment, Mute, Post, Preference, Thread

# The body's own limit (discussions.text) answers with the exact numbers; this one only stops
# a client from making the server parse megabytes of text first.
BODY_FIELD_MAX = 1_100_000


class AuthorSerializer(serializers.ModelSerializer[User]):
    name = serializers.CharField(source="full_name")

    class Meta:
        model = User
        fields = ("id", "name")
        read_only_fields = fields


class ThreadInputSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=Thread.Kind.choices)
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=BODY_FIELD_MAX, trim_whitespace=False)
    language = LanguageField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The language it is written in; detected from the text when omitted.",
    )
    lesson_key = serializers.UUIDField(required=False, allow_null=True, default=None)
    attachment_keys = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list, max_length=10
    )


class ReplyInputSerializer(StrictSerializer):
    body = serializers.CharField(max_length=BODY_FIELD_MAX, trim_whitespace=False)
    parent_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    attachment_keys = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list, max_length=10
    )


class EditInputSerializer(StrictSerializer):
    body = serializers.CharField(max_length=BODY_FIELD_MAX, trim_whitespace=False)


class ThreadFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Thread.Kind.choices, required=False)
    language = LanguageField(required=False)
    is_answered = serializers.BooleanField(required=False, allow_null=True, default=None)
    lesson_key = serializers.UUIDField(required=False)
    q = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)


class PostAttachmentSerializer(serializers.ModelSerializer[Attachment]):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ("key", "name", "content_type", "size", "url")
        read_only_fields = fields

    def get_url(self, attachment: Attachment) -> str:
        return f"{settings.MEDIA_URL}{attachment.file.name}"


class ThreadSerializer(serializers.ModelSerializer[Thread]):
    author = AuthorSerializer(allow_null=True)
    is_following = serializers.BooleanField()

    class Meta:
        model = Thread
        fields = (
            "id",
            "kind",
            "title",
            "language",
            "lesson_key",
            "author",
            "is_answered",
            "is_pinned",
            "is_locked",
            "is_visible",
            "reply_count",
            "upvote_count",
            "created_at",
            "last_activity_at",
            "is_following",
        )
        read_only_fields = fields


class PostSerializer(serializers.ModelSerializer[Post]):
    """A post; the text of a deleted or hidden post is shown only to moderators (hidden) and
    to nobody (deleted): the thread keeps a placeholder."""

    author = AuthorSerializer(allow_null=True)
    attachments = PostAttachmentSerializer(many=True)
    is_upvoted = serializers.BooleanField()
    is_mine = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = (
            "id",
            "parent_id",
            "is_opening",
            "author",
            "body",
            "body_html",
            "state",
            "is_endorsed",
            "upvote_count",
            "is_upvoted",
            "is_mine",
            "attachments",
            "created_at",
            "edited_at",
        )
        read_only_fields = fields

    def shows_text(self, post: Post) -> bool:
        if post.state == Post.State.HIDDEN:
            return bool(self.context.get("is_moderator"))
        return post.state != Post.State.DELETED

    def get_is_mine(self, post: Post) -> bool:
        return post.author_id == self.context["user_id"]

    def get_body(self, post: Post) -> str:
        """The Markdown source, for its author's editor (empty for everyone else)."""
        return post.body if self.get_is_mine(post) and self.shows_text(post) else ""

    def get_body_html(self, post: Post) -> str:
        return post.body_html if self.shows_text(post) else ""

    def to_representation(self, instance: Post) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.shows_text(instance):
            data["attachments"] = []
        return data


class ThreadDetailSerializer(serializers.Serializer):
    thread = ThreadSerializer()
    opening_post = PostSerializer()
    is_moderator = serializers.BooleanField()
    course_slug = serializers.CharField()


class UpvoteInputSerializer(StrictSerializer):
    is_upvoted = serializers.BooleanField()


class FollowInputSerializer(StrictSerializer):
    is_following = serializers.BooleanField()


class AnsweredInputSerializer(StrictSerializer):
    is_answered = serializers.BooleanField()


class EndorseInputSerializer(StrictSerializer):
    is_endorsed = serializers.BooleanField()


class ReportInputSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=1000)


class ReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class PostModerationInputSerializer(StrictSerializer):
    action = serializers.ChoiceField(choices=POST_ACTIONS)


class ThreadModerationInputSerializer(StrictSerializer):
    action = serializers.ChoiceField(choices=THREAD_ACTIONS)


class QueueItemSerializer(serializers.ModelSerializer[Post]):
    author = AuthorSerializer(allow_null=True)
    thread_id = serializers.IntegerField()
    thread_title = serializers.CharField(source="thread.title")
    course_slug = serializers.CharField(source="thread.course.slug")
    open_reports = serializers.IntegerField()
    reports = ReportOutputSerializer(many=True, source="open_report_list")

    class Meta:
        model = Post
        fields = (
            "id",
            "thread_id",
            "thread_title",
            "course_slug",
            "is_opening",
            "author",
            "body_html",
            "state",
            "created_at",
            "open_reports",
            "reports",
        )
        read_only_fields = fields


class MuteInputSerializer(StrictSerializer):
    user_id = serializers.IntegerField(min_value=1)
    days = serializers.IntegerField(min_value=1, max_value=365)
    reason = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class MuteSerializer(serializers.ModelSerializer[Mute]):
    user = AuthorSerializer()

    class Meta:
        model = Mute
        fields = ("user", "until", "reason", "created_at")
        read_only_fields = fields


class WordFilterSerializer(StrictSerializer):
    words = serializers.ListField(
        child=serializers.CharField(max_length=100, allow_blank=True), max_length=1000
    )


class PreferenceSerializer(StrictSerializer):
    email_mode = serializers.ChoiceField(choices=Preference.EmailMode.choices)


class AttachmentUploadSerializer(StrictSerializer):
    file = serializers.FileField()
