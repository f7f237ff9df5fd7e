"""Importing a course from another platform's format into a draft version (services).

One path for every format and every caller (the command, the tasks behind the API): open the
archive once with the platform's checks (a zip, or a tar plain or gzip'd), let the reader of the
format its files name (`imsmanifest.xml`, `moodle_backup.xml`, `course.xml`) map it and fill the
report (`analyse_course`, which writes nothing), then hand the package to
`courses.api.import_course_package`, which validates it like an authored one and writes it in one
transaction, so a failure leaves no half-made course.
"""

import io
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from courses.models import Course, CourseVersion
from interchange import mapping
from interchange.archive import ArchiveFiles, ArchiveRefusedError, is_tar, open_course_archive
from interchange.common_cartridge import reader as cartridge_reader
from interchange.moodle import reader as moodle_reader
from interchange.olx import files as olx_files
from interchange.olx import reader as olx_reader
from interchange.report import APPROXIMATED, NOT_IMPORTED, Reason, ReportBuilder

__all__ = [
    "Analysis",
    "ImportRefusedError",
    "ImportResult",
    "Progress",
    "analyse_common_cartridge",
    "analyse_course",
    "detect_format",
    "guess_format",
    "import_common_cartridge",
    "import_course",
    "write_analysis",
]

NOTHING_TO_IMPORT = "Nothing in the cartridge could be imported."
NOTHING_IN_THE_EXPORT = "Nothing in the export could be imported."
UNKNOWN_FORMAT = _(
    "The archive is neither a Common Cartridge (imsmanifest.xml), a Moodle backup "
    "(moodle_backup.xml) nor an Open edX export (course.xml at its root or in its one top folder)."
)
NOT_AN_ARCHIVE = _("The file is neither a zip nor a tar (a .imscc, .mbz or .tar.gz).")
NOT_AN_INSTITUTION = _("“%(organisation)s” is not a known institution.")
ARCHIVE_REFUSED = _("Refused by the archive checks: %(code)s.")
PACKAGE_REFUSED = _("The package lesson waits for an upload: its zip was refused (%(codes)s).")
SLUG_TAKEN = _("Another course took this slug since the cartridge was read; import it again.")
# Stages of an import as the progress reports them.
UNPACKING, READING, VALIDATING, WRITING = "unpacking", "reading", "validating", "writing"
Progress = Callable[[str, int, int], None]
_RENAMED_IN_TAR = "The name was not UTF-8; read as Windows-1252."
_RENAMED_IN_ZIP = "The name was stored in UTF-8 without saying so; read as UTF-8."


def _no_progress(stage: str, done: int, total: int) -> None:
    """The progress callback of callers that do not follow it."""


class ImportRefusedError(Exception):
    """The import wrote nothing; `report` (the contract's shape, reasons in the language active
    when refused) says why; `stored_report` is the same as an import keeps it (`as_stored`)."""

    def __init__(self, builder: ReportBuilder) -> None:
        report = builder.as_dict()
        super().__init__(report["items"][-1]["reason"] if report["items"] else "refused")
        self.report = report
        self.stored_report = builder.as_stored()


@dataclass(frozen=True)
class ImportResult:
    """The draft version an import created, and its fidelity report (`report` the contract's
    shape; `stored_report` as an import keeps it)."""

    version: CourseVersion
    report: dict[str, Any]
    stored_report: dict[str, Any] = field(default_factory=dict)


@dataclass
class Analysis:
    """A course archive read and mapped, nothing written: the package it became (validated),
    the files its resource lessons name (streamed from the archive's spool), the report so far,
    and the e-learning zips its package lessons play (lesson key → where it was in the source,
    the zip). The files read until `close()`, which deletes the spool."""

    package: dict[str, Any]
    files: Mapping[str, File]
    report: ReportBuilder
    packages: dict[str, tuple[str, File]] = field(default_factory=dict)
    archive: ArchiveFiles | None = None

    def close(self) -> None:
        """Delete the archive's spool (its files read nothing after this)."""
        if self.archive is not None:
            self.archive.close()


def _refuse(
    report: ReportBuilder,
    kind: str,
    source: str,
    reason: Reason,
    reason_params: dict[str, Any] | None = None,
) -> ImportRefusedError:
    report.add(
        kind=kind,
        title="",
        source=source,
        status=NOT_IMPORTED,
        reason=reason,
        reason_params=reason_params,
    )
    report.course = None
    return ImportRefusedError(report)


def _refuse_invalid(report: ReportBuilder, error: Any) -> ImportRefusedError:
    for problem in error.problems:
        report.add(
            kind="course",
            title="",
            source=problem.location,
            status=NOT_IMPORTED,
            reason=problem.message,
        )
    report.course = None
    return ImportRefusedError(report)


def _refuse_archive(report: ReportBuilder, error: ArchiveRefusedError) -> ImportRefusedError:
    report.format = detect_format(error.names) or report.format
    for code, path in error.problems:
        report.add(
            kind="archive",
            title="",
            source=path or "$",
            status=NOT_IMPORTED,
            reason=NOT_AN_ARCHIVE if code == "not_an_archive" else ARCHIVE_REFUSED,
            reason_params=None if code == "not_an_archive" else {"code": code},
        )
    return ImportRefusedError(report)


