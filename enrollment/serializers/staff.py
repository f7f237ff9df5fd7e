"""What a course's staff send and see: bulk enrolment by CSV, pending invitations, and the
analytics of a course and of an institution."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import StrictSerializer, paginated
from enrollment import api as enrollment_api


class BulkEnrollInputSerializer(StrictSerializer):
    """A CSV file (UTF-8, header line with `email` and optionally `name`) and the course."""

    course = serializers.SlugField(max_length=80)
    file = serializers.FileField(allow_empty_file=False)


class BulkRowSerializer(serializers.Serializer):
    """One line of the file: `invited` (an invitation e-mail went out), `already_invited` (one
    is open or was accepted; nothing sent) or `error` with a message. The same for addresses
    with and without an account."""

    line = serializers.IntegerField()
    email = serializers.CharField()
    name = serializers.CharField(
        allow_blank=True, help_text="The file's name, normalised; never e-mailed or stored."
    )
    result = serializers.ChoiceField(choices=["invited", "already_invited", "error"])
    message = serializers.CharField(required=False)


class BulkEnrollReportSerializer(serializers.Serializer):
    """One result per row, and counts per result."""

    course = serializers.CharField()
    rows = BulkRowSerializer(many=True)
    summary = serializers.DictField(child=serializers.IntegerField())


class PageQuerySerializer(StrictSerializer):
    """A page of a list."""

    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


class StaffInvitationSerializer(serializers.Serializer):
    """A course's pending invitation, for its staff."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField(allow_blank=True)
    state = serializers.SerializerMethodField()
    sent_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.ChoiceField(choices=["open", "expired", "withdrawn"]))
    def get_state(self, invitation: Any) -> str:
        return enrollment_api.invitation_state(invitation)


PaginatedStaffInvitationSerializer = paginated(
    StaffInvitationSerializer, name="PaginatedStaffInvitationList"
)


class DailyCountSerializer(serializers.Serializer):
    date = serializers.DateField()
    count = serializers.IntegerField()


class FunnelStepSerializer(serializers.Serializer):
    module = serializers.UUIDField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    learners_completed = serializers.IntegerField()


class QuestionDifficultySerializer(serializers.Serializer):
    question = serializers.UUIDField()
    lesson = serializers.CharField()
    prompt = serializers.CharField()
    answers = serializers.IntegerField()
    correct_share = serializers.FloatField(allow_null=True)


class GradeBandSerializer(serializers.Serializer):
    """Completed enrolments whose final grade is in [from_grade, to_grade) (the last band
    includes 100)."""

    from_grade = serializers.IntegerField()
    to_grade = serializers.IntegerField()
    count = serializers.IntegerField()


class CourseAnalyticsSerializer(serializers.Serializer):
    """A course's enrolments, completion, grades, funnel and question difficulty."""

    course = serializers.CharField()
    enrollments = serializers.DictField(child=serializers.IntegerField())
    enrollments_over_time = DailyCountSerializer(many=True)
    active_learners_30_days = serializers.IntegerField()
    completion_rate = serializers.FloatField(allow_null=True)
    average_grade = serializers.CharField(allow_null=True)
    grade_distribution = GradeBandSerializer(many=True)
    funnel = FunnelStepSerializer(many=True)
    questions = QuestionDifficultySerializer(many=True)


class CourseSummarySerializer(serializers.Serializer):
    """One course of an institution: enrolments by status, completion, average grade."""

    course = serializers.CharField()
    title = serializers.CharField()
    is_published = serializers.BooleanField()
    enrollments = serializers.DictField(child=serializers.IntegerField())
    completion_rate = serializers.FloatField(allow_null=True)
    average_grade = serializers.CharField(allow_null=True)


class InstitutionAnalyticsSerializer(serializers.Serializer):
    """An institution's enrolments and completions over time, totals, and a summary per course."""

    institution = serializers.CharField()
    name = serializers.CharField()
    enrollments = serializers.DictField(
        child=serializers.IntegerField(), help_text="Enrolments of all its courses, by status."
    )
    enrollments_over_time = DailyCountSerializer(many=True, help_text="Last 90 days.")
    completions_over_time = DailyCountSerializer(many=True, help_text="Last 90 days.")
    completions = serializers.IntegerField()
    completion_rate = serializers.FloatField(
        allow_null=True, help_text="Completed among everyone not on a waitlist."
    )
    average_grade = serializers.CharField(allow_null=True, help_text="Of completed enrolments.")
    grade_distribution = GradeBandSerializer(many=True)
    active_learners_30_days = serializers.IntegerField(
        help_text="Learners with a learning event in its courses in the last 30 days."
    )
    courses = CourseSummarySerializer(many=True)
