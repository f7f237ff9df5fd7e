"""Downloadable files of resource lessons: uploads, files stored from a zip package, and the
reads that the download view needs."""

import hashlib
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses import packages, uploads
from courses.models import Course, Lesson, Resource
from courses.staff import get_course_for_member, require_role

InvalidPackageError = packages.InvalidPackageError

FILE_TOO_LARGE = gettext_lazy("The file is larger than the limit of %(limit)d MB.")
FILE_TYPE_REFUSED = gettext_lazy(
    "This file type is not accepted. Upload PDF, PNG, JPEG, plain text, CSV, or Office "
    "(DOCX, XLSX, PPTX) files."
)


def _packaged_file(content: bytes | File) -> tuple[File, bytes, int, str]:
    """The file to store, its first bytes, size and SHA-256; a `File` is read in chunks (an
    import's member streamed from its spool), never whole."""
    if isinstance(content, bytes):
        return (
            ContentFile(content),
            content[: uploads.SNIFF_BYTES],
            len(content),
            hashlib.sha256(content).hexdigest(),
        )
    content.seek(0)
    head = content.read(uploads.SNIFF_BYTES)
    digest = hashlib.sha256()
    size = 0
    for chunk in content.chunks():
        digest.update(chunk)
        size += len(chunk)
    content.seek(0)
    return content, head, size, digest.hexdigest()


def resolve_package_resources(
    course: Course,
    spec: dict[str, Any],
    archive_files: Mapping[str, bytes | File],
    user: User | None,
) -> dict[str, Resource]:
    """Map each resource lesson's reference to a Resource, storing files from the archive
    (bytes, or a `File` streamed to storage in chunks)."""
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
                content, head, size, sha256 = _packaged_file(archive_files[reference])
                filename = reference.rsplit("/", 1)[-1]
                accepted = uploads.accepted_type(head, filename)
                if accepted is None:
                    problems.append(packages.Problem(location, str(FILE_TYPE_REFUSED)))
                    continue
                # Stored under a name of our choosing; the archive's name is the download name.
                content.name = uploads.stored_name(accepted)
                resolved[reference] = Resource.objects.create(
                    course=course,
                    file=content,
                    filename=filename,
                    content_type=accepted.content_type,
                    size=size,
                    sha256=sha256,
                    uploaded_by=user,
                )
            else:
                problems.append(packages.Problem(location, "names no uploaded or packaged file"))
    if problems:
        raise InvalidPackageError(problems)
    return resolved


def upload_resource(*, user: User, slug: str, file: UploadedFile) -> Resource:
    """Store a downloadable file for a resource lesson of a course the user authors.

    The type is detected from the file's bytes, not from its name or the client's claim. Raises
    Course.DoesNotExist (unknown or not the user's), PermissionDenied (not an author),
    ValidationError with code `too_large` or `unsupported_type`.
    """
    course = get_course_for_member(user=user, slug=slug)
    require_role(user=user, course=course, role="author", action="upload")
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
    # Its own savepoint: a storage that refuses the file (OSError while the row is saved) leaves
    # the caller's transaction usable.
    with transaction.atomic():
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
