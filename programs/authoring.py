"""Authoring: staff of an owning institution create and edit programs and set their courses;
approvers and admins publish and retire them (separation of duties like a course's)."""

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import Organization, User
from courses.models import Course
from programs.models import Program, ProgramCourse

STAFF_ROLES = tuple(str(role) for role in accounts_api.STAFF_ROLES)
EDITOR_ROLES = ("author", "approver", "admin")
PUBLISHER_ROLES = ("approver", "admin")
# More courses than a learner could plan around; a bound that keeps every page one query.
MAX_COURSES = 30

TITLE_REQUIRED = gettext_lazy("Give a title in the primary language.")
UNKNOWN_LANGUAGE = gettext_lazy("“%(language)s” is not a supported language.")
NOT_AN_EDITOR = gettext_lazy(
    "Only authors, approvers and administrators of an owning institution edit its programs."
)
NOT_A_PUBLISHER = gettext_lazy(
    "Only approvers and administrators of an owning institution publish or retire its programs."
)
UNKNOWN_COURSES = gettext_lazy("No course has these slugs: %(slugs)s.")
DUPLICATE_COURSES = gettext_lazy("A course appears more than once.")
TOO_MANY_COURSES = gettext_lazy("A program has at most %(count)d courses.")
UNPUBLISHED_COURSES = gettext_lazy(
    "Only published courses can be in a published program: %(slugs)s."
)
NO_COURSES = gettext_lazy("A program needs at least one course.")
REQUIRED_COUNT_RANGE = gettext_lazy(
    "An elective program requires between 1 and %(count)d courses (its number of courses)."
)
REQUIRED_COUNT_ONLY_ELECTIVE = gettext_lazy("Only an elective program has a required count.")
RETIRED_IS_FINAL = gettext_lazy("A retired program cannot be changed or published again.")
OWNER_REQUIRED = gettext_lazy("A program is owned by at least one institution.")

EDITABLE = ("kind", "required_count", "primary_language", "translations")


def _languages() -> set[str]:
    return {code.lower() for code, _name in settings.LANGUAGES}


def _validate(program: Program) -> None:
    errors: dict[str, list[Any]] = {}
    if program.primary_language not in _languages():
        errors["primary_language"] = [UNKNOWN_LANGUAGE % {"language": program.primary_language}]
    for language in program.translations:
        if language not in _languages():
            errors.setdefault("translations", []).append(UNKNOWN_LANGUAGE % {"language": language})
    primary = program.translations.get(program.primary_language) or {}
    if not str(primary.get("title", "")).strip():
        errors.setdefault("translations", []).append(TITLE_REQUIRED)
    if program.kind == Program.Kind.ORDERED and program.required_count is not None:
        errors["required_count"] = [REQUIRED_COUNT_ONLY_ELECTIVE]
    if program.kind == Program.Kind.ELECTIVE and not program.required_count:
        errors["required_count"] = [REQUIRED_COUNT_RANGE % {"count": MAX_COURSES}]
    if errors:
        raise ValidationError(errors)


def list_programs_for_staff(*, user: User) -> QuerySet[Program]:
    """Programs (any state) owned by an institution where the user holds a staff role, by slug,
    with their institutions prefetched."""
    organizations = accounts_api.organization_ids_for_user(user=user, roles=STAFF_ROLES)
    return (
        Program.objects.filter(
            pk__in=Program.institutions.through.objects.filter(
                organization_id__in=organizations
            ).values("program_id")
        )
        .prefetch_related("institutions")
        .order_by("slug")
    )


def get_program_for_staff(*, user: User, slug: str) -> Program:
    """A program of one of the user's institutions (any staff role). Raises Program.DoesNotExist
    for unknown programs and other institutions' alike, so a slug reveals nothing."""
    return list_programs_for_staff(user=user).get(slug=slug)


def _require_role(*, user: User, program: Program, roles: tuple[str, ...], message: Any) -> None:
    owners = set(program.institutions.values_list("pk", flat=True))
    if not owners & accounts_api.organization_ids_for_user(user=user, roles=roles):
        raise PermissionDenied(message)


def _locked_for_editing(*, user: User, slug: str) -> Program:
    program = get_program_for_staff(user=user, slug=slug)
    _require_role(user=user, program=program, roles=EDITOR_ROLES, message=NOT_AN_EDITOR)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.state == Program.State.RETIRED:
        raise ValidationError({"state": [RETIRED_IS_FINAL]})
    return program


@transaction.atomic
def create_program(*, user: User, organization_slugs: list[str], fields: dict[str, Any]) -> Program:
    """A draft program owned by the given institutions, by an author, approver or admin of each
    of them. Raises Organization.DoesNotExist (unknown, or one where the user has no staff
    role), PermissionDenied (staff without an editing role) and ValidationError (per field)."""
    if not organization_slugs:
        raise ValidationError({"organizations": [OWNER_REQUIRED]})
    organizations = list(Organization.objects.filter(slug__in=set(organization_slugs)))
    staff_of = accounts_api.organization_ids_for_user(user=user, roles=STAFF_ROLES)
    if len(organizations) != len(set(organization_slugs)) or any(
        o.pk not in staff_of for o in organizations
    ):
        raise Organization.DoesNotExist  # not theirs: indistinguishable from unknown
    editor_of = accounts_api.organization_ids_for_user(user=user, roles=EDITOR_ROLES)
    if any(o.pk not in editor_of for o in organizations):
        raise PermissionDenied(NOT_AN_EDITOR)
    program = Program(created_by=user)
    for name in EDITABLE:
        if name in fields:
            setattr(program, name, fields[name])
    _validate(program)
    base = slugify(str(program.translations[program.primary_language]["title"]))[:60]
    program.slug = f"{base or 'program'}-{secrets.token_hex(3)}"
    program.save()
    program.institutions.set(organizations)
    return program


