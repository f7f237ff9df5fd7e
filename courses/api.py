"""The public door of `courses`: competencies, the catalog, authoring, workflow and packages."""

import json
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connections, transaction
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses import archives, catalog_cache, packages, uploads, video
from courses.bulk import cyclic_gc_paused
from courses.diff import diff_packages
from courses.models import (
    CatalogEntry,
    Competency,
    Course,
    CourseVersion,
    Lesson,
    Module,
    Option,
    Question,
    Quiz,
    Resource,
    ReviewComment,
    Transition,
)
from courses.outline import (
    Outline,
    OutlineLesson,
    OutlineModule,
    OutlineQuestion,
    OutlineQuiz,
    cached_outline,
)
from courses.search import build_search_texts, search_catalog, write_search_texts
from courses.text import pick, render_markdown, resolve_language
from courses.video import (
    add_lesson_video_file,
    copy_video_outputs,
    get_video_file,
    lesson_video_status,
    playing_videos,
    process_video_asset,
    restore_lesson_video,
    upload_lesson_video,
)

__all__ = [
    "REVIEW_ROLES",
    "TRANSITIONS",
    "InvalidPackageError",
    "Outline",
    "OutlineLesson",
    "OutlineModule",
    "OutlineQuestion",
    "OutlineQuiz",
    "add_lesson_video_file",
    "add_review_comment",
    "archives",
    "build_search_texts",
    "catalog_entries",
    "competency_names",
    "copy_video_outputs",
    "course_institutions",
    "courses_owned_by",
    "diff_against_published",
    "export_course_archive",
    "export_course_package",
    "get_course_for_member",
    "get_outline",
    "get_published_course_for_enrollment",
    "get_published_version",
    "get_resource_by_stored_name",
    "get_video_file",
    "import_course_archive",
    "import_course_package",
    "institution_catalog_entries",
    "lesson_for_learner",
    "lesson_titles",
    "lesson_video_status",
    "list_competencies",
    "list_courses_for_member",
    "list_review_comments",
    "load_competency_framework",
    "packages",
    "pick",
    "playing_videos",
    "process_video_asset",
    "render_markdown",
    "resolve_language",
    "restore_lesson_video",
    "search_catalog",
    "set_review_comment_resolved",
    "transition_version",
    "translation_completeness",
    "upload_lesson_video",
    "upload_resource",
    "uploads",
    "version_competencies",
    "version_ids_offering_resource",
    "video",
    "working_version",
    "write_search_texts",
]

InvalidPackageError = packages.InvalidPackageError
State = CourseVersion.State

NOT_AN_AUTHOR = gettext_lazy("You need the author role in every institution that owns this course.")
VERSION_NOT_EDITABLE = gettext_lazy(
    "This version is %(state)s and cannot be edited; ask for changes to return it to draft."
)
INVALID_TRANSITION = gettext_lazy("A %(state)s version cannot be moved with '%(action)s'.")
ROLE_REQUIRED = gettext_lazy("'%(action)s' needs the %(role)s role in an owning institution.")
OWN_SUBMISSION = gettext_lazy("A reviewer cannot approve a version they submitted themselves.")
SLUG_TAKEN = "is already used by another institution's course"
FILE_TOO_LARGE = gettext_lazy("The file is larger than the limit of %(limit)d MB.")
FILE_TYPE_REFUSED = gettext_lazy(
    "This file type is not accepted. Upload PDF, PNG, JPEG, plain text, CSV, or Office "
    "(DOCX, XLSX, PPTX) files."
)
NO_WORKING_VERSION = gettext_lazy("This course has no version in progress.")

# action: (states it applies to, resulting state, role needed)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "submit": ((State.DRAFT,), State.IN_REVIEW, "author"),
    "request_changes": ((State.IN_REVIEW, State.APPROVED), State.DRAFT, "reviewer"),
    "approve": ((State.IN_REVIEW,), State.APPROVED, "reviewer"),
    "publish": ((State.APPROVED,), State.PUBLISHED, "approver"),
    "archive": ((State.PUBLISHED,), State.ARCHIVED, "approver"),
}
WORKING_STATES = (State.DRAFT, State.IN_REVIEW, State.APPROVED)


# --- competencies -------------------------------------------------------------------------------


def list_competencies() -> QuerySet[Competency]:
    """The whole framework: domains and competencies, in framework order."""
    return Competency.objects.select_related("parent")


