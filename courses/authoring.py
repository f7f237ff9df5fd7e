"""Writing course drafts: importing a course package (JSON or zip) into a new course or the
version in progress, and recording who edited it (services)."""

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses import archives, packages
from courses.captions import check_captions
from courses.models import (
    Competency,
    Course,
    CourseVersion,
    Lesson,
    Module,
    Option,
    Question,
    Quiz,
    Resource,
)
from courses.resources import resolve_package_resources
from courses.staff import NO_WORKING_VERSION, working_version
from courses.video_playback import playing_videos

State = CourseVersion.State
InvalidPackageError = packages.InvalidPackageError

NOT_AN_AUTHOR = gettext_lazy("You need the author role in every institution that owns this course.")
VERSION_NOT_EDITABLE = gettext_lazy(
    "This version is %(state)s and cannot be edited; ask for changes to return it to draft."
)
SLUG_TAKEN = "is already used by another institution's course"


@transaction.atomic
def import_course_package(
    *, user: User | None, data: Any, archive_files: Mapping[str, bytes | File] | None = None
) -> CourseVersion:
    """Create a course, or a new draft of an existing one, from a course package.

    A resource lesson names its file by the id of an upload to this course, or, in a zip
    package, by its path in the archive (`archive_files`: bytes, or a `File` streamed to
    storage). `user` None is a trusted system import (demo data). Otherwise the user must be an
    author in every owning institution. An existing course gets its working draft replaced, or a new
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
    problems.extend(_captions_after_the_video(spec))
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
    resources = resolve_package_resources(course, spec, archive_files or {}, user)
    _write_version(version, spec, competencies, prerequisites, resources)
    _record_editors(version, user)
    return version


def _record_editors(version: CourseVersion, user: User | None) -> None:
    """Add the writer of a save and the uploaders of the files the version is the first to offer
    (a file an earlier version already offered was vouched for with that version). Editors are
    only ever added: content written in an earlier save of this draft stays theirs."""
    offered_elsewhere = Lesson.objects.filter(
        module__version__course_id=version.course_id, resource__isnull=False
    ).exclude(module__version=version)
    uploaders = set(
        Resource.objects.filter(lessons__module__version=version, uploaded_by__isnull=False)
        .exclude(pk__in=offered_elsewhere.values("resource_id"))
        .values_list("uploaded_by_id", flat=True)
    )
    if user is not None:
        uploaders.add(user.pk)
    if uploaders:
        version.editors.add(*uploaders)


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
                video_completion=lesson_spec.get(
                    "video_completion", Lesson.VideoCompletion.WATCHED_OR_TRANSCRIPT
                ),
                video_watched_percent=lesson_spec.get(
                    "video_watched_percent", packages.DEFAULT_VIDEO_WATCHED_PERCENT
                ),
                is_preview=lesson_spec.get("is_preview", False),
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


def import_course_archive(*, user: User, data: bytes) -> CourseVersion:
    """Import a zip package (see `import_course_package`); hostile archives are refused whole.

    Raises InvalidPackageError for an unsafe or malformed archive, plus everything
    `import_course_package` raises.
    """
    package, files = archives.read_package_archive(data)
    return import_course_package(user=user, data=package, archive_files=files)


def _captions_after_the_video(spec: dict[str, Any]) -> list[packages.Problem]:
    """Cues starting after the end of the ready video a lesson of this course already plays (its
    measured length); the package check itself knows no lengths."""
    course = Course.objects.filter(slug=spec["slug"]).first()
    lessons = {
        uuid.UUID(lesson["key"]): (f"course.modules[{m}].lessons[{n}].translations", lesson)
        for m, module in enumerate(spec["modules"])
        for n, lesson in enumerate(module["lessons"])
        if lesson["kind"] == Lesson.Kind.VIDEO
        and any(texts.get("captions", "").strip() for texts in lesson["translations"].values())
    }
    if course is None or not lessons:
        return []
    problems = []
    for key, asset in playing_videos(course_id=course.pk, lesson_keys=list(lessons)).items():
        location, lesson = lessons[key]
        for language, texts in lesson["translations"].items():
            for problem in check_captions(
                texts.get("captions", ""), length_seconds=asset.duration_seconds
            ):
                problems.append(
                    packages.Problem(f"{location}.{language}.captions", problem.message)
                )
    return problems