@transaction.atomic
def update_program(*, user: User, slug: str, fields: dict[str, Any]) -> Program:
    """Change a draft or published program's kind, required count, languages and texts. A
    published program stays publishable (its required count is checked again). Takes a row
    lock. Raises Program.DoesNotExist, PermissionDenied and ValidationError."""
    program = _locked_for_editing(user=user, slug=slug)
    for name in EDITABLE:
        if name in fields:
            setattr(program, name, fields[name])
    _validate(program)
    if program.state == Program.State.PUBLISHED:
        _check_publishable(program, list(program.entries.select_related("course")))
    program.save()
    return program


@transaction.atomic
def set_program_courses(*, user: User, slug: str, course_slugs: list[str]) -> Program:
    """Replace the program's courses, in this order. Any course of the platform may be in a
    draft; a published program takes only published courses. Takes a row lock. Raises
    Program.DoesNotExist, PermissionDenied and ValidationError (unknown or repeated courses,
    too many, unpublished ones in a published program)."""
    program = _locked_for_editing(user=user, slug=slug)
    if len(set(course_slugs)) != len(course_slugs):
        raise ValidationError({"courses": [DUPLICATE_COURSES]})
    if len(course_slugs) > MAX_COURSES:
        raise ValidationError({"courses": [TOO_MANY_COURSES % {"count": MAX_COURSES}]})
    courses = Course.objects.in_bulk(course_slugs, field_name="slug")
    unknown = [course_slug for course_slug in course_slugs if course_slug not in courses]
    if unknown:
        raise ValidationError({"courses": [UNKNOWN_COURSES % {"slugs": ", ".join(unknown)}]})
    entries = [
        ProgramCourse(program=program, course=courses[course_slug], position=position)
        for position, course_slug in enumerate(course_slugs)
    ]
    if program.state == Program.State.PUBLISHED:
        _check_publishable(program, entries)
    program.entries.all().delete()
    ProgramCourse.objects.bulk_create(entries)
    program.save(update_fields=["updated_at"])
    return program


def _check_publishable(program: Program, entries: list[ProgramCourse]) -> None:
    if not entries:
        raise ValidationError({"courses": [NO_COURSES]})
    unpublished = [e.course.slug for e in entries if e.course.published_version_id is None]
    if unpublished:
        raise ValidationError(
            {"courses": [UNPUBLISHED_COURSES % {"slugs": ", ".join(unpublished)}]}
        )
    if program.kind == Program.Kind.ELECTIVE and not (
        1 <= (program.required_count or 0) <= len(entries)
    ):
        raise ValidationError({"required_count": [REQUIRED_COUNT_RANGE % {"count": len(entries)}]})


@transaction.atomic
def publish_program(*, user: User, slug: str, ip_address: str | None = None) -> Program:
    """Publish a draft program, by an approver or admin of an owning institution; audited as
    `program_published`. Idempotent for a published one (no second audit row). Takes a row
    lock. Raises Program.DoesNotExist, PermissionDenied and ValidationError (no courses, an
    unpublished course, a required count outside 1..number of courses, a retired program)."""
    program = get_program_for_staff(user=user, slug=slug)
    _require_role(user=user, program=program, roles=PUBLISHER_ROLES, message=NOT_A_PUBLISHER)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.state == Program.State.PUBLISHED:
        return program
    if program.state == Program.State.RETIRED:
        raise ValidationError({"state": [RETIRED_IS_FINAL]})
    _check_publishable(program, list(program.entries.select_related("course")))
    program.state = Program.State.PUBLISHED
    program.published_by = user
    program.published_at = timezone.now()
    program.save(update_fields=["state", "published_by", "published_at", "updated_at"])
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.PROGRAM_PUBLISHED,
        actor=user,
        target_type="program",
        target_id=program.slug,
        ip_address=ip_address,
        details={"institutions": sorted(program.institutions.values_list("slug", flat=True))},
    )
    return program


@transaction.atomic
def retire_program(*, user: User, slug: str) -> Program:
    """Retire a program (from the catalog; credentials already issued stay valid), by an
    approver or admin of an owning institution. Idempotent. Takes a row lock. Raises
    Program.DoesNotExist and PermissionDenied."""
    program = get_program_for_staff(user=user, slug=slug)
    _require_role(user=user, program=program, roles=PUBLISHER_ROLES, message=NOT_A_PUBLISHER)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.state == Program.State.RETIRED:
        return program
    program.state = Program.State.RETIRED
    program.retired_at = timezone.now()
    program.save(update_fields=["state", "retired_at", "updated_at"])
    return program
