"""Importing a course from another platform's format into a draft version (services).

One path for every format and every caller (the command, the task behind the API): open the
archive with the platform's zip checks, let the format's reader map it and fill the report, then
hand the package to `courses.api.import_course_package`, which validates it like an authored one
and writes it in one transaction, so a failure leaves no half-made course.
"""

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
from interchange.report import NOT_IMPORTED, ReportBuilder

__all__ = ["ImportRefusedError", "ImportResult", "import_common_cartridge"]

NOTHING_TO_IMPORT = "Nothing in the cartridge could be imported."
NOT_AN_INSTITUTION = "is not a known institution"


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


def _refuse(report: ReportBuilder, kind: str, source: str, reason: str) -> ImportRefusedError:
    report.add(kind=kind, title="", source=source, status=NOT_IMPORTED, reason=reason)
    report.course = None
    return ImportRefusedError(report.as_dict())


def import_common_cartridge(
    *, data: bytes, organisation: str, user: User | None, slug: str | None = None
) -> ImportResult:
    """Import the Common Cartridge `data` as a new course of the institution `organisation`, a
    draft version (review and approval still apply).

    `user` None is a trusted import (the command line); otherwise the user must be an author of
    the institution (as for any package). `slug` picks the course's slug; by default one is made
    from the title that no course has. Raises ImportRefusedError (with the report) when the
    archive or manifest is refused, nothing could be imported, or the package the cartridge
    became is invalid; PermissionDenied. Atomic: on any error nothing is written.
    """
    report = ReportBuilder(format=cartridge_reader.FORMAT)
    institutions = accounts_api.organizations_by_slug(slugs=[organisation])
    if organisation not in institutions or institutions[organisation].kind != "institution":
        raise _refuse(
            report, "organisation", organisation, f"“{organisation}” {NOT_AN_INSTITUTION}."
        )
    try:
        archive = open_archive(data)
    except ArchiveRefusedError as error:
        for code, path in error.problems:
            report.add(
                kind="archive",
                title="",
                source=path or "$",
                status=NOT_IMPORTED,
                reason=f"Refused by the archive checks: {code}.",
            )
        raise ImportRefusedError(report.as_dict()) from error
    for old, new in archive.renamed.items():
        report.add(
            kind="file_name",
            title=new,
            source=old,
            status="approximated",
            reason="The name was stored in UTF-8 without saying so; read as UTF-8.",
        )
    try:
        content = cartridge_reader.read_cartridge(archive.files, report)
    except cartridge_reader.ManifestRefusedError as error:
        raise _refuse(report, "manifest", cartridge_reader.MANIFEST, error.reason) from error
    if not any(module.lessons for module in content.modules):
        raise _refuse(report, "course", cartridge_reader.MANIFEST, NOTHING_TO_IMPORT)
    with transaction.atomic():
        if slug is None:
            taken = set(
                Course.objects.filter(
                    slug__startswith=mapping.slug_for(content.title, set())[:40]
                ).values_list("slug", flat=True)
            )
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
            version = courses_api.import_course_package(
                user=user, data=package, archive_files=content.files
            )
        except courses_api.InvalidPackageError as error:
            for problem in error.problems:
                report.add(
                    kind="course",
                    title="",
                    source=problem.location,
                    status=NOT_IMPORTED,
                    reason=problem.message,
                )
            report.course = None
            raise ImportRefusedError(report.as_dict()) from error
    report.course = {
        "slug": version.course.slug,
        "title": package["course"]["translations"][content.language]["title"],
    }
    return ImportResult(version=version, report=report.as_dict())
