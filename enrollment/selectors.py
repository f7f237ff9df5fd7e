"""Reads of enrollments that views need: a learner's enrollments, their waitlist places, and
whether and how one can enrol in a course now."""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import User
from courses.models import Course
from enrollment import staff
from enrollment.models import Enrollment

__all__ = [
    "enrollment_state",
    "get_enrollment_for_user",
    "list_enrollments",
    "waitlist_positions",
]

Status = Enrollment.Status


def list_enrollments(*, user: User, course_slug: str | None = None) -> QuerySet[Enrollment]:
    """The user's enrollments (all statuses), newest first, with course and version; only the
    one in the course `course_slug` when given (none for unknown courses)."""
    enrollments = Enrollment.objects.filter(user=user).select_related("course", "version")
    if course_slug is not None:
        enrollments = enrollments.filter(course__slug=course_slug)
    return enrollments


def get_enrollment_for_user(*, user: User, enrollment_id: int) -> Enrollment:
    """The user's own enrollment; raises Enrollment.DoesNotExist for unknown and foreign alike."""
    return list_enrollments(user=user).get(pk=enrollment_id)


def enrollment_state(*, user: User, course_slug: str, language: str) -> dict[str, Any]:
    """Whether and how one can enrol in a published course now: its enrolment window, capacity
    and places left (None when unlimited), and for a signed-in user their own enrollment (with
    the waitlist place) and the prerequisites they have not completed, titled in `language`.

    Read-only and uncached (places change with every enrolment); at most six queries. Raises
    Course.DoesNotExist when the course is unknown or not published.
    """
    course = Course.objects.select_related("published_version").get(
        slug=course_slug, published_version__isnull=False
    )
    now = timezone.now()
    places_left = None
    if course.capacity is not None:
        active = Enrollment.objects.filter(course=course, status=Status.ACTIVE).count()
        places_left = max(0, course.capacity - active)
    state: dict[str, Any] = {
        "course": course.slug,
        "enrollment_opens_at": course.enrollment_opens_at,
        "enrollment_closes_at": course.enrollment_closes_at,
        "is_open": not (course.enrollment_opens_at and now < course.enrollment_opens_at)
        and not (course.enrollment_closes_at and now > course.enrollment_closes_at),
        "capacity": course.capacity,
        "places_left": places_left,
        "my_enrollment": None,
        "missing_prerequisites": None,
    }
    if not user.is_authenticated:
        return state
    mine = Enrollment.objects.filter(user=user, course=course).first()
    if mine is not None:
        state["my_enrollment"] = {
            "id": mine.pk,
            "status": mine.status,
            "waitlist_position": waitlist_positions(enrollments=[mine]).get(mine.pk),
        }
    version = course.published_version
    completed = Enrollment.objects.filter(user=user, course=OuterRef("pk"), status=Status.COMPLETED)
    missing = (
        Course.objects.filter(required_by=version)
        .annotate(is_completed=Exists(completed))
        .filter(is_completed=False)
        .select_related("published_version")
        .order_by("slug")
    )
    state["missing_prerequisites"] = [
        {"slug": prerequisite.slug, "title": staff.course_title(prerequisite, language)}
        for prerequisite in missing
    ]
    return state


def waitlist_positions(*, enrollments: list[Enrollment]) -> dict[int, int]:
    """Waitlist places (1 for the first in the queue) of the waitlisted enrollments given, by
    enrollment id, in one query for any number; no query when none is waitlisted."""
    waiting = {e.pk for e in enrollments if e.status == Status.WAITLISTED}
    if not waiting:
        return {}
    queues = (
        Enrollment.objects.filter(
            course_id__in={e.course_id for e in enrollments if e.pk in waiting},
            status=Status.WAITLISTED,
        )
        .order_by("course_id", "status_changed_at", "pk")
        .values_list("pk", "course_id")
    )
    positions: dict[int, int] = {}
    place: dict[int, int] = {}
    for pk, course_id in queues:
        place[course_id] = place.get(course_id, 0) + 1
        if pk in waiting:
            positions[pk] = place[course_id]
    return positions
