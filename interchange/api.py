"""The public door of `interchange`: courses in and out of other platforms' formats.

Views, tasks and commands import only this module (see interchange/README.md).
"""

from interchange.exporting import export_common_cartridge
from interchange.importing import ImportRefusedError, ImportResult, import_common_cartridge
from interchange.report import STATUSES

__all__ = [
    "STATUSES",
    "ImportRefusedError",
    "ImportResult",
    "export_common_cartridge",
    "import_common_cartridge",
]
