"""The public door of `interchange`: courses in and out of other platforms' formats.

Views, tasks and commands import only this module (see interchange/README.md).
"""

from interchange.exporting import export_common_cartridge
from interchange.importing import (
    Analysis,
    ImportRefusedError,
    ImportResult,
    analyse_common_cartridge,
    analyse_course,
    analyse_olx,
    detect_format,
    import_common_cartridge,
    import_course,
    write_analysis,
)
from interchange.jobs import (
    analyse_course_import,
    confirm_course_import,
    get_course_import_for_user,
    start_course_import,
    write_course_import,
)
from interchange.report import STATUSES

__all__ = [
    "STATUSES",
    "Analysis",
    "ImportRefusedError",
    "ImportResult",
    "analyse_common_cartridge",
    "analyse_course",
    "analyse_course_import",
    "analyse_olx",
    "confirm_course_import",
    "detect_format",
    "export_common_cartridge",
    "get_course_import_for_user",
    "import_common_cartridge",
    "import_course",
    "start_course_import",
    "write_analysis",
    "write_course_import",
]