def competency_names(*, language: str) -> dict[str, str]:
    """Every framework node's name in `language` (a platform language), else in English, by
    code. Cached with the catalog: reloading the framework drops it."""

    def build() -> dict[str, str]:
        return {
            code: str(pick(translations, language, "en").get("name", "")) or code
            for code, translations in Competency.objects.values_list("code", "translations")
        }

    names: dict[str, str] = catalog_cache.cached(key=f"competency-names:{language}", build=build)
    return names


@transaction.atomic
def load_competency_framework(*, entries: list[dict[str, Any]]) -> int:
    """Create or update framework nodes from `[{code, parent, translations}]`; idempotent.

    Parents must precede their children. Returns the number of nodes written.
    """
    by_code: dict[str, Competency] = {}
    for position, entry in enumerate(entries):
        parent = by_code.get(entry["parent"]) if entry.get("parent") else None
        competency, _created = Competency.objects.update_or_create(
            code=entry["code"],
            defaults={
                "parent": parent,
                "position": position,
                "translations": entry["translations"],
            },
        )
        by_code[competency.code] = competency
    write_search_texts()  # every name in every language is searched for
    catalog_cache.invalidate()  # competency names appear in catalog pages and course details
    return len(by_code)


# --- catalog ------------------------------------------------------------------------------------


def catalog_entries(*, language: str) -> QuerySet[CatalogEntry]:
    """One row per published course for readers of `language` (a platform language).

    Texts are in `language` where the course offers it, else in its primary language
    (`served_language` says which). Institutions and competencies are prefetched, so a page
    costs a fixed number of queries.
    """
    return (
        CatalogEntry.objects.filter(language=language)
        .select_related("version", "course")
        .prefetch_related(
            "course__institutions",
            Prefetch("version__competencies", queryset=Competency.objects.only("id", "code")),
        )
    )


def institution_catalog_entries(*, institution_id: int, language: str) -> QuerySet[CatalogEntry]:
    """The published courses an institution owns (alone or with others), as `catalog_entries`
    lists them to readers of `language`, by title."""
    return (
        catalog_entries(language=language)
        .filter(course__institutions=institution_id)
        .order_by("title", "course_id")
    )


def get_published_version(*, slug: str) -> CourseVersion:
    """The published version of a course with its whole outline, in a fixed number of queries.

    Raises CourseVersion.DoesNotExist when the course is unknown or not published.
    """
    # A correlated count per lesson uses the question index; a joined GROUP BY made PostgreSQL
    # hash the whole question table on every request (38 ms at 10,000 courses).
    questions = (
        Question.objects.filter(quiz__lesson=OuterRef("pk"))
        .order_by()
        .values("quiz__lesson")
        .annotate(total=Count("pk"))
        .values("total")
    )
    question_counts = Lesson.objects.annotate(question_count=Subquery(questions))
    return (
        CourseVersion.objects.filter(course__slug=slug, state=State.PUBLISHED)
        .select_related("course")
        .prefetch_related(
            "course__institutions",
            "competencies",
            Prefetch("prerequisites", queryset=Course.objects.select_related("published_version")),
            Prefetch("modules", queryset=Module.objects.order_by("position", "id")),
            Prefetch("modules__lessons", queryset=question_counts.order_by("position", "id")),
        )
        .get()
    )


# --- authoring ----------------------------------------------------------------------------------


def list_courses_for_member(*, user: User) -> QuerySet[Course]:
    """Courses owned by an institution where the user holds any role, with their versions."""
    organization_ids = accounts_api.organization_ids_for_user(user=user)
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


def _require_role(*, user: User, course: Course, role: str, action: str) -> None:
    owners = set(course.institutions.values_list("id", flat=True))
    if not owners & accounts_api.organization_ids_for_user(user=user, roles=(role,)):
        raise PermissionDenied(ROLE_REQUIRED % {"action": action, "role": role})


