"""Importing a course from another platform's format into a draft version (services).

One path for every format and every caller (the command, the tasks behind the API): open the
archive with the platform's zip checks, let the format's reader map it and fill the report
(`analyse_common_cartridge`, which writes nothing), then hand the package to
`courses.api.import_course_package`, which validates it like an authored one and writes it in
one transaction, so a failure leaves no half-made course.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from courses.models import Course, CourseVersion
from interchange import mapping
from interchange.archive import ArchiveRefusedError, open_archive
from interchange.common_cartridge import reader as cartridge_reader
from interchange.olx import reader as olx_reader
from interchange.report import APPROXIMATED, NOT_IMPORTED, ReportBuilder
from interchange.tarball import is_tar, open_tarball

__all__ = [
    "Analysis",
    "ImportRefusedError",
    "ImportResult",
    "Progress",
    "analyse_common_cartridge",
    "analyse_course",
    "analyse_olx",
    "detect_format",
    "import_common_cartridge",
    "import_course",
    "write_analysis",
]

NOTHING_TO_IMPORT = "Nothing in the cartridge could be imported."
NOTHING_IN_THE_EXPORT = "Nothing in the export could be imported."
NOT_AN_INSTITUTION = "is not a known institution"
SLUG_TAKEN = "Another course took this slug since the cartridge was read; import it again."
# Stages of an import as the progress reports them.
UNPACKING, READING, VALIDATING, WRITING = "unpacking", "reading", "validating", "writing"
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    """The progress callback of callers that do not follow it."""


class ImportRefusedError(Exception):
    """The import wrote nothing; `report` (the contract's shape) says why."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__(report["items"][-1]["reason"] if report["items"] else "refused")
        self.report = report


@dataclass(frozen=True)
class ImportResult:
    """The draft version an import created, and its fidelity report."""

    version: CourseVersion
    report: dict[str, Any]


@dataclass
class Analysis:
    """A cartridge read and mapped, nothing written: the package it became (validated), the
    files its resource lessons name, and the report so far."""

    package: dict[str, Any]
    files: dict[str, bytes]
    report: ReportBuilder


def _refuse(report: ReportBuilder, kind: str, source: str, reason: str) -> ImportRefusedError:
    report.add(kind=kind, title="", source=source, status=NOT_IMPORTED, reason=reason)
    report.course = None
    return ImportRefusedError(report.as_dict())


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
    return ImportRefusedError(report.as_dict())


def _refuse_archive(report: ReportBuilder, error: ArchiveRefusedError) -> ImportRefusedError:
    for code, path in error.problems:
        report.add(
            kind="archive",
            title="",
            source=path or "$",
            status=NOT_IMPORTED,
            reason=f"Refused by the archive checks: {code}.",
        )
    return ImportRefusedError(report.as_dict())


def _check_institution(report: ReportBuilder, organisation: str) -> None:
    institutions = accounts_api.organizations_by_slug(slugs=[organisation])
    if organisation not in institutions or institutions[organisation].kind != "institution":
        raise _refuse(
            report, "organisation", organisation, f"“{organisation}” {NOT_AN_INSTITUTION}."
        )


def _report_renamed(report: ReportBuilder, renamed: dict[str, str], reason: str) -> None:
    for old, new in renamed.items():
        report.add(kind="file_name", title=new, source=old, status=APPROXIMATED, reason=reason)


def _validated(
    report: ReportBuilder,
    *,
    title: str,
    description: str,
    language: str,
    modules: list[mapping.ModuleDraft],
    files: dict[str, bytes],
    organisation: str,
    slug: str | None,
    source: str,
    on_progress: Progress,
    nothing: str = NOTHING_TO_IMPORT,
) -> Analysis:
    """What every reader ends with: refuse an empty course, make the package, validate it."""
    if not any(module.lessons for module in modules):
        raise _refuse(report, "course", source, nothing)
    on_progress(VALIDATING, 0, 1)
    if slug is None:
        base = mapping.slug_for(title, set())
        taken = set(Course.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug = mapping.slug_for(title, taken)
    package = mapping.course_package(
        slug=slug,
        title=title,
        description=description,
        language=language,
        institution=organisation,
        modules=modules,
    )
    try:
        courses_api.packages.validate_package(package)
    except courses_api.InvalidPackageError as error:
        raise _refuse_invalid(report, error) from error
    report.course = {
        "slug": slug,
        "title": package["course"]["translations"][language]["title"],
    }
    return Analysis(package=package, files=files, report=report)


def analyse_common_cartridge(
    *, data: bytes, organisation: str, slug: str | None = None, on_progress: Progress = _no_progress
) -> Analysis:
    """Read and map the Common Cartridge `data` for the institution `organisation` and validate
    the package it becomes, writing nothing. `slug` picks the course's slug; by default one
    is made from the title that no course has yet. Calls `on_progress(stage, done, total)`.

    Raises ImportRefusedError (with the report) when the archive or manifest is refused,
    nothing could be imported, or the package is invalid.
    """
    report = ReportBuilder(format=cartridge_reader.FORMAT)
    _check_institution(report, organisation)
    on_progress(UNPACKING, 0, 1)
    try:
        archive = open_archive(data)
    except ArchiveRefusedError as error:
        raise _refuse_archive(report, error) from error
    _report_renamed(
        report,
        archive.renamed,
        "The name was stored in UTF-8 without saying so; read as UTF-8.",
    )
    try:
        content = cartridge_reader.read_cartridge(
            archive.files, report, lambda done, total: on_progress(READING, done, total)
        )
    except cartridge_reader.ManifestRefusedError as error:
        raise _refuse(report, "manifest", cartridge_reader.MANIFEST, error.reason) from error
    return _validated(
        report,
        title=content.title,
        description=content.description,
        language=content.language,
        modules=content.modules,
        files=content.files,
        organisation=organisation,
        slug=slug,
        source=cartridge_reader.MANIFEST,
        on_progress=on_progress,
    )


def analyse_olx(
    *, data: bytes, organisation: str, slug: str | None = None, on_progress: Progress = _no_progress
) -> Analysis:
    """Read and map the Open edX OLX export `data` (a `.tar.gz`) for the institution
    `organisation` and validate the package it becomes, writing nothing; as
    `analyse_common_cartridge` otherwise.

    Raises ImportRefusedError (with the report) when the archive or its course.xml is refused,
    nothing could be imported, or the package is invalid.
    """
    report = ReportBuilder(format=olx_reader.FORMAT)
    _check_institution(report, organisation)
    on_progress(UNPACKING, 0, 1)
    try:
        archive = open_tarball(data)
    except ArchiveRefusedError as error:
        raise _refuse_archive(report, error) from error
    _report_renamed(
        report,
        archive.renamed,
        "The name is not UTF-8; read with replacement characters, so nothing refers to it.",
    )
    try:
        content = olx_reader.read_olx(
            archive.files, report, lambda done, total: on_progress(READING, done, total)
        )
    except olx_reader.CourseRefusedError as error:
        raise _refuse(report, "course", error.source, error.reason) from error
    return _validated(
        report,
        title=content.title,
        description=content.description,
        language=content.language,
        modules=content.modules,
        files=content.files,
        organisation=organisation,
        slug=slug,
        source="course.xml",
        on_progress=on_progress,
        nothing=NOTHING_IN_THE_EXPORT,
    )


def detect_format(data: bytes) -> str:
    """The format of an uploaded course by its first bytes: `olx` for a tar archive (gzip or
    plain), else `imscc` (a zip; the cartridge's checks refuse anything else)."""
    return olx_reader.FORMAT if is_tar(data) else cartridge_reader.FORMAT


def analyse_course(
    *, data: bytes, organisation: str, slug: str | None = None, on_progress: Progress = _no_progress
) -> Analysis:
    """`analyse_olx` or `analyse_common_cartridge`, whichever `detect_format` names."""
    analyse = analyse_olx if detect_format(data) == olx_reader.FORMAT else analyse_common_cartridge
    return analyse(data=data, organisation=organisation, slug=slug, on_progress=on_progress)


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
    return ImportResult(version=version, report=report.as_dict())


def import_common_cartridge(
    *,
    data: bytes,
    organisation: str,
    user: User | None,
    slug: str | None = None,
    on_progress: Progress = _no_progress,
) -> ImportResult:
    """Import the Common Cartridge `data` as a new course of the institution `organisation`, a
    draft version (review and approval still apply): `analyse_common_cartridge`, then
    `write_analysis`. Raises what they raise. Atomic: on any error nothing is written.
    """
    analysis = analyse_common_cartridge(
        data=data, organisation=organisation, slug=slug, on_progress=on_progress
    )
    on_progress(WRITING, 0, 1)
    result = write_analysis(analysis=analysis, user=user)
    on_progress(WRITING, 1, 1)
    return result


def import_course(
    *,
    data: bytes,
    organisation: str,
    user: User | None,
    slug: str | None = None,
    on_progress: Progress = _no_progress,
) -> ImportResult:
    """Import a course in any format `detect_format` knows (Common Cartridge, OLX) as a new
    draft course of the institution `organisation`: `analyse_course`, then `write_analysis`.
    Raises what they raise. Atomic: on any error nothing is written."""
    analysis = analyse_course(
        data=data, organisation=organisation, slug=slug, on_progress=on_progress
    )
    on_progress(WRITING, 0, 1)
    result = write_analysis(analysis=analysis, user=user)
    on_progress(WRITING, 1, 1)
    return result
