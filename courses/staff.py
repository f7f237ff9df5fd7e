"""Courses as their institutions' staff see them: loaders that check membership, role checks,
and the version in progress."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses.models import Course, CourseVersion

State = CourseVersion.State

ROLE_REQUIRED = gettext_lazy("'%(action)s' needs the %(role)s role in an owning institution.")
NO_WORKING_VERSION = gettext_lazy("This course has no version in progress.")
WORKING_STATES = (State.DRAFT, State.IN_REVIEW, State.APPROVED)


def list_courses_for_member(*, user: User) -> QuerySet[Course]:
    """Courses owned by an institution where the user holds a staff role (not a verifier's),
    with their versions."""
    organization_ids = accounts_api.organization_ids_for_user(
        user=user, roles=accounts_api.STAFF_ROLES
    )
    return (
        Course.objects.filter(institutions__in=organization_ids)
        .distinct()
        .prefetch_related("institutions", "versions")
    )


def courses_owned_by(*, organization_ids: set[int]) -> QuerySet[Course]:
    """Courses an institution among `organization_ids` owns (each once), for use as a subquery
    or a filter; nothing is prefetched."""
    through = Course.institutions.through
    return Course.objects.filter(
        pk__in=through.objects.filter(organization_id__in=organization_ids).values("course_id")
    )


def get_course_for_member(*, user: User, slug: str) -> Course:
    """A course the user may see as staff; raises Course.DoesNotExist for unknown and foreign
    courses alike, so a slug reveals nothing."""
    return list_courses_for_member(user=user).get(slug=slug)


def working_version(*, course: Course) -> CourseVersion | None:
    """The draft, in-review or approved version, if one exists."""
    return course.versions.filter(state__in=WORKING_STATES).first()


def get_course_version(*, course: Course, number: int | None) -> CourseVersion:
    """Version `number` of the course, or (None) the working version, else the latest; raises
    CourseVersion.DoesNotExist when there is no such version."""
    versions = course.versions.order_by("-number")
    if number is not None:
        version = versions.filter(number=number).first()
    else:
        version = working_version(course=course) or versions.first()
    if version is None:
        raise CourseVersion.DoesNotExist()
    return version


def require_role(*, user: User, course: Course, role: str, action: str) -> None:
    """Raises PermissionDenied unless the user holds `role` in an institution owning the course."""
    owners = set(course.institutions.values_list("id", flat=True))
    if not owners & accounts_api.organization_ids_for_user(user=user, roles=(role,)):
        raise PermissionDenied(ROLE_REQUIRED % {"action": action, "role": role})