@transaction.atomic
def import_course_package(
    *, user: User | None, data: Any, archive_files: dict[str, bytes] | None = None
) -> CourseVersion:
    """Create a course, or a new draft of an existing one, from a course package.

    A resource lesson names its file by the id of an upload to this course, or, in a zip
    package, by its path in the archive (`archive_files`). `user` None is a trusted system
    import (demo data). Otherwise the user must be an author in
    every owning institution. An existing course gets its working draft replaced, or a new
    draft version when none is in progress; published versions are never touched. Raises
    InvalidPackageError listing every problem with its location, PermissionDenied, or
    ValidationError when the version in progress is in review. Atomic: on any error nothing
    is written.
    """
    package = packages.validate_package(data)
    spec = package["course"]
    problems: list[packages.Problem] = []
    institutions = accounts_api.organizations_by_slug(slugs=spec["institutions"])
    for index, slug in enumerate(spec["institutions"]):
        if slug not in institutions or institutions[slug].kind != "institution":
            problems.append(
                packages.Problem(f"course.institutions[{index}]", "is not a known institution")
            )
    prerequisites = {
        course.slug: course for course in Course.objects.filter(slug__in=spec["prerequisites"])
    }
    for index, slug in enumerate(spec["prerequisites"]):
        if slug not in prerequisites or slug == spec["slug"]:
            problems.append(
                packages.Problem(f"course.prerequisites[{index}]", "is not another known course")
            )
    competencies = {
        item.code: item for item in Competency.objects.filter(code__in=spec["competencies"])
    }
    for index, code in enumerate(spec["competencies"]):
        if code not in competencies:
            problems.append(
                packages.Problem(
                    f"course.competencies[{index}]", "is not a competency of the framework"
                )
            )
    if problems:
        raise InvalidPackageError(problems)

    if user is not None:
        author_of = accounts_api.organization_ids_for_user(user=user, roles=("author",))
        if not {organization.pk for organization in institutions.values()} <= author_of:
            raise PermissionDenied(NOT_AN_AUTHOR)

    course, created = Course.objects.select_for_update().get_or_create(
        slug=spec["slug"], defaults={"created_by": user}
    )
    if not created and user is not None:
        owners = set(course.institutions.values_list("id", flat=True))
        author_of = accounts_api.organization_ids_for_user(user=user, roles=("author",))
        if not owners & author_of:
            # Someone else's course: say the slug is taken, without revealing anything more.
            raise InvalidPackageError([packages.Problem("course.slug", SLUG_TAKEN)])
        if not owners <= author_of:
            raise PermissionDenied(NOT_AN_AUTHOR)
    course.institutions.set(institutions.values())
    version = working_version(course=course)
    if version is not None and version.state != State.DRAFT:
        raise ValidationError(VERSION_NOT_EDITABLE % {"state": version.get_state_display()})
    if version is None:
        latest = course.versions.order_by("-number").first()
        version = CourseVersion(course=course, number=(latest.number + 1) if latest else 1)
    else:
        version.modules.all().delete()
    resources = _resolve_resources(course, spec, archive_files or {}, user)
    _write_version(version, spec, competencies, prerequisites, resources)
    return version


def _resolve_resources(
    course: Course, spec: dict[str, Any], archive_files: dict[str, bytes], user: User | None
) -> dict[str, Resource]:
    """Map each resource lesson's reference to a Resource, storing files from the archive."""
    import hashlib

    from django.core.files.base import ContentFile

    resolved: dict[str, Resource] = {}
    problems = []
    uploaded = {str(resource.pk): resource for resource in course.resources.all()}
    for module_index, module in enumerate(spec["modules"]):
        for lesson_index, lesson in enumerate(module["lessons"]):
            reference = lesson.get("resource")
            if lesson["kind"] != "resource" or reference in resolved:
                continue
            location = f"course.modules[{module_index}].lessons[{lesson_index}].resource"
            if reference in uploaded:
                resolved[reference] = uploaded[reference]
            elif reference in archive_files:
                content = archive_files[reference]
                filename = reference.rsplit("/", 1)[-1]
                accepted = uploads.accepted_type(content[: uploads.SNIFF_BYTES], filename)
                if accepted is None:
                    problems.append(packages.Problem(location, str(FILE_TYPE_REFUSED)))
                    continue
                resolved[reference] = Resource.objects.create(
                    course=course,
                    file=ContentFile(content, name=uploads.stored_name(accepted)),
                    filename=filename,
                    content_type=accepted.content_type,
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    uploaded_by=user,
                )
            else:
                problems.append(packages.Problem(location, "names no uploaded or packaged file"))
    if problems:
        raise InvalidPackageError(problems)
    return resolved


