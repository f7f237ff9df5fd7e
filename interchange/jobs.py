"""Imports run in the background for the authoring app (services): upload, analyse, confirm,
write; each step claims the row under a lock, so a task delivered twice does its work once."""

import contextlib
import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from config.tasks import queue_after_commit
from interchange import importing
from interchange.models import CourseImport
from interchange.report import NOT_IMPORTED, ReportBuilder

__all__ = [
    "analyse_course_import",
    "confirm_course_import",
    "get_course_import_for_user",
    "start_course_import",
    "write_course_import",
]

State = CourseImport.State
logger = logging.getLogger(__name__)

UNEXPECTED = gettext_lazy(
    "The file could not be read because of an error on the platform's side (it was logged); "
    "nothing was imported. Try again later, or tell the platform's team."
)
IMPORT_TOO_LARGE = gettext_lazy("The file is larger than the limit of %(limit)d MB.")
NOT_AN_AUTHOR = gettext_lazy("You need the author role in this institution to import a course.")
NOT_READY = gettext_lazy("This import is %(state)s; only an import ready for review is confirmed.")


def _storage() -> Storage:
    return storages["packages"]


def _stored_name(import_id: uuid.UUID) -> str:
    # Outside the `packages/<id>/` folders the content origin serves, so never served as is.
    return f"imports/{import_id}.zip"


