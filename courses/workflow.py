"""The review workflow of a course version: draft → in review → approved → published →
archived, with separation of duties and the catalog rebuilt on publish (services)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses import catalog_cache
from courses.models import CatalogEntry, Course, CourseVersion, Transition
from courses.review import translation_completeness
from courses.search import write_search_texts
from courses.staff import list_courses_for_member, require_role
from courses.text import pick, resolve_language

State = CourseVersion.State

INVALID_TRANSITION = gettext_lazy("A %(state)s version cannot be moved with '%(action)s'.")
OWN_WORK = gettext_lazy(
    "No one approves or publishes a version they edited or submitted themselves: a colleague "
    "who did not work on it must."
)

# action: (states it applies to, resulting state, role needed)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "submit": ((State.DRAFT,), State.IN_REVIEW, "author"),
    "request_changes": ((State.IN_REVIEW, State.APPROVED), State.DRAFT, "reviewer"),
    "approve": ((State.IN_REVIEW,), State.APPROVED, "reviewer"),
    "publish": ((State.APPROVED,), State.PUBLISHED, "approver"),
    "archive": ((State.PUBLISHED,), State.ARCHIVED, "approver"),
}
# The steps that vouch for a version's content: separation of duties applies to them.
SIGN_OFF_ACTIONS = ("approve", "publish")


@transaction.atomic
def transition_version(
    *,
    user: User | None,
    slug: str,
    action: str,
    comment: str = "",
    ip_address: str | None = None,
) -> CourseVersion:
    """Move the course's version through draft → in review → approved → published → archived.

    Takes a row lock on the course so two approvers cannot publish twice. `user` None is the
    trusted system (demo data) and skips role checks. Raises Course.DoesNotExist (unknown or not
    the user's), PermissionDenied (missing role, or own work; see below) or
    ValidationError (the action does not apply to the version's state). Separation of duties: no one
    approves or publishes a version they edited or submitted (`has_worked_on_version`);
    PermissionDenied with code `separation_of_duties`. Publishing archives the
    previously published version and rebuilds the catalog entries, and is recorded in the
    audit log (`course_published`, with `ip_address`).
    """
    courses = Course.objects.all() if user is None else list_courses_for_member(user=user)
    course = Course.objects.select_for_update().get(pk=courses.get(slug=slug).pk)
    if action not in TRANSITIONS:
        raise ValidationError({"action": _("Unknown action.")})
    from_states, to_state, role = TRANSITIONS[action]
    candidates = course.versions.filter(state__in=from_states).order_by("-number")
    version = candidates.first()
    if version is None:
        current = course.versions.order_by("-number").first()
        state = current.get_state_display() if current else _("missing")
        raise ValidationError(INVALID_TRANSITION % {"state": state, "action": action})
    if user is not None:
        require_role(user=user, course=course, role=role, action=action)
        if action in SIGN_OFF_ACTIONS and has_worked_on_version(user=user, version=version):
            raise PermissionDenied(OWN_WORK, "separation_of_duties")
    from_state = version.state
    # An incomplete translation does not block submitting or publishing: learners get the primary
    # language's text wherever a translation is missing (text.pick), so a course half translated
    # into Chinese is still better for a Chinese learner than none, and holding back the whole
    # course (every language) for one translation would punish the source-language learners.
    # Reviewers see the completeness per language (the authoring course's `completeness`, the
    # workflow panel), and the publication's audit event records it.
    if action == "publish":
        course.versions.filter(state=State.PUBLISHED).update(state=State.ARCHIVED)
        version.published_at = timezone.now()
    version.state = to_state
    version.save(update_fields=["state", "published_at", "updated_at"])
    Transition.objects.create(
        version=version,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=user,
        comment=comment,
    )
    if action == "publish":
        course.published_version = version
        course.save(update_fields=["published_version"])
        _rebuild_catalog_entries(version)
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.COURSE_PUBLISHED,
            actor=user,
            target_type="course",
            target_id=course.slug,
            ip_address=ip_address,
            details={
                "version": version.number,
                "code": version.code,
                "comment": comment,
                "translation_completeness": translation_completeness(version=version),
            },
        )
    elif action == "archive":
        course.published_version = None
        course.save(update_fields=["published_version"])
        CatalogEntry.objects.filter(course=course).delete()
        write_search_texts(course_ids=[course.pk])  # drops the archived course's
    if action in ("publish", "archive"):
        catalog_cache.invalidate()
    return version


def has_worked_on_version(*, user: User, version: CourseVersion) -> bool:
    """Whether the user edited the version (`CourseVersion.editors`) or submitted it at any
    round of review (a later resubmission by a colleague does not make it someone else's work).
    Such a user may not approve or publish it."""
    return (
        version.editors.filter(pk=user.pk).exists()
        or version.transitions.filter(action="submit", actor=user).exists()
    )


def course_history(*, course: Course) -> QuerySet[Transition]:
    """The workflow steps of every version of the course, with their versions and actors."""
    return Transition.objects.filter(version__course=course).select_related("version", "actor")


def _rebuild_catalog_entries(version: CourseVersion) -> None:
    CatalogEntry.objects.filter(course_id=version.course_id).delete()
    entries = []
    for language, _name in settings.LANGUAGES:
        served = resolve_language(
            requested=language, available=version.languages, primary=version.primary_language
        )
        texts = pick(version.translations, served, version.primary_language)
        entries.append(
            CatalogEntry(
                course_id=version.course_id,
                version=version,
                language=language,
                served_language=served,
                title=texts.get("title", ""),
                summary=texts.get("summary", ""),
            )
        )
    CatalogEntry.objects.bulk_create(entries)
    write_search_texts(course_ids=[version.course_id])
