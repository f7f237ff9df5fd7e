"""E-learning packages as authors handle them: the checks of an uploaded zip and its manifest,
keeping the zip and queueing its unpacking (courses/elearning_storing.py), and the report of
what was found, with every problem translated.

The lesson keeps playing its current package (`playing_package`) until a new one is ready.
"""

import uuid
import zipfile
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses.elearning_manifest import CMI5_MANIFEST, SCORM_MANIFEST, parse_manifest
from courses.elearning_storing import packages_storage, source_name
from courses.elearning_zip import (
    Limits,
    PackageProblem,
    UnpackRefusedError,
    read_entry,
    read_listing,
)
from courses.models import Course, ElearningPackage, Lesson
from courses.signals import elearning_package_uploaded

__all__ = [
    "PACKAGE_PROBLEMS",
    "PACKAGE_TOO_LARGE",
    "PackageRefusedError",
    "get_ready_package",
    "lesson_package_report",
    "lesson_package_reports",
    "package_limits",
    "package_report",
    "playing_package",
    "problem_messages",
    "upload_lesson_package",
]

MANIFEST_MAX_BYTES = 5 * 1024 * 1024

PACKAGE_ROLE_REQUIRED = gettext_lazy(
    "Uploading a package needs the author role in an owning institution."
)
PACKAGE_TOO_LARGE = gettext_lazy("The package is larger than the limit of %(limit)d MB.")
PACKAGE_REFUSED = gettext_lazy("The package cannot be used: %(count)d problem(s) found.")
# Each problem's stable code and its message; `path` is shown beside it, not in it.
PACKAGE_PROBLEMS: dict[str, Any] = {
    "not_a_zip": gettext_lazy("This file is not a zip archive."),
    "unsafe_path": gettext_lazy(
        "An entry's name leaves the package's folder (an absolute path, '..' or a backslash)."
    ),
    "symlink": gettext_lazy("An entry is a symbolic link; packages may contain files only."),
    "encrypted": gettext_lazy("An entry is encrypted; upload a package without a password."),
    "duplicate_path": gettext_lazy("Two entries have the same name."),
    "too_many_files": gettext_lazy("The package has more than %(limit)d files."),
    "unpacked_too_large": gettext_lazy("The package unpacks to more than %(limit)d MB."),
    "compression_ratio": gettext_lazy(
        "An entry inflates more than %(ratio)d times its compressed size (a zip bomb?)."
    ),
    "damaged": gettext_lazy("An entry of the zip is damaged (its checksum does not match)."),
    "no_manifest": gettext_lazy(
        "The package has neither imsmanifest.xml (SCORM) nor cmi5.xml (cmi5) at its root."
    ),
    "manifest_not_at_root": gettext_lazy(
        "The manifest is in a folder: zip the package's contents, not the folder around them."
    ),
    "manifest_too_large": gettext_lazy("The manifest is larger than %(limit)d KB."),
    "manifest_unsafe": gettext_lazy(
        "The manifest declares a DTD or entities, which are refused (external entities and "
        "entity expansion are an attack)."
    ),
    "manifest_invalid": gettext_lazy("The manifest is not valid XML of its standard. %(error)s"),
    "unknown_schemaversion": gettext_lazy(
        "The manifest's schemaversion %(value)r is unknown; the standard was guessed."
    ),
    "missing_file": gettext_lazy("A file the manifest names (%(manifest)s) is not in the package."),
    "missing_resource": gettext_lazy(
        "The manifest refers to the resource %(identifier)r, which it does not define."
    ),
    "no_launch_file": gettext_lazy("The item %(identifier)r has no file to launch."),
    "no_organization": gettext_lazy("The manifest has no organization of items."),
    "no_sco": gettext_lazy("The manifest has no SCO to launch."),
    "no_au": gettext_lazy("cmi5.xml has no AU to launch."),
    "invalid_mastery_score": gettext_lazy("The mastery score %(value)r is out of range."),
    "invalid_move_on": gettext_lazy("The moveOn value %(value)r is not one of cmi5's."),
    "several_items": gettext_lazy(
        "The package has %(count)d SCOs or AUs; the lesson plays the first one only."
    ),
    "unreferenced_file": gettext_lazy("This file is not referenced by the manifest."),
    "more_unreferenced_files": gettext_lazy(
        "%(count)d more files are not referenced by the manifest."
    ),
    "storage_unavailable": gettext_lazy(
        "The package could not be stored: file storage was unavailable. Upload it again later."
    ),
}


