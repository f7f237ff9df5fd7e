"""Loaders that check access: who may read a course's discussions, who moderates them.

Learners read the discussions of courses they are enrolled in (active or completed); members
of an owning institution (any staff role) read and moderate them. For anyone else a course, a
thread or a post does not exist (404), so ids reveal nothing.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from accounts.models import Membership, Organization, User
from courses.models import Course
from discussions.models import Post, Thread
from enrollment.models import Enrollment

__all__ = [
    "MODERATOR_ROLES",
    "CourseAccess",
    "get_course_for_reader",
    "get_organization_for_moderator",
    "get_post_for_reader",
    "get_thread_for_reader",
]

Role = Membership.Role
# Employers' verifiers hold a role too, but in no institution that owns a course.
MODERATOR_ROLES = (Role.AUTHOR, Role.REVIEWER, Role.APPROVER, Role.ADMIN)
READING_STATUSES = (Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED)


@dataclass(frozen=True)
class CourseAccess:
    """A course the user may read the discussions of, and whether they moderate them."""

    course: Course
    is_moderator: bool


def _access(*, user: User, course_filter: dict[str, object]) -> CourseAccess:
    """One query: the course with the user's enrollment and staff membership as flags (the
    memberships a subquery of it)."""
    if not user.is_authenticated:
        raise Course.DoesNotExist()
    moderator_of = Membership.objects.filter(user=user, role__in=MODERATOR_ROLES).values(
        "organization_id"
    )
    enrolled = Enrollment.objects.filter(
        user=user, course=OuterRef("pk"), status__in=READING_STATUSES
    )
    owned = Course.institutions.through.objects.filter(
        course_id=OuterRef("pk"), organization_id__in=moderator_of
    )
    course = (
        Course.objects.filter(**course_filter)
        .annotate(is_enrolled=Exists(enrolled), is_staff_owner=Exists(owned))
        .get()
    )
    if not (course.is_enrolled or course.is_staff_owner):
        raise Course.DoesNotExist()
    return CourseAccess(course=course, is_moderator=course.is_staff_owner)


def get_course_for_reader(*, user: User, course_slug: str) -> CourseAccess:
    """The course and the user's standing in it; raises Course.DoesNotExist for an unknown
    course and for one the user is neither enrolled in nor staff of. One query."""
    return _access(user=user, course_filter={"slug": course_slug})


def get_thread_for_reader(*, user: User, thread_id: int) -> tuple[Thread, CourseAccess]:
    """A thread the user may read, with their standing in its course; raises
    Thread.DoesNotExist for unknown threads, threads of courses the user cannot read, and
    threads held or hidden from them (only their author and moderators see those)."""
    thread = Thread.objects.select_related("author", "course").filter(pk=thread_id).first()
    if thread is None:
        raise Thread.DoesNotExist()
    try:
        access = _access(user=user, course_filter={"pk": thread.course_id})
    except Course.DoesNotExist as error:
        raise Thread.DoesNotExist() from error
    if not thread.is_visible and not access.is_moderator and thread.author_id != user.pk:
        raise Thread.DoesNotExist()
    return thread, access


def get_post_for_reader(*, user: User, post_id: int) -> tuple[Post, CourseAccess]:
    """A post the user may see, with its thread and their standing in its course; raises
    Post.DoesNotExist alike for unknown posts and those the user may not see."""
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None:
        raise Post.DoesNotExist()
    try:
        thread, access = get_thread_for_reader(user=user, thread_id=post.thread_id)
    except Thread.DoesNotExist as error:
        raise Post.DoesNotExist() from error
    post.thread = thread
    if post.state == Post.State.HELD and not access.is_moderator and post.author_id != user.pk:
        raise Post.DoesNotExist()
    return post, access


def get_organization_for_moderator(*, user: User, slug: str) -> Organization:
    """An organisation the user moderates (holds a staff role in); raises
    Organization.DoesNotExist for unknown ones and others' alike."""
    if not user.is_authenticated:
        raise Organization.DoesNotExist()
    return (
        Organization.objects.filter(
            slug=slug, memberships__user=user, memberships__role__in=MODERATOR_ROLES
        )
        .distinct()
        .get()
    )