def _write_version(
    version: CourseVersion,
    spec: dict[str, Any],
    competencies: dict[str, Competency],
    prerequisites: dict[str, Course],
    resources: dict[str, Resource],
) -> None:
    version.code = spec["code"]
    version.primary_language = spec["primary_language"]
    version.languages = spec["languages"]
    version.level = spec["level"]
    version.estimated_hours = spec["estimated_hours"]
    version.certificate_validity_months = spec.get("certificate_validity_months")
    version.pass_mark = spec["pass_mark"]
    version.show_grade_on_certificate = spec["show_grade_on_certificate"]
    version.translations = spec["translations"]
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as error:  # another request created the working version first
        raise ValidationError(NO_WORKING_VERSION) from error
    version.competencies.set([competencies[code] for code in spec["competencies"]])
    version.prerequisites.set([prerequisites[slug] for slug in spec["prerequisites"]])

    modules, lessons, lesson_competencies, quizzes = [], [], [], []
    for module_position, module_spec in enumerate(spec["modules"]):
        module = Module(
            version=version,
            key=module_spec["key"],
            position=module_position,
            translations=module_spec["translations"],
        )
        modules.append(module)
        for lesson_position, lesson_spec in enumerate(module_spec["lessons"]):
            lesson = Lesson(
                module=module,
                key=lesson_spec["key"],
                position=lesson_position,
                kind=lesson_spec["kind"],
                is_required=lesson_spec["is_required"],
                duration_minutes=lesson_spec["duration_minutes"],
                video_url=lesson_spec.get("video_url", ""),
                resource=resources.get(lesson_spec.get("resource", "")),
                translations=lesson_spec["translations"],
            )
            lessons.append(lesson)
            lesson_competencies.append((lesson, lesson_spec["competencies"]))
            if lesson_spec["kind"] == "quiz":
                quizzes.append((lesson, lesson_spec["quiz"]))
    Module.objects.bulk_create(modules)
    for lesson in lessons:
        lesson.module_id = lesson.module.pk
    Lesson.objects.bulk_create(lessons)
    through = Lesson.competencies.through
    through.objects.bulk_create(
        [
            through(lesson_id=lesson.pk, competency_id=competencies[code].pk)
            for lesson, codes in lesson_competencies
            for code in codes
        ]
    )
    _write_quizzes(quizzes)


def _write_quizzes(quizzes: list[tuple[Lesson, dict[str, Any]]]) -> None:
    quiz_rows, questions, options = [], [], []
    for lesson, spec in quizzes:
        quiz = Quiz(
            lesson=lesson,
            pass_mark=spec["pass_mark"],
            attempts_allowed=spec["attempts_allowed"],
            time_limit_minutes=spec["time_limit_minutes"],
            shuffle_questions=spec["shuffle_questions"],
            grading=spec["grading"],
            weight=Decimal(spec["weight"]),
            reveal_answers=spec["reveal_answers"],
        )
        quiz_rows.append(quiz)
        for position, question_spec in enumerate(spec["questions"]):
            kind = question_spec["kind"]
            question = Question(
                quiz=quiz,
                key=question_spec["key"],
                position=position,
                kind=kind,
                points=Decimal(question_spec["points"]),
                translations=question_spec["translations"],
                true_false_answer=question_spec["answer"] if kind == "true_false" else None,
                numeric_answer=Decimal(question_spec["answer"]) if kind == "numeric" else None,
                numeric_tolerance=Decimal(question_spec.get("tolerance", "0"))
                if kind == "numeric"
                else Decimal(0),
                accepted_answers=question_spec.get("accepted_answers", {}),
            )
            questions.append(question)
            for option_position, option_spec in enumerate(question_spec.get("options", [])):
                options.append(
                    Option(
                        question=question,
                        key=option_spec["key"],
                        position=option_position,
                        is_correct=option_spec["is_correct"],
                        translations=option_spec["translations"],
                    )
                )
    Quiz.objects.bulk_create(quiz_rows)
    for question in questions:
        question.quiz_id = question.quiz.pk
    Question.objects.bulk_create(questions)
    for option in options:
        option.question_id = option.question.pk
    Option.objects.bulk_create(options)


def export_course_package(*, version: CourseVersion) -> dict[str, Any]:
    """The version as a course package that `import_course_package` reads back unchanged.

    A fixed number of queries whatever the size: modules, lessons and lesson competencies are
    read as plain rows, quizzes with their questions and options prefetched. A course may hold
    200 modules of 200 lessons: building 40,000 lesson instances through prefetching, with
    Django's per-value converters and the cyclic GC running over the growing result, made the
    export take 29.5 s on a busy server (tests/benchmarks/bench_large_course.py).
    """
    with cyclic_gc_paused():
        return _export_course_package(version)