def _check_institution(report: ReportBuilder, organisation: str) -> None:
    institutions = accounts_api.organizations_by_slug(slugs=[organisation])
    if organisation not in institutions or institutions[organisation].kind != "institution":
        raise _refuse(
            report,
            "organisation",
            organisation,
            NOT_AN_INSTITUTION,
            {"organisation": organisation},
        )


def guess_format(*, head: bytes, filename: str = "") -> str:
    """The format an upload most likely has before its content is read, from the container's
    first bytes (and a tar's `.mbz` name): a zip `imscc`, a tar `mbz` or `olx`. Only a label
    until `analyse_course` reads the content, which decides (`detect_format`)."""
    if not is_tar(head):
        return cartridge_reader.FORMAT
    return moodle_reader.FORMAT if filename.lower().endswith(".mbz") else olx_reader.FORMAT


def detect_format(names: Collection[str]) -> str | None:
    """The format the archive's files name: `imsmanifest.xml` at the root a Common Cartridge
    (`imscc`), `moodle_backup.xml` a Moodle backup (`mbz`), `course.xml` at the root or in the
    one top folder an Open edX export (`olx`); None for none of them."""
    if cartridge_reader.MANIFEST in names:
        return cartridge_reader.FORMAT
    if moodle_reader.BACKUP in names:
        return moodle_reader.FORMAT
    try:
        olx_files.root_folder(dict.fromkeys(names, b""))
    except olx_files.CourseRefusedError:
        return None
    return olx_reader.FORMAT


_Content = cartridge_reader.CartridgeContent | moodle_reader.BackupContent | olx_reader.OlxContent


def _read_source(
    files: ArchiveFiles, report: ReportBuilder, on_progress: Progress
) -> tuple[_Content, str]:
    """The course of the format the archive's files name (`detect_format`), and the file the
    format starts from. Raises ImportRefusedError."""

    def reading(done: int, total: int) -> None:
        on_progress(READING, done, total)

    found = detect_format(files)
    if found is None:
        raise _refuse(report, "manifest", "$", UNKNOWN_FORMAT)
    report.format = found
    if found == cartridge_reader.FORMAT:
        try:
            cartridge = cartridge_reader.read_cartridge(files, report, reading)
            return cartridge, cartridge_reader.MANIFEST
        except cartridge_reader.ManifestRefusedError as error:
            raise _refuse(report, "manifest", cartridge_reader.MANIFEST, error.reason) from error
    if found == moodle_reader.FORMAT:
        try:
            return moodle_reader.read_backup(files, report, reading), moodle_reader.BACKUP
        except moodle_reader.BackupRefusedError as error:
            raise _refuse(report, "manifest", moodle_reader.BACKUP, error.reason) from error
    try:
        return olx_reader.read_olx(files, report, reading), "course.xml"
    except olx_files.CourseRefusedError as error:
        raise _refuse(report, "course", error.source, error.reason, error.params) from error


def _as_file(data: bytes | IO[bytes]) -> IO[bytes]:
    return io.BytesIO(data) if isinstance(data, bytes) else data


def analyse_course(
    *,
    data: bytes | IO[bytes],
    organisation: str,
    slug: str | None = None,
    on_progress: Progress = _no_progress,
) -> Analysis:
    """Read and map the course archive `data` (a seekable binary file, e.g. the stored upload,
    or bytes) for the institution `organisation` and validate the package it becomes, writing
    nothing. The container (a zip, or a tar plain or gzip'd) is told by its first bytes and
    read once as a stream, its members copied in chunks to a temporary spool: memory holds no
    archive and no file member whole, only the XML and HTML documents being parsed. Its files
    then pick the reader (`detect_format`): a Common Cartridge, a Moodle backup or an Open edX
    OLX export. `slug` picks the course's slug; by default one is made from the title that no
    course has yet. Calls `on_progress(stage, done, total)`. The caller closes the analysis.

    Raises ImportRefusedError (with the report) when the archive is refused, its files name no
    format, the format's root file is refused, nothing could be imported, or the package is
    invalid.
    """
    source = _as_file(data)
    source.seek(0)
    head = source.read(512)
    source.seek(0)
    report = ReportBuilder(format=guess_format(head=head))
    _check_institution(report, organisation)
    on_progress(UNPACKING, 0, 1)
    try:
        archive = open_course_archive(source)
    except ArchiveRefusedError as error:
        raise _refuse_archive(report, error) from error
    try:
        return _analyse_files(archive, report, head, organisation, slug, on_progress)
    except BaseException:
        archive.close()
        raise