def start_course_import(*, user: User, organisation: str, file: UploadedFile) -> CourseImport:
    """Keep an uploaded course archive and queue its analysis (after commit). Its `format` is
    the container's guess (`importing.guess_format`) until the analysis reads the content.

    Raises PermissionDenied unless the user is an author of the institution `organisation`,
    ValidationError (code `too_large`) over IMPORT_MAX_BYTES.
    """
    institutions = accounts_api.organizations_by_slug(slugs=[organisation])
    institution = institutions.get(organisation)
    author_of = accounts_api.organization_ids_for_user(user=user, roles=("author",))
    if institution is None or institution.pk not in author_of:
        raise PermissionDenied(NOT_AN_AUTHOR)
    limit = settings.IMPORT_MAX_BYTES
    if file.size is None or file.size > limit:
        raise ValidationError(
            IMPORT_TOO_LARGE % {"limit": limit // (1024 * 1024)}, code="too_large"
        )
    import_id = uuid.uuid4()
    file.seek(0)
    head = file.read(512)
    file.seek(0)
    stored = _storage().save(_stored_name(import_id), file)
    from interchange.tasks import analyse_course_import_task

    with transaction.atomic():
        job = CourseImport.objects.create(
            id=import_id,
            organization=institution,
            created_by=user,
            format=importing.guess_format(head=head, filename=file.name or ""),
            filename=(file.name or "course.imscc")[-255:],
            size=file.size,
            stored_name=stored,
        )
        queue_after_commit(analyse_course_import_task, str(job.pk))
    return job


def get_course_import_for_user(*, user: User, import_id: uuid.UUID) -> CourseImport:
    """An import of an institution the user is staff of (any staff role); raises
    CourseImport.DoesNotExist for unknown and foreign imports alike."""
    staff_of = accounts_api.organization_ids_for_user(user=user, roles=accounts_api.STAFF_ROLES)
    return CourseImport.objects.select_related("version__course").get(
        pk=import_id, organization_id__in=staff_of
    )


def _progress(job_id: uuid.UUID) -> importing.Progress:
    def report(stage: str, done: int, total: int) -> None:
        CourseImport.objects.filter(pk=job_id).update(
            stage=stage, items_done=min(done, total), items_total=total
        )

    return report


def _claim(import_id: uuid.UUID, expected: str, running: str) -> CourseImport | None:
    with transaction.atomic():
        job = CourseImport.objects.select_for_update().filter(pk=import_id).first()
        if job is None or job.state != expected:
            return None
        job.state = running
        job.save(update_fields=["state", "updated_at"])
        return job


# Copying an upload out of a remote storage: chunks of this size.
_COPY_CHUNK_BYTES = 1024 * 1024


@contextlib.contextmanager
def _opened(job: CourseImport) -> Iterator[IO[bytes]]:
    """The kept upload as a seekable file, never read whole into memory: the stored file itself
    when the storage is a local folder, else a local temporary copy streamed in chunks (a remote
    storage's file may not seek cheaply, and zips need to). Raises OSError when the storage
    cannot give it back."""
    storage = _storage()
    try:
        local_path = storage.path(job.stored_name)
    except NotImplementedError:
        local_path = None
    if local_path is not None:
        with open(local_path, "rb") as handle:
            yield handle
        return
    with (
        tempfile.TemporaryFile(prefix="icim-upload-") as copy,
        storage.open(job.stored_name, "rb") as remote,
    ):
        shutil.copyfileobj(remote, copy, _COPY_CHUNK_BYTES)
        copy.seek(0)
        yield copy


def _fail(job: CourseImport, report: dict[str, Any]) -> None:
    CourseImport.objects.filter(pk=job.pk).update(
        state=State.FAILED, report=report, format=report.get("format", job.format)
    )
    _storage().delete(job.stored_name)


def analyse_course_import(*, import_id: uuid.UUID) -> None:
    """The task's run: read and map the kept archive, writing only the report and the format
    its content names (ready, or failed with the reason). Does nothing unless the import is
    queued (safe to run twice). Raises OSError when the storage cannot give the file back (the
    import is queued again)."""
    job = _claim(import_id, State.QUEUED, State.ANALYSING)
    if job is None:
        return
    with contextlib.ExitStack() as stack:
        try:
            source = stack.enter_context(_opened(job))
        except OSError:
            # The storage failed us, not the cartridge: back in the queue for the task's retry.
            CourseImport.objects.filter(pk=job.pk).update(state=State.QUEUED)
            raise
        _analyse_kept(job, source)


def _analyse_kept(job: CourseImport, source: IO[bytes]) -> None:
    try:
        analysis = importing.analyse_course(
            data=source, organisation=job.organization.slug, on_progress=_progress(job.pk)
        )
    except importing.ImportRefusedError as error:
        _fail(job, error.stored_report)
        return
    except Exception:  # a reader's bug must not leave the import analysing for ever
        logger.exception("Course import %s: the analysis failed unexpectedly", job.pk)
        report = ReportBuilder(format=job.format)
        report.add(kind="archive", title="", source="$", status=NOT_IMPORTED, reason=UNEXPECTED)
        _fail(job, report.as_stored())
        return
    analysis.close()
    CourseImport.objects.filter(pk=job.pk).update(
        state=State.READY, report=analysis.report.as_stored(), format=analysis.report.format
    )


def confirm_course_import(*, user: User, import_id: uuid.UUID) -> CourseImport:
    """The author confirms an analysed import: it is queued to be written (after commit).

    Raises CourseImport.DoesNotExist (not the user's institution), PermissionDenied (not an
    author), ValidationError (code `not_ready`) unless it is ready. Takes the row's lock.
    """
    from interchange.tasks import write_course_import_task

    get_course_import_for_user(user=user, import_id=import_id)
    with transaction.atomic():
        job = CourseImport.objects.select_for_update().get(pk=import_id)
        author_of = accounts_api.organization_ids_for_user(user=user, roles=("author",))
        if job.organization_id not in author_of:
            raise PermissionDenied(NOT_AN_AUTHOR)
        if job.state != State.READY:
            raise ValidationError(NOT_READY % {"state": job.get_state_display()}, code="not_ready")
        job.state = State.IMPORTING
        job.save(update_fields=["state", "updated_at"])
        queue_after_commit(write_course_import_task, str(job.pk), user.pk)
    return job


def write_course_import(*, import_id: uuid.UUID, user_id: int) -> None:
    """The task's run: read the cartridge again and write it as a draft, in one transaction,
    as the user who confirmed (an author's checks apply); imported with its version, or failed
    with the report. Does nothing unless the import is importing (safe to run twice). Raises
    OSError when the storage cannot give the file back (nothing changed: a retry takes it up)."""
    with transaction.atomic():
        job = CourseImport.objects.select_for_update().filter(pk=import_id).first()
        if job is None or job.state != State.IMPORTING:
            return
        user = User.objects.get(pk=user_id)
        try:
            with _opened(job) as source:
                result = importing.import_course(
                    data=source,
                    organisation=job.organization.slug,
                    user=user,
                    slug=(job.report or {}).get("course", {}).get("slug"),
                    on_progress=_progress(job.pk),
                )
        except importing.ImportRefusedError as error:
            job.state, job.report = State.FAILED, error.stored_report
        except PermissionDenied as error:
            job.state = State.FAILED
            job.report = {**(job.report or {}), "course": None}
            job.report["items"] = [
                *job.report.get("items", []),
                {
                    "kind": "course",
                    "title": "",
                    "source": "",
                    "status": "not_imported",
                    "reason": str(error),
                },
            ]
        else:
            job.state, job.report, job.version = (
                State.IMPORTED,
                result.stored_report,
                result.version,
            )
        job.save(update_fields=["state", "report", "version", "updated_at"])
    _storage().delete(job.stored_name)
