"""Who may play a lesson video's playlists, segments and poster: its course's staff and
learners, and anyone when the lesson is a preview of the published course."""

from typing import Any

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from enrollment.models import Enrollment

__all__ = ["open_video_file"]

# Learners who keep access to what they studied: enrolled now, or finished.
_WATCHING_STATUSES = (Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED)


def open_video_file(*, user: User | Any, name: str) -> accounts_api.StoredFile:
    """A ready video's HLS playlist, segment or poster stored under `name`, for anyone when
    its lesson is a preview in the course's published version; otherwise for a member (any
    role) of an institution owning its course, or a learner with an active or completed
    enrollment in that course. Raises VideoAsset.DoesNotExist for an unknown file and a
    forbidden one alike (the uploaded source is never served)."""
    asset, stored = courses_api.get_video_file(name=name)
    if courses_api.is_preview_lesson(course_id=asset.course_id, lesson_key=asset.lesson_key):
        return stored
    if not user.is_authenticated or not (
        courses_api.list_courses_for_member(user=user).filter(pk=asset.course_id).exists()
        or Enrollment.objects.filter(
            user=user, course_id=asset.course_id, status__in=_WATCHING_STATUSES
        ).exists()
    ):
        raise type(asset).DoesNotExist
    return stored
