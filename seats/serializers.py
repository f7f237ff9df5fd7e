"""Input and output shapes of the seats API."""

from typing import Any

from rest_framework import serializers

from config.api import StrictSerializer
from seats import api as seats_api
from seats.models import SeatAssignment, SeatPool


class SeatPoolSerializer(serializers.ModelSerializer[SeatPool]):
    """A seat pool with its used and free seats (used: active seats, and released seats the
    learner had started)."""

    course = serializers.SlugRelatedField[Any](slug_field="slug", read_only=True)
    course_title = serializers.SerializerMethodField()
    used_seats = serializers.IntegerField(read_only=True)
    free_seats = serializers.SerializerMethodField()

    class Meta:
        model = SeatPool
        fields = (
            "id",
            "course",
            "course_title",
            "seat_count",
            "used_seats",
            "free_seats",
            "source",
            "order_reference",
            "valid_from",
            "valid_until",
            "created_at",
        )
        read_only_fields = fields

    def get_course_title(self, pool: SeatPool) -> str:
        assert pool.course is not None  # noqa: S101 - the pool's check constraint
        return seats_api.course_title(pool.course, self.context.get("language", "en"))

    def get_free_seats(self, pool: SeatPool) -> int:
        return max(pool.seat_count - pool.used_seats, 0)  # type: ignore[attr-defined]


class SeatUploadInputSerializer(StrictSerializer):
    """A CSV file: UTF-8, a header line with `email` and optionally `full_name`."""

    file = serializers.FileField(allow_empty_file=False)


class SeatUploadRowSerializer(serializers.Serializer):
    """One line of the file and what became of it: `assigned`, `already_assigned` (holds an
    active seat of this pool), `no_seats_left` or `invalid_email`. The same for addresses with
    and without an account."""

    line = serializers.IntegerField()
    email = serializers.CharField()
    full_name = serializers.CharField()
    result = serializers.ChoiceField(
        choices=[
            seats_api.ASSIGNED,
            seats_api.ALREADY_ASSIGNED,
            seats_api.NO_SEATS_LEFT,
            seats_api.INVALID_EMAIL,
        ]
    )


class SeatUploadReportSerializer(serializers.Serializer):
    """One result per row, counts per result, and the pool's seats after the upload."""

    pool = serializers.IntegerField()
    seat_count = serializers.IntegerField()
    used_seats = serializers.IntegerField()
    rows = SeatUploadRowSerializer(many=True)
    summary = serializers.DictField(child=serializers.IntegerField())


class SeatLearnerQuerySerializer(StrictSerializer):
    """A page of a pool's learners, optionally in one consent state."""

    consent = serializers.ChoiceField(choices=SeatAssignment.Consent.choices, required=False)
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


class SeatLearnerProgressSerializer(serializers.Serializer):
    """A consenting learner's progress: enrolment status, per cent of the required lessons,
    completion, the current certificate and its public verification page."""

    status = serializers.CharField()
    progress_percent = serializers.IntegerField()
    completed_at = serializers.DateTimeField(allow_null=True)
    certificate_id = serializers.CharField(allow_null=True)
    certificate_url = serializers.URLField(allow_null=True)
    is_certificate_revoked = serializers.BooleanField()


class SeatPoolLearnerSerializer(serializers.Serializer):
    """One seat holder. `progress` is null unless the learner granted consent (and is
    enrolled): `consent` says why (`pending`: awaiting consent, `refused`, `withdrawn`)."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    assigned_at = serializers.DateTimeField()
    consent = serializers.ChoiceField(choices=SeatAssignment.Consent.choices)
    consent_changed_at = serializers.DateTimeField(allow_null=True)
    progress = SeatLearnerProgressSerializer(allow_null=True)


def learner_rows(
    assignments: list[SeatAssignment], progress: dict[int, Any]
) -> list[dict[str, Any]]:
    """The page's rows; progress only for the learners `visible_learner_ids` allowed."""
    visible = seats_api.visible_learner_ids(assignments)
    return [
        {
            "id": assignment.pk,
            "email": assignment.email,
            "full_name": assignment.full_name,
            "assigned_at": assignment.assigned_at,
            "consent": assignment.consent,
            "consent_changed_at": assignment.consent_changed_at,
            "progress": progress.get(assignment.learner_id)
            if assignment.learner_id in visible
            else None,
        }
        for assignment in assignments
    ]


class MySeatSerializer(serializers.Serializer):
    """A seat an employer holds for me, and whether I let it see my progress and certificates."""

    id = serializers.IntegerField(source="pk")
    organization = serializers.CharField(source="pool.organization.slug")
    organization_name = serializers.CharField(source="pool.organization.name")
    course = serializers.CharField(source="pool.course.slug")
    course_title = serializers.SerializerMethodField()
    assigned_at = serializers.DateTimeField()
    consent = serializers.ChoiceField(choices=SeatAssignment.Consent.choices)
    consent_changed_at = serializers.DateTimeField(allow_null=True)

    def get_course_title(self, assignment: SeatAssignment) -> str:
        course = assignment.pool.course
        assert course is not None  # noqa: S101 - the pool's check constraint
        return seats_api.course_title(course, self.context.get("language", "en"))


CONSENT_DECISIONS = [("granted", "granted"), ("refused", "refused")]


class SeatConsentInputSerializer(StrictSerializer):
    """`granted`, or `refused` (recorded as `withdrawn` when it had been granted)."""

    consent = serializers.ChoiceField(choices=CONSENT_DECISIONS)
