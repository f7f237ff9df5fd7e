"""Reads for the catalog: published programs, a program with its courses, and a learner's
progress in it, each in a fixed number of queries whatever the number of courses."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from accounts.models import User
from certificates import api as certificates_api
from courses import api as courses_api
from courses.models import CourseVersion
from enrollment import api as enrollment_api
from programs.models import Program, ProgramCompletion, ProgramCourse
from programs.progress import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    CourseStep,
    Progress,
    evaluate_progress,
)

# Programs a visitor may open: published, and retired ones (their page says so; credentials
# already issued link to it).
VISIBLE_STATES = (Program.State.PUBLISHED, Program.State.RETIRED)


@dataclass(frozen=True)
class ProgramCourseView:
    """A course of a program as its page shows it."""

    slug: str
    title: str
    language: str
    position: int
    institutions: tuple[str, ...]
    is_available: bool
    status: str | None  # done / in_progress / not_started; None for a visitor


@dataclass(frozen=True)
class ProgramPage:
    """A program's page: its courses, and the signed-in learner's progress and credential."""

    program: Program
    courses: tuple[ProgramCourseView, ...]
    progress: Progress | None
    credential_id: str | None


def program_texts(program: Program, language: str | None) -> dict[str, str]:
    """Title, summary and description in `language` (or the primary language), each field
    falling back to the primary language's; and the language served."""
    served = courses_api.resolve_language(
        requested=language, available=list(program.translations), primary=program.primary_language
    )
    texts = courses_api.pick(program.translations, served, program.primary_language) or {}
    return {
        "title": str(texts.get("title", "")),
        "summary": str(texts.get("summary", "")),
        "description": str(texts.get("description", "")),
        "language": served,
    }


def list_published_programs() -> QuerySet[Program]:
    """Published programs, by slug, with their institutions and number of courses (two
    queries per page)."""
    return (
        Program.objects.filter(state=Program.State.PUBLISHED)
        .annotate(course_count=Count("entries"))
        .prefetch_related("institutions")
        .order_by("slug")
    )


def get_program_page(*, slug: str, user: User | Any, language: str | None) -> ProgramPage:
    """A published or retired program with its courses in order and, for a signed-in user,
    their progress and program credential. Raises Program.DoesNotExist for unknown and draft
    programs alike. Queries: 5 for a visitor, 3 more for a learner, whatever the courses."""
    program = (
        Program.objects.filter(state__in=VISIBLE_STATES)
        .prefetch_related("institutions")
        .get(slug=slug)
    )
    entries = list(program_entries(program))
    statuses = (
        course_statuses(user=user, course_ids=[e.course_id for e in entries])
        if user.is_authenticated
        else None
    )
    courses = tuple(course_view(entry, language, statuses) for entry in entries)
    if statuses is None:
        return ProgramPage(program=program, courses=courses, progress=None, credential_id=None)
    progress = evaluate_progress(
        kind=program.kind,
        required_count=program.required_count,
        steps=[
            CourseStep(slug=c.slug, is_available=c.is_available, status=c.status or NOT_STARTED)
            for c in courses
        ],
    )
    completion = (
        ProgramCompletion.objects.filter(
            program=program, user_id=user.pk, credential__revoked_at__isnull=True
        )
        .values_list("credential_id", flat=True)
        .first()
    )
    return ProgramPage(
        program=program,
        courses=courses,
        progress=progress,
        credential_id=str(completion) if completion is not None else None,
    )


def program_entries(program: Program) -> QuerySet[ProgramCourse]:
    # A retired course has no published version: its title comes from its last archived one.
    archived = CourseVersion.objects.filter(state=CourseVersion.State.ARCHIVED).order_by("-number")
    return (
        ProgramCourse.objects.filter(program=program)
        .select_related("course__published_version")
        .prefetch_related(
            "course__institutions",
            Prefetch("course__versions", queryset=archived, to_attr="archived_versions"),
        )
        .order_by("position")
    )


def course_view(
    entry: ProgramCourse, language: str | None, statuses: dict[int, str] | None
) -> ProgramCourseView:
    course = entry.course
    version = course.published_version or next(iter(course.archived_versions), None)  # type: ignore[attr-defined]
    title = course.slug
    served = language or ""
    if version is not None:
        served = courses_api.resolve_language(
            requested=language, available=list(version.languages), primary=version.primary_language
        )
        title = courses_api.pick(version.translations, served, version.primary_language).get(
            "title", course.slug
        )
    return ProgramCourseView(
        slug=course.slug,
        title=str(title),
        language=served,
        position=entry.position,
        institutions=tuple(sorted(o.name for o in course.institutions.all())),
        is_available=course.published_version_id is not None,
        status=None if statuses is None else statuses.get(course.pk, NOT_STARTED),
    )


def course_statuses(*, user: User, course_ids: list[int]) -> dict[int, str]:
    """Each course's status for the learner (two queries): done when they hold its current,
    unrevoked certificate (an expired one still shows it was earned), in progress when they
    are enrolled, else absent (not started)."""
    done = set(
        certificates_api.list_certificates_for_user(user=user)
        .filter(
            course_id__in=course_ids,
            state="issued",
            revoked_at__isnull=True,
            superseded_at__isnull=True,
        )
        .values_list("course_id", flat=True)
    )
    enrolled = set(
        enrollment_api.list_enrollments(user=user)
        .filter(course_id__in=course_ids, status__in=("active", "completed"))
        .values_list("course_id", flat=True)
    )
    statuses = dict.fromkeys(enrolled, IN_PROGRESS)
    statuses.update(dict.fromkeys(done, DONE))
    return statuses
