"""Input and output shapes of the seats API."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import StrictSerializer
from seats import api as seats_api
from seats.models import SeatAssignment, SeatPool


class SeatTargetSerializer(serializers.Serializer):
    """What a pool's seats are on: a `course` or a `program`, its slug and title."""

    kind = serializers.ChoiceField(choices=[("course", "course"), ("program", "program")])
    slug = serializers.CharField()
    title = serializers.CharField()


def target_of(pool: SeatPool, language: str) -> dict[str, str]:
    """The pool's target as SeatTargetSerializer shows it."""
    if pool.program is not None:
        return {
            "kind": "program",
            "slug": pool.program.slug,
            "title": seats_api.target_title(pool, language),
        }
    assert pool.course is not None  # noqa: S101 - the pool's check constraint
    return {
        "kind": "course",
        "slug": pool.course.slug,
        "title": seats_api.target_title(pool, language),
    }


class SeatPoolSerializer(serializers.ModelSerializer[SeatPool]):
    """A seat pool with its used and free seats (used: active seats, and released seats the
    learner had started). `target` says whether it is on a course or a program; `course` and
    `course_title` are null for a program pool."""

    course = serializers.SlugRelatedField[Any](slug_field="slug", read_only=True, allow_null=True)
    course_title = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    used_seats = serializers.IntegerField(read_only=True)
    free_seats = serializers.SerializerMethodField()

    class Meta:
        model = SeatPool
        fields = (
            "id",
            "course",
            "course_title",
            "target",
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

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_course_title(self, pool: SeatPool) -> str | None:
        if pool.course is None:
            return None
        return seats_api.course_title(pool.course, self.context.get("language", "en"))

    @extend_schema_field(SeatTargetSerializer)
    def get_target(self, pool: SeatPool) -> dict[str, str]:
        return target_of(pool, self.context.get("language", "en"))

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


class SeatLearnerProgramProgressSerializer(serializers.Serializer):
    """A consenting learner's progress in the pool's program: `done_count` of
    `required_count` courses done, the next course's slug, completion, and the program
    credential with its public verification page once earned."""

    done_count = serializers.IntegerField()
    required_count = serializers.IntegerField()
    is_complete = serializers.BooleanField()
    next_course = serializers.CharField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    credential_id = serializers.CharField(allow_null=True)
    credential_url = serializers.URLField(allow_null=True)


class SeatPoolLearnerSerializer(serializers.Serializer):
    """One seat holder. `progress` (a course pool) and `program_progress` (a program pool)
    are null unless the learner granted consent (and, for a course, is enrolled): `consent`
    says why (`pending`: awaiting consent, `refused`, `withdrawn`)."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    assigned_at = serializers.DateTimeField()
    consent = serializers.ChoiceField(choices=SeatAssignment.Consent.choices)
    consent_changed_at = serializers.DateTimeField(allow_null=True)
    progress = SeatLearnerProgressSerializer(allow_null=True)
    program_progress = SeatLearnerProgramProgressSerializer(allow_null=True)


def learner_rows(
    assignments: list[SeatAssignment],
    progress: dict[int, Any],
    program_progress: dict[int, Any] | None = None,
) -> list[dict[str, Any]]:
    """The page's rows; progress only for the learners `visible_learner_ids` allowed."""
    visible = seats_api.visible_learner_ids(assignments)
    program_progress = program_progress or {}
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
            "program_progress": program_progress.get(assignment.learner_id)
            if assignment.learner_id in visible
            else None,
        }
        for assignment in assignments
    ]


class MySeatSerializer(serializers.Serializer):
    """A seat an employer holds for me (on a course or a program: `target`; `course` and
    `course_title` are null for a program), and whether I let it see my progress and
    certificates."""

    id = serializers.IntegerField(source="pk")
    organization = serializers.CharField(source="pool.organization.slug")
    organization_name = serializers.CharField(source="pool.organization.name")
    course = serializers.CharField(source="pool.course.slug", allow_null=True)
    course_title = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    assigned_at = serializers.DateTimeField()
    consent = serializers.ChoiceField(choices=SeatAssignment.Consent.choices)
    consent_changed_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_course_title(self, assignment: SeatAssignment) -> str | None:
        course = assignment.pool.course
        if course is None:
            return None
        return seats_api.course_title(course, self.context.get("language", "en"))

    @extend_schema_field(SeatTargetSerializer)
    def get_target(self, assignment: SeatAssignment) -> dict[str, str]:
        return target_of(assignment.pool, self.context.get("language", "en"))


CONSENT_DECISIONS = [("granted", "granted"), ("refused", "refused")]


class SeatConsentInputSerializer(StrictSerializer):
    """`granted`, or `refused` (recorded as `withdrawn` when it had been granted)."""

    consent = serializers.ChoiceField(choices=CONSENT_DECISIONS)