class PackageRefusedError(Exception):
    """The upload was refused; `problems` says why (each with its code and path)."""

    def __init__(self, problems: list[PackageProblem]) -> None:
        super().__init__(", ".join(problem.code for problem in problems))
        self.problems = problems


def package_limits() -> Limits:
    """The limits of settings.PACKAGE_MAX_UNPACKED_MB, PACKAGE_MAX_FILES, PACKAGE_MAX_RATIO."""
    return Limits(
        max_total_bytes=settings.PACKAGE_MAX_UNPACKED_BYTES,
        max_files=settings.PACKAGE_MAX_FILES,
        max_ratio=settings.PACKAGE_MAX_RATIO,
    )


def problem_messages(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored problems ({code, path, params}) with their messages in the active language."""
    answered = []
    for problem in problems:
        message = PACKAGE_PROBLEMS.get(problem["code"], PACKAGE_PROBLEMS["manifest_invalid"])
        params = problem.get("params") or {}
        try:
            text = str(message % params) if params else str(message).replace("%%", "%")
        except (KeyError, TypeError, ValueError):
            text = str(message)
        answered.append({"code": problem["code"], "message": text, "path": problem.get("path")})
    return answered


def _stored(problem: PackageProblem) -> dict[str, Any]:
    return {"code": problem.code, "path": problem.path, "params": problem.params}


def _authoring_course(
    *, user: User | None, slug: str, lesson_key: uuid.UUID, must_author: bool
) -> Course:
    """The course when the user is on its staff (an author for `must_author`; None is a trusted
    system import) and it has a package lesson with that key in any version. Raises
    Course.DoesNotExist, Lesson.DoesNotExist (unknown and foreign alike), PermissionDenied."""
    if user is None:
        course = Course.objects.get(slug=slug)
    else:
        organization_ids = accounts_api.organization_ids_for_user(
            user=user, roles=accounts_api.STAFF_ROLES
        )
        course = Course.objects.filter(institutions__in=organization_ids).distinct().get(slug=slug)
    if must_author and user is not None:
        owners = set(course.institutions.values_list("id", flat=True))
        if not owners & accounts_api.organization_ids_for_user(user=user, roles=("author",)):
            raise PermissionDenied(PACKAGE_ROLE_REQUIRED)
    if not Lesson.objects.filter(
        module__version__course=course, key=lesson_key, kind=Lesson.Kind.PACKAGE
    ).exists():
        raise Lesson.DoesNotExist
    return course


def _find_manifest(names: set[str]) -> tuple[str | None, list[PackageProblem]]:
    for name in (CMI5_MANIFEST, SCORM_MANIFEST):
        if name in names:
            return name, []
    nested = sorted(
        name for name in names if name.rsplit("/", 1)[-1] in {CMI5_MANIFEST, SCORM_MANIFEST}
    )
    if nested:
        return None, [PackageProblem("manifest_not_at_root", nested[0])]
    return None, [PackageProblem("no_manifest", None)]


def upload_lesson_package(
    *, user: User | None, slug: str, lesson_key: uuid.UUID, file: UploadedFile
) -> ElearningPackage:
    """Check an author's zip for a package lesson (of any version of the course: the package
    follows the lesson's key) and keep it, queueing its unpacking into storage once the
    transaction commits. The lesson keeps playing its current package until this one is ready.
    `user` None is a trusted system import (a course imported from the command line).

    The checks need only the zip's listing and its manifest: unsafe names, links, encryption,
    counts and sizes (declared, and inflated while reading the manifest), the manifest's XML
    (no DTD, no entities) and every file it names. Raises Course.DoesNotExist, Lesson.DoesNotExist
    (unknown, foreign, or not a package lesson), PermissionDenied (not an author),
    ValidationError `too_large`, PackageRefusedError with the blocking problems. The upload is
    read from its temporary file, never whole into memory.
    """
    course = _authoring_course(user=user, slug=slug, lesson_key=lesson_key, must_author=True)
    limit = settings.PACKAGE_MAX_BYTES
    if file.size is None or file.size > limit:
        raise ValidationError(
            PACKAGE_TOO_LARGE % {"limit": limit // (1024 * 1024)}, code="too_large"
        )
    limits = package_limits()
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise PackageRefusedError([PackageProblem("not_a_zip", None)]) from error
    with archive:
        listing = read_listing(archive, limits)
        manifest, problems = _find_manifest(listing.names)
        problems = [*listing.problems, *problems]
        if manifest is None or any(problem.is_blocking for problem in problems):
            raise PackageRefusedError([problem for problem in problems if problem.is_blocking])
        try:
            data = read_entry(archive, manifest, limits, max_bytes=MANIFEST_MAX_BYTES)
        except UnpackRefusedError as refused:
            raise PackageRefusedError([refused.problem]) from refused
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
            raise PackageRefusedError([PackageProblem("damaged", manifest)]) from error
    facts = parse_manifest(name=manifest, data=data, files=listing.names)
    blocking = [problem for problem in facts.problems if problem.is_blocking]
    if blocking:
        raise PackageRefusedError(blocking)
    package_id = uuid.uuid4()
    file.seek(0)
    stored = packages_storage().save(source_name(package_id), file)
    with transaction.atomic():
        package = ElearningPackage.objects.create(
            id=package_id,
            course=course,
            lesson_key=lesson_key,
            standard=facts.standard,
            edition=facts.edition,
            title=facts.title[:500],
            launch_path=facts.launch_path,
            mastery_score=facts.mastery_score,
            items=facts.items,
            problems=[_stored(problem) for problem in facts.problems],
            file_count=len(listing.names),
            size=listing.declared_size,
            source_name=stored,
            folder=f"packages/{package_id.hex}",
            uploaded_by=user,
        )
        transaction.on_commit(
            lambda: elearning_package_uploaded.send(sender=ElearningPackage, package_id=package_id)
        )
    return package


def package_report(package: ElearningPackage) -> dict[str, Any]:
    """What authors see of one upload (the contract's PackageReport), messages translated."""
    return {
        "id": package.pk,
        "state": package.state,
        "progress_percent": package.progress_percent,
        "standard": package.standard,
        "edition": package.edition,
        "title": package.title,
        "launch_path": package.launch_path,
        "mastery_score": _number(package.mastery_score),
        "items": [
            {
                "identifier": item.get("identifier", ""),
                "title": item.get("title", ""),
                "launch_path": item.get("launch_path", ""),
                "mastery_score": item.get("mastery_score"),
                "move_on": item.get("move_on"),
            }
            for item in package.items
        ],
        "file_count": package.file_count,
        "size": package.size,
        "problems": problem_messages(package.problems),
        "uploaded_at": package.created_at,
    }


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def lesson_package_report(*, user: User, slug: str, lesson_key: uuid.UUID) -> dict[str, Any]:
    """The report of the newest upload of a package lesson, for its course's staff. Raises
    Course.DoesNotExist, Lesson.DoesNotExist, ElearningPackage.DoesNotExist (none yet)."""
    course = _authoring_course(user=user, slug=slug, lesson_key=lesson_key, must_author=False)
    newest = ElearningPackage.objects.filter(course=course, lesson_key=lesson_key).order_by(
        "-created_at"
    )
    return package_report(newest[:1].get())


def lesson_package_reports(*, course: Course) -> dict[str, dict[str, Any]]:
    """The report of the package each package lesson of the course uses (its newest ready one,
    else its newest upload), by lesson key; for the course's staff (the caller checked)."""
    reports: dict[str, dict[str, Any]] = {}
    ready: set[str] = set()
    for package in ElearningPackage.objects.filter(course=course).order_by("-created_at"):
        key = str(package.lesson_key)
        is_ready = package.state == ElearningPackage.State.READY
        if key not in reports or (is_ready and key not in ready):
            reports[key] = package_report(package)
            if is_ready:
                ready.add(key)
    return reports


def playing_package(*, course_id: int, lesson_key: uuid.UUID | str) -> ElearningPackage | None:
    """The package a lesson plays: its newest ready one; None when none is ready."""
    return (
        ElearningPackage.objects.filter(
            course_id=course_id, lesson_key=lesson_key, state=ElearningPackage.State.READY
        )
        .order_by("-ready_at")
        .first()
    )


def get_ready_package(
    *, package_id: uuid.UUID | str, course_id: int, lesson_key: uuid.UUID | str
) -> ElearningPackage:
    """A ready package of that course's lesson (a launch names it). Raises
    ElearningPackage.DoesNotExist otherwise, or for a malformed id."""
    try:
        return ElearningPackage.objects.get(
            pk=package_id,
            course_id=course_id,
            lesson_key=lesson_key,
            state=ElearningPackage.State.READY,
        )
    except ValidationError as error:  # not a UUID
        raise ElearningPackage.DoesNotExist from error
