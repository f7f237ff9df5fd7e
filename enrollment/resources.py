"""Who may download a resource lesson's file: its course's staff, and its learners."""

from typing import Any

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from enrollment.models import Enrollment

__all__ = ["open_resource_file"]

# Learners who keep access to what they studied: enrolled now, or finished.
_READING_STATUSES = (Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED)


def open_resource_file(*, user: User | Any, name: str) -> accounts_api.StoredFile:
    """The resource file stored under `name`, for a member (any role) of an institution owning
    its course, or a learner with an active or completed enrollment in a version whose lessons
    offer it. Raises Resource.DoesNotExist for an unknown file and a forbidden one alike."""
    resource = courses_api.get_resource_by_stored_name(name=name)
    if not user.is_authenticated or not (
        courses_api.list_courses_for_member(user=user).filter(pk=resource.course_id).exists()
        or Enrollment.objects.filter(
            user=user,
            course_id=resource.course_id,
            status__in=_READING_STATUSES,
            version_id__in=courses_api.version_ids_offering_resource(resource_id=resource.pk),
        ).exists()
    ):
        raise type(resource).DoesNotExist
    return accounts_api.StoredFile(
        file=resource.file, download_name=resource.filename, content_type=resource.content_type
    )