def _export_course_package(version: CourseVersion) -> dict[str, Any]:
    version = (
        CourseVersion.objects.filter(pk=version.pk)
        .select_related("course")
        .prefetch_related("course__institutions", "competencies", "prerequisites")
        .get()
    )
    competency_codes: dict[int, list[str]] = {}
    for lesson_id, code in Lesson.competencies.through.objects.filter(
        lesson__module__version_id=version.pk
    ).values_list("lesson_id", "competency__code"):
        competency_codes.setdefault(lesson_id, []).append(code)
    quizzes = {
        quiz.lesson_id: quiz
        for quiz in Quiz.objects.filter(lesson__module__version_id=version.pk).prefetch_related(
            "questions__options"
        )
    }
    lessons_by_module: dict[int, list[dict[str, Any]]] = {}
    lesson_rows = _raw_rows(
        Lesson.objects.filter(module__version_id=version.pk).order_by("position", "id"),
        "id",
        "module_id",
        "key",
        "kind",
        "is_required",
        "duration_minutes",
        "video_url",
        "resource_id",
        "translations",
    )
    lesson_translations = _json_texts(row[-1] for row in lesson_rows)
    for row, translations in zip(lesson_rows, lesson_translations, strict=True):
        lesson_id, module_id, key, kind, is_required, duration, video_url, resource_id = row[:-1]
        item: dict[str, Any] = {
            "key": _key_text(key),
            "kind": kind,
            "is_required": bool(is_required),
            "duration_minutes": duration,
            "competencies": sorted(competency_codes.get(lesson_id, [])),
            "translations": translations,
        }
        if kind == Lesson.Kind.VIDEO:
            item["video_url"] = video_url
        if kind == Lesson.Kind.RESOURCE:
            item["resource"] = str(resource_id)
        if kind == Lesson.Kind.QUIZ:
            item["quiz"] = _export_quiz(quizzes[lesson_id])
        lessons_by_module.setdefault(module_id, []).append(item)
    module_rows = _raw_rows(
        Module.objects.filter(version_id=version.pk).order_by("position", "id"),
        "id",
        "key",
        "translations",
    )
    modules = [
        {
            "key": _key_text(key),
            "translations": translations,
            "lessons": lessons_by_module.get(module_id, []),
        }
        for (module_id, key, _text), translations in zip(
            module_rows, _json_texts(row[-1] for row in module_rows), strict=True
        )
    ]
    return {
        "format": packages.FORMAT,
        "course": {
            "slug": version.course.slug,
            "code": version.code,
            "primary_language": version.primary_language,
            "languages": version.languages,
            "level": version.level,
            "estimated_hours": version.estimated_hours,
            "institutions": sorted(o.slug for o in version.course.institutions.all()),
            "prerequisites": sorted(c.slug for c in version.prerequisites.all()),
            "competencies": sorted(c.code for c in version.competencies.all()),
            "certificate_validity_months": version.certificate_validity_months,
            "pass_mark": version.pass_mark,
            "show_grade_on_certificate": version.show_grade_on_certificate,
            "translations": version.translations,
            "modules": modules,
        },
    }


