"""Shapes of review: workflow actions, the diff, review comments."""

from rest_framework import serializers

from config.api import StrictSerializer
from config.languages import LanguageField
from courses import api as courses_api
from courses.models import ReviewComment


class TransitionInputSerializer(StrictSerializer):
    """A workflow action on the course's current version."""

    action = serializers.ChoiceField(choices=sorted(courses_api.TRANSITIONS))
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ChangeSerializer(serializers.Serializer):
    """One item added, removed or changed between two versions."""

    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    item = serializers.ChoiceField(choices=["course", "module", "lesson", "question", "option"])
    key = serializers.CharField()
    title = serializers.CharField(help_text="In the course's primary language; empty for options.")
    fields = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]


class DiffSerializer(serializers.Serializer):
    """The differences of the working version against the published one (or the previous)."""

    from_version = serializers.IntegerField(allow_null=True)
    to_version = serializers.IntegerField()
    changes = ChangeSerializer(many=True)


class ReviewCommentQuerySerializer(StrictSerializer):
    """Filters of the review comments of a course."""

    version = serializers.IntegerField(
        required=False, min_value=1, max_value=999_999, help_text="Only this version's comments."
    )
    lesson = serializers.UUIDField(required=False, help_text="Only comments on this lesson.")
    is_resolved = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Only resolved, or only open."
    )
    lang = LanguageField(required=False)
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


class ReviewCommentInputSerializer(StrictSerializer):
    """A new review comment: on a lesson (its key), or on the whole version when `lesson` is
    left out."""

    body = serializers.CharField(max_length=5000)
    lesson = serializers.UUIDField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=999_999,
        help_text="Version number; default: the working version, else the latest.",
    )


class ReviewCommentUpdateSerializer(StrictSerializer):
    """Resolve a review comment, or open it again."""

    is_resolved = serializers.BooleanField()


class CommentAuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class ReviewCommentSerializer(serializers.ModelSerializer[ReviewComment]):
    """A review comment on a version, about one lesson (`lesson`) or the whole version (null)."""

    version = serializers.IntegerField(source="version.number", read_only=True)
    lesson = serializers.UUIDField(source="lesson_key", read_only=True, allow_null=True)
    lesson_title = serializers.SerializerMethodField()
    author = CommentAuthorSerializer(read_only=True, allow_null=True)
    resolved_by = CommentAuthorSerializer(read_only=True, allow_null=True)
    is_mine = serializers.SerializerMethodField()

    class Meta:
        model = ReviewComment
        fields = (
            "id",
            "version",
            "lesson",
            "lesson_title",
            "body",
            "author",
            "is_mine",
            "created_at",
            "is_resolved",
            "resolved_at",
            "resolved_by",
        )
        read_only_fields = fields

    def get_lesson_title(self, comment: ReviewComment) -> str | None:
        """The lesson's title in the version commented on (null for whole-version comments)."""
        if comment.lesson_key is None:
            return None
        titles: dict[tuple[int, str], str] = self.context.get("lesson_titles", {})
        return titles.get((comment.version_id, str(comment.lesson_key)))

    def get_is_mine(self, comment: ReviewComment) -> bool:
        return comment.author_id is not None and comment.author_id == self.context.get("user_id")
