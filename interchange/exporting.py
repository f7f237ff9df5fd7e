"""Course versions written out in other platforms' formats (services)."""

from courses import api as courses_api
from courses.models import CourseVersion
from interchange.common_cartridge.writer import write_cartridge

__all__ = ["export_common_cartridge"]


def export_common_cartridge(*, version: CourseVersion) -> bytes:
    """The version as a Common Cartridge 1.3 (.imscc) with QTI 1.2 quizzes; no access is
    checked here (callers do). Reads the version through the platform's own package export,
    so the cartridge says what the package says."""
    archive = courses_api.export_course_archive(version=version)
    package, files = courses_api.archives.read_package_archive(archive)
    return write_cartridge(package, files)