def _raw_rows(queryset: QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    """The fields' values as the database driver returns them, without Django's per-value
    converters: for tens of thousands of lessons, converting each UUID and decoding each JSON
    object one by one was most of an export's time. `_key_text` and `_json_texts` finish the
    job in bulk."""
    compiler = queryset.values_list(*fields).query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _key_text(value: Any) -> str:
    """A UUID column's value as canonical text: PostgreSQL's driver gives a UUID, SQLite the
    32 hex digits Django stores."""
    if isinstance(value, uuid.UUID):
        return str(value)
    text = str(value)
    if len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def _json_texts(texts: Any) -> list[Any]:
    """JSON column texts decoded in one call (both backends give JSON columns as text here)."""
    return list(json.loads("[" + ",".join(texts) + "]"))


def _export_quiz(quiz: Quiz) -> dict[str, Any]:
    questions = []
    for question in quiz.questions.all():
        item: dict[str, Any] = {
            "key": str(question.key),
            "kind": question.kind,
            "points": str(question.points),
            "translations": question.translations,
        }
        if question.kind in {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}:
            item["options"] = [
                {
                    "key": str(option.key),
                    "is_correct": option.is_correct,
                    "translations": option.translations,
                }
                for option in question.options.all()
            ]
        elif question.kind == Question.Kind.TRUE_FALSE:
            item["answer"] = question.true_false_answer
        elif question.kind == Question.Kind.NUMERIC:
            item["answer"] = str(question.numeric_answer)
            item["tolerance"] = str(question.numeric_tolerance)
        else:
            item["accepted_answers"] = question.accepted_answers
        questions.append(item)
    return {
        "pass_mark": quiz.pass_mark,
        "attempts_allowed": quiz.attempts_allowed,
        "time_limit_minutes": quiz.time_limit_minutes,
        "shuffle_questions": quiz.shuffle_questions,
        "grading": quiz.grading,
        "weight": str(quiz.weight),
        "reveal_answers": quiz.reveal_answers,
        "questions": questions,
    }


# --- workflow -----------------------------------------------------------------------------------


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
    the user's), PermissionDenied (missing role; a reviewer approving their own submission) or
    ValidationError (the action does not apply to the version's state). Publishing archives the
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
        _require_role(user=user, course=course, role=role, action=action)
        # Separation of duties: whoever submitted the version, at any round of review, does
        # not approve it (a later resubmission by a colleague does not make it someone else's).
        if action == "approve" and version.transitions.filter(action="submit", actor=user).exists():
            raise PermissionDenied(OWN_SUBMISSION)
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


def upload_resource(*, user: User, slug: str, file: UploadedFile) -> Resource:
    """Store a downloadable file for a resource lesson of a course the user authors.

    The type is detected from the file's bytes, not from its name or the client's claim. Raises
    Course.DoesNotExist (unknown or not the user's), PermissionDenied (not an author),
    ValidationError with code `too_large` or `unsupported_type`.
    """
    import hashlib

    course = get_course_for_member(user=user, slug=slug)
    _require_role(user=user, course=course, role="author", action="upload")
    limit = settings.RESOURCE_MAX_BYTES
    if file.size is None or file.size > limit:
        raise ValidationError(FILE_TOO_LARGE % {"limit": limit // (1024 * 1024)}, code="too_large")
    filename = (file.name or "resource").replace("/", "_").replace("\\", "_")[-200:]
    head = file.read(uploads.SNIFF_BYTES)
    file.seek(0)
    accepted = uploads.accepted_type(head, filename)
    if accepted is None:
        raise ValidationError(FILE_TYPE_REFUSED, code="unsupported_type")
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    # Stored under a name of our choosing; the uploader's name is only the download name.
    file.name = uploads.stored_name(accepted)
    return Resource.objects.create(
        course=course,
        file=file,
        filename=filename,
        content_type=accepted.content_type,
        size=file.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )


def version_ids_offering_resource(*, resource_id: int) -> QuerySet[Any]:
    """The ids of the versions with a lesson offering the resource (a subquery)."""
    return Lesson.objects.filter(resource_id=resource_id).values("module__version_id")


def get_resource_by_stored_name(*, name: str) -> Resource:
    """The resource stored under `name` (a path below MEDIA_ROOT); no access is checked here
    (enrollment.api.open_resource_file does). Raises Resource.DoesNotExist."""
    return Resource.objects.get(file=name)


def export_course_archive(*, version: CourseVersion) -> bytes:
    """The version as a zip: course.json, with each resource file under resources/."""
    package = export_course_package(version=version)
    files: dict[str, bytes] = {}
    resources = {
        str(resource.pk): resource
        for resource in Resource.objects.filter(lessons__module__version=version).distinct()
    }
    for module in package["course"]["modules"]:
        for lesson in module["lessons"]:
            if lesson["kind"] == Lesson.Kind.RESOURCE:
                resource = resources[lesson["resource"]]
                path = f"{archives.RESOURCE_PREFIX}{resource.pk}-{resource.filename}"
                with resource.file.open("rb") as handle:
                    files[path] = handle.read()
                lesson["resource"] = path
    return archives.write_package_archive(package, files)


def import_course_archive(*, user: User, data: bytes) -> CourseVersion:
    """Import a zip package (see `import_course_package`); hostile archives are refused whole.

    Raises InvalidPackageError for an unsafe or malformed archive, plus everything
    `import_course_package` raises.
    """
    package, files = archives.read_package_archive(data)
    return import_course_package(user=user, data=package, archive_files=files)


def get_outline(*, version_id: int) -> Outline:
    """The cached outline of a published or archived version (immutable content).

    Raises CourseVersion.DoesNotExist for drafts and unknown versions.
    """
    return cached_outline(version_id)


def get_published_course_for_enrollment(*, slug: str) -> Course:
    """The course with its published version, prerequisites and enrolment settings, locked for
    update so capacity checks and waitlist promotions cannot interleave.

    Raises Course.DoesNotExist when the course is unknown or not published.
    """
    return (
        Course.objects.select_for_update(of=("self",))
        .select_related("published_version")
        .get(slug=slug, published_version__isnull=False)
    )


def lesson_for_learner(*, outline: Outline, lesson_key: str, language: str) -> dict[str, Any]:
    """A lesson's content for a learner, in the served language: Markdown as sanitised HTML,
    video and transcript, resource link, quiz questions without any answer key.

    Raises KeyError when the lesson is not part of the outline.
    """
    lesson = outline.lessons[lesson_key]
    served = resolve_language(
        requested=language, available=list(outline.languages), primary=outline.primary_language
    )

    def text(translations: dict[str, Any], name: str) -> str:
        return str(pick(translations, served, outline.primary_language).get(name, ""))

    content: dict[str, Any] = {
        "key": lesson.key,
        "label": lesson.label,
        "kind": lesson.kind,
        "title": text(lesson.translations, "title"),
        "is_required": lesson.is_required,
        "duration_minutes": lesson.duration_minutes,
        "served_language": served,
        "body_html": render_markdown(text(lesson.translations, "body")),
        "video_url": lesson.video_url or None,
        "transcript": text(lesson.translations, "transcript") or None,
        "captions": text(lesson.translations, "captions") or None,
        "resource": None,
        "quiz": None,
    }
    content.update(_lesson_video(outline, lesson, served, has_captions=bool(content["captions"])))
    if lesson.resource_id:
        resource = Resource.objects.filter(pk=lesson.resource_id).first()
        if resource is not None:
            content["resource"] = {
                "filename": resource.filename,
                "content_type": resource.content_type,
                "size": resource.size,
                "url": resource.file.url,
            }
    if lesson.quiz is not None:
        quiz = lesson.quiz
        content["quiz"] = {
            "pass_mark": quiz.pass_mark,
            "attempts_allowed": quiz.attempts_allowed,
            "time_limit_minutes": quiz.time_limit_minutes,
            "questions": [
                {
                    "key": question.key,
                    "kind": question.kind,
                    "points": str(question.points),
                    "prompt": text(question.translations, "prompt"),
                    "options": [
                        {"key": key, "text": str(pick(texts, served, outline.primary_language))}
                        for key, _is_correct, texts in question.options
                    ],
                }
                for question in quiz.questions
            ],
        }
    return content


def _lesson_video(
    outline: Outline, lesson: OutlineLesson, served: str, *, has_captions: bool
) -> dict[str, Any]:
    """The uploaded video a video lesson plays (HLS playlist and poster URLs), and its
    generated captions when the lesson's texts carry none."""
    fields: dict[str, Any] = {"video_hls_url": None, "video_poster_url": None}
    if lesson.kind != Lesson.Kind.VIDEO:
        return fields
    asset = playing_videos(course_id=outline.course_id, lesson_keys=[uuid.UUID(lesson.key)]).get(
        uuid.UUID(lesson.key)
    )
    if asset is not None:
        fields["video_hls_url"] = f"{settings.MEDIA_URL}{asset.playlist_name}"
        fields["video_poster_url"] = f"{settings.MEDIA_URL}{asset.poster_name}"
        if asset.captions and not has_captions:
            fields["captions"] = asset.captions.get(served) or asset.captions.get(
                outline.primary_language
            )
    return fields


def course_institutions(*, course_id: int) -> list[Any]:
    """The organisations owning a course, by name."""
    return list(Course.objects.get(pk=course_id).institutions.order_by("name"))


def version_competencies(*, version_id: int) -> list[Competency]:
    """The competencies a version develops, in framework order."""
    return list(CourseVersion.objects.get(pk=version_id).competencies.order_by("position"))


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
