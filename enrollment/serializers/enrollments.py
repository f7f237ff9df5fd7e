"""Enrolling, as learners see it: my enrollments, whether and how I can enrol in a course,
and an invitation's link."""

from rest_framework import serializers

from config.api import StrictSerializer
from courses import api as courses_api
from enrollment.models import Enrollment


class EnrollInputSerializer(StrictSerializer):
    """The course to enrol in, by slug."""

    course = serializers.SlugField(max_length=80)


class EnrollmentQuerySerializer(StrictSerializer):
    """Filters of my enrollments."""

    course = serializers.SlugField(
        max_length=80, required=False, help_text="Only my enrollment in this course (by slug)."
    )
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


class EnrollmentSerializer(serializers.ModelSerializer[Enrollment]):
    """An enrollment, pinned to the course version it was made in."""

    course = serializers.CharField(source="course.slug", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    title = serializers.SerializerMethodField()
    waitlist_position = serializers.SerializerMethodField()
    newer_version_available = serializers.SerializerMethodField()

    class Meta:
        model = Enrollment
        fields = (
            "id",
            "course",
            "title",
            "version",
            "status",
            "enrolled_at",
            "completed_at",
            "final_grade",
            "waitlist_position",
            "newer_version_available",
        )
        read_only_fields = fields

    def get_title(self, enrollment: Enrollment) -> str:
        version = enrollment.version
        language = self.context.get("language", version.primary_language)
        texts = courses_api.pick(version.translations, language, version.primary_language)
        return str(texts.get("title", enrollment.course.slug))

    def get_newer_version_available(self, enrollment: Enrollment) -> bool:
        current = enrollment.course.published_version_id
        return enrollment.status == Enrollment.Status.ACTIVE and current not in (
            None,
            enrollment.version_id,
        )

    def get_waitlist_position(self, enrollment: Enrollment) -> int | None:
        positions: dict[int, int] = self.context.get("waitlist_positions", {})
        return positions.get(enrollment.pk)


class MyEnrollmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Enrollment.Status.choices)
    waitlist_position = serializers.IntegerField(allow_null=True)


class PrerequisiteStateSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()


class EnrollmentStateSerializer(serializers.Serializer):
    """Whether and how one can enrol now, and where I stand (for a signed-in user)."""

    course = serializers.CharField()
    enrollment_opens_at = serializers.DateTimeField(allow_null=True)
    enrollment_closes_at = serializers.DateTimeField(allow_null=True)
    is_open = serializers.BooleanField(help_text="Now within the enrolment window.")
    capacity = serializers.IntegerField(allow_null=True, help_text="Null: no limit.")
    places_left = serializers.IntegerField(
        allow_null=True, help_text="Null: no limit; 0: new enrolments join the waitlist."
    )
    my_enrollment = MyEnrollmentSerializer(
        allow_null=True, help_text="Null when signed out or not enrolled."
    )
    missing_prerequisites = PrerequisiteStateSerializer(
        many=True, allow_null=True, help_text="Prerequisites I have not completed; null signed out."
    )


class InvitationInstitutionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class InvitationSerializer(serializers.Serializer):
    """What an invitation link shows: public facts about the course and the invited address."""

    course = serializers.CharField(help_text="The course's slug.")
    course_title = serializers.CharField()
    institutions = InvitationInstitutionSerializer(many=True)
    email = serializers.EmailField(help_text="The invited address (to sign in or register with).")
    state = serializers.ChoiceField(choices=["open", "expired", "accepted", "withdrawn"])
    expires_at = serializers.DateTimeField()
    is_for_you = serializers.BooleanField(
        allow_null=True,
        help_text="Signed in: whether your account's address is the invited one; else null.",
    )
