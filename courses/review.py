"""What reviewers read and write: the diff against the published version, translation
completeness, and review comments on lessons or whole versions."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses.diff import diff_packages
from courses.export import export_course_package
from courses.models import Course, CourseVersion, Lesson, ReviewComment
from courses.staff import NO_WORKING_VERSION, get_course_for_member, working_version
from courses.text import pick

State = CourseVersion.State


def translation_completeness(*, version: CourseVersion) -> dict[str, int]:
    """Per course language, the percentage of learner-visible texts written in that language."""
    texts: list[dict[str, Any]] = [version.translations]
    for module in version.modules.prefetch_related("lessons__quiz__questions__options"):
        texts.append(module.translations)
        for lesson in module.lessons.all():
            texts.append(lesson.translations)
            if lesson.kind == Lesson.Kind.QUIZ:
                for question in lesson.quiz.questions.all():
                    texts.append(question.translations)
                    texts.extend(
                        {k: {"text": v} for k, v in option.translations.items()}
                        for option in question.options.all()
                    )
    required = list(_fields_present(texts, version.primary_language))
    result = {}
    for language in version.languages:
        filled = sum(
            1
            for index, name in required
            if (texts[index].get(language) or {}).get(name, "").strip()
        )
        result[language] = 100 if not required else filled * 100 // len(required)
    return result


def _fields_present(texts: list[dict[str, Any]], primary: str) -> list[tuple[int, str]]:
    return [
        (index, name)
        for index, translations in enumerate(texts)
        for name, value in (translations.get(primary) or {}).items()
        if str(value).strip()
    ]


def diff_against_published(*, course: Course) -> dict[str, Any]:
    """The changes of the working version (else the latest) against the published version.

    Raises CourseVersion.DoesNotExist when the course has no version at all.
    """
    target = working_version(course=course) or course.versions.order_by("-number").first()
    if target is None:
        raise CourseVersion.DoesNotExist
    base = course.versions.filter(state=State.PUBLISHED).first()
    if base is None or base.pk == target.pk:
        base = course.versions.filter(number__lt=target.number).order_by("-number").first()
    old = export_course_package(version=base) if base else None
    return {
        "from_version": base.number if base else None,
        "to_version": target.number,
        "changes": diff_packages(old, export_course_package(version=target)),
    }


# --- review comments ----------------------------------------------------------------------------

# Who takes part in a review: they may comment and resolve comments.
REVIEW_ROLES = ("author", "reviewer", "approver")
COMMENT_ROLE_REQUIRED = gettext_lazy(
    "Comments are for authors, reviewers and approvers of an institution that owns this course."
)
UNKNOWN_LESSON = gettext_lazy("Version %(number)d has no lesson with this key.")
UNKNOWN_VERSION = gettext_lazy("This course has no version %(number)d.")


def _require_review_role(*, user: User, course: Course) -> None:
    owners = {organization.pk for organization in course.institutions.all()}
    if not owners & accounts_api.organization_ids_for_user(user=user, roles=REVIEW_ROLES):
        raise PermissionDenied(COMMENT_ROLE_REQUIRED)


def list_review_comments(
    *,
    user: User,
    slug: str,
    version_number: int | None = None,
    lesson_key: Any = None,
    is_resolved: bool | None = None,
) -> QuerySet[ReviewComment]:
    """Review comments on a course the user staffs (any role), oldest first, with their authors
    and versions joined. Filters: version number, lesson key, resolved or not.

    Raises Course.DoesNotExist for unknown and foreign courses alike.
    """
    course = get_course_for_member(user=user, slug=slug)
    comments = ReviewComment.objects.filter(course=course).select_related(
        "author", "resolved_by", "version"
    )
    if version_number is not None:
        comments = comments.filter(version__number=version_number)
    if lesson_key is not None:
        comments = comments.filter(lesson_key=lesson_key)
    if is_resolved is not None:
        comments = comments.filter(is_resolved=is_resolved)
    return comments.order_by("created_at", "id")


@transaction.atomic
def add_review_comment(
    *,
    user: User,
    slug: str,
    body: str,
    lesson_key: Any = None,
    version_number: int | None = None,
) -> ReviewComment:
    """Comment on a version of a course (default: the working version, else the latest), about
    one of its lessons (`lesson_key`) or the whole version.

    Needs the author, reviewer or approver role in an owning institution. Raises
    Course.DoesNotExist (unknown or foreign course), PermissionDenied (no review role) or
    ValidationError (unknown version number or lesson key).
    """
    course = get_course_for_member(user=user, slug=slug)
    _require_review_role(user=user, course=course)
    if version_number is None:
        version = working_version(course=course) or course.versions.order_by("-number").first()
        if version is None:
            raise ValidationError({"version": [NO_WORKING_VERSION]})
    else:
        found = course.versions.filter(number=version_number).first()
        if found is None:
            raise ValidationError({"version": [UNKNOWN_VERSION % {"number": version_number}]})
        version = found
    if (
        lesson_key is not None
        and not Lesson.objects.filter(module__version=version, key=lesson_key).exists()
    ):
        raise ValidationError({"lesson": [UNKNOWN_LESSON % {"number": version.number}]})
    return ReviewComment.objects.create(
        course=course, version=version, lesson_key=lesson_key, author=user, body=body
    )


@transaction.atomic
def set_review_comment_resolved(
    *, user: User, slug: str, comment_id: int, is_resolved: bool
) -> ReviewComment:
    """Mark a review comment resolved (or open it again). Idempotent: setting the state it is
    already in changes nothing, and keeps who resolved it and when.

    Needs a review role (author, reviewer, approver) in an owning institution. Locks the
    comment's row. Raises ReviewComment.DoesNotExist (unknown, or on a course the user does not
    staff) or PermissionDenied.
    """
    course = get_course_for_member(user=user, slug=slug)
    comment = (
        # Only the comment's row: PostgreSQL cannot lock the nullable side of the outer joins.
        ReviewComment.objects.select_for_update(of=("self",))
        .select_related("author", "resolved_by", "version")
        .get(pk=comment_id, course=course)
    )
    _require_review_role(user=user, course=course)
    if comment.is_resolved != is_resolved:
        comment.is_resolved = is_resolved
        comment.resolved_at = timezone.now() if is_resolved else None
        comment.resolved_by = user if is_resolved else None
        comment.save(update_fields=["is_resolved", "resolved_at", "resolved_by"])
    return comment


def lesson_titles(*, comments: list[ReviewComment], language: str) -> dict[tuple[int, str], str]:
    """Titles of the lessons the comments are about, keyed by (version id, lesson key), in one
    query for any number of comments; in `language`, else the version's primary language."""
    keys = {comment.lesson_key for comment in comments if comment.lesson_key is not None}
    if not keys:
        return {}
    lessons = Lesson.objects.filter(
        module__version_id__in={comment.version_id for comment in comments}, key__in=keys
    ).values_list("module__version_id", "key", "translations", "module__version__primary_language")
    return {
        (version_id, str(key)): str(pick(translations, language, primary).get("title", ""))
        for version_id, key, translations, primary in lessons
    }