def _analyse_files(
    archive: ArchiveFiles,
    report: ReportBuilder,
    head: bytes,
    organisation: str,
    slug: str | None,
    on_progress: Progress,
) -> Analysis:
    renamed_reason = _RENAMED_IN_TAR if is_tar(head) else _RENAMED_IN_ZIP
    for old, new in archive.renamed.items():
        report.add(
            kind="file_name", title=new, source=old, status=APPROXIMATED, reason=renamed_reason
        )
    content, root_file = _read_source(archive, report, on_progress)
    nothing = NOTHING_IN_THE_EXPORT if report.format == olx_reader.FORMAT else NOTHING_TO_IMPORT
    if not any(module.lessons for module in content.modules):
        raise _refuse(report, "course", root_file, nothing)
    on_progress(VALIDATING, 0, 1)
    if slug is None:
        base = mapping.slug_for(content.title, set())
        taken = set(Course.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug = mapping.slug_for(content.title, taken)
    package = mapping.course_package(
        slug=slug,
        title=content.title,
        description=content.description,
        language=content.language,
        institution=organisation,
        modules=content.modules,
    )
    try:
        courses_api.packages.validate_package(package)
    except courses_api.InvalidPackageError as error:
        raise _refuse_invalid(report, error) from error
    report.course = {
        "slug": slug,
        "title": package["course"]["translations"][content.language]["title"],
    }
    packages = content.packages if isinstance(content, moodle_reader.BackupContent) else {}
    return Analysis(
        package=package, files=content.files, report=report, packages=packages, archive=archive
    )


def analyse_common_cartridge(
    *,
    data: bytes | IO[bytes],
    organisation: str,
    slug: str | None = None,
    on_progress: Progress = _no_progress,
) -> Analysis:
    """`analyse_course`, under the name it had when cartridges were the only format."""
    return analyse_course(data=data, organisation=organisation, slug=slug, on_progress=on_progress)


def _mark_package_refused(report: ReportBuilder, source: str, codes: str) -> None:
    """The package's line says what became of it after all (it said imported at analysis)."""
    for index, item in enumerate(report.items):
        if item.kind == "package" and item.source == source:
            report.items[index] = item.with_outcome(
                status=NOT_IMPORTED, reason=PACKAGE_REFUSED, reason_params={"codes": codes}
            )


def _attach_packages(analysis: Analysis, user: User | None) -> None:
    """Each package lesson's zip, checked and kept like an author's upload (its unpacking is
    queued after commit); a zip the checks refuse leaves the lesson waiting for an upload."""
    slug = analysis.package["course"]["slug"]
    kept: list[str] = []
    try:
        for key, (source, member) in analysis.packages.items():
            member.seek(0)
            upload = UploadedFile(
                member.file, name="package.zip", content_type="application/zip", size=member.size
            )
            try:
                package = courses_api.upload_lesson_package(
                    user=user, slug=slug, lesson_key=uuid.UUID(key), file=upload
                )
            except (courses_api.PackageRefusedError, ValidationError) as error:
                _mark_package_refused(analysis.report, source, str(error))
                continue
            kept.append(package.source_name)
    except BaseException:
        # The transaction rolls the rows back; the zips kept in storage would outlive them.
        for name in kept:
            storages["packages"].delete(name)
        raise


def write_analysis(*, analysis: Analysis, user: User | None) -> ImportResult:
    """Write an analysed cartridge as a new course's draft version. `user` None is a trusted
    import (the command line); otherwise the user must be an author of the institution.
    Raises ImportRefusedError (the package's problems, e.g. its slug taken meanwhile),
    PermissionDenied. Atomic: on any error nothing is written."""
    report = analysis.report
    slug = analysis.package["course"]["slug"]
    with transaction.atomic():
        # An import always makes a new course: a course given this slug since the analysis is
        # not written over.
        if Course.objects.filter(slug=slug).exists():
            raise _refuse(report, "course", "course.slug", SLUG_TAKEN)
        try:
            version = courses_api.import_course_package(
                user=user, data=analysis.package, archive_files=analysis.files
            )
        except courses_api.InvalidPackageError as error:
            raise _refuse_invalid(report, error) from error
        _attach_packages(analysis, user)
    return ImportResult(version=version, report=report.as_dict(), stored_report=report.as_stored())


def import_course(
    *,
    data: bytes | IO[bytes],
    organisation: str,
    user: User | None,
    slug: str | None = None,
    on_progress: Progress = _no_progress,
) -> ImportResult:
    """Import the course archive `data` (a Common Cartridge, a Moodle backup or an Open edX
    OLX export) as a new course
    of the institution `organisation`, a draft version (review and approval still apply):
    `analyse_course`, then `write_analysis`. Raises what they raise. Atomic: on any error
    nothing is written.
    """
    analysis = analyse_course(
        data=data, organisation=organisation, slug=slug, on_progress=on_progress
    )
    try:
        on_progress(WRITING, 0, 1)
        result = write_analysis(analysis=analysis, user=user)
        on_progress(WRITING, 1, 1)
    finally:
        analysis.close()
    return result


def import_common_cartridge(
    *,
    data: bytes | IO[bytes],
    organisation: str,
    user: User | None,
    slug: str | None = None,
    on_progress: Progress = _no_progress,
) -> ImportResult:
    """`import_course`, under the name it had when cartridges were the only format."""
    return import_course(
        data=data, organisation=organisation, user=user, slug=slug, on_progress=on_progress
    )
