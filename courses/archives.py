"""Zip course packages: `course.json` plus `resources/<file>`, read defensively.

An archive from outside is hostile until proven otherwise: entry names may try to escape
(`../`, absolute paths), sizes may lie, and a few kilobytes may inflate to gigabytes. Limits are
checked on the declared sizes first and enforced again while reading.
"""

import io
import json
import zipfile
from typing import Any

from courses.packages import InvalidPackageError, Problem, parse_package_json

PACKAGE_ENTRY = "course.json"
RESOURCE_PREFIX = "resources/"
MAX_ENTRIES = 500
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_ENTRY_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100


def _is_safe_name(name: str) -> bool:
    parts = name.split("/")
    return (
        bool(name)
        and not name.startswith("/")
        and "\\" not in name
        and ":" not in parts[0]
        and all(part not in {"", ".", ".."} for part in parts)
    )


def read_package_archive(data: bytes) -> tuple[Any, dict[str, bytes]]:
    """Return (package JSON, {archive path: bytes} of its resources) or raise InvalidPackageError.

    Refuses: not a zip, too many entries, unsafe names, unexpected entries, sizes or ratios over
    the limits, a missing or malformed course.json.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise InvalidPackageError([Problem("$", "is not a valid zip archive")]) from error
    with archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
        problems = _check_entries(entries)
        if problems:
            raise InvalidPackageError(problems)
        files: dict[str, bytes] = {}
        for entry in entries:
            try:
                with archive.open(entry) as handle:
                    content = handle.read(MAX_ENTRY_BYTES + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as error:
                raise InvalidPackageError([Problem(entry.filename, "cannot be read")]) from error
            if len(content) > MAX_ENTRY_BYTES:
                raise InvalidPackageError([Problem(entry.filename, "is too large")])
            files[entry.filename] = content
    package = parse_package_json(files.pop(PACKAGE_ENTRY), location=PACKAGE_ENTRY)
    return package, files


def _check_entries(entries: list[zipfile.ZipInfo]) -> list[Problem]:
    if len(entries) > MAX_ENTRIES:
        return [Problem("$", f"holds more than {MAX_ENTRIES} files")]
    problems = []
    if PACKAGE_ENTRY not in {entry.filename for entry in entries}:
        problems.append(Problem(PACKAGE_ENTRY, "is missing"))
    total = 0
    for entry in entries:
        name = entry.filename
        if not _is_safe_name(name):
            problems.append(Problem(name, "has an unsafe path"))
        elif name != PACKAGE_ENTRY and not (
            name.startswith(RESOURCE_PREFIX) and name.count("/") == 1
        ):
            problems.append(Problem(name, "is not course.json or a file in resources/"))
        elif entry.file_size > MAX_ENTRY_BYTES:
            problems.append(Problem(name, "is too large"))
        elif entry.compress_size and entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO:
            problems.append(Problem(name, "is compressed suspiciously well (zip bomb?)"))
        total += entry.file_size
    if total > MAX_TOTAL_BYTES:
        problems.append(Problem("$", "unpacks to more than the size limit"))
    return problems


def write_package_archive(package: dict[str, Any], files: dict[str, bytes]) -> bytes:
    """A zip with the package as course.json and each file under its archive path."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # Not indented: indent makes json use its pure-Python encoder (0.9 s of CPU for 200
        # modules of 200 lessons, against 0.14 s) and doubles the size, past MAX_PACKAGE_BYTES.
        archive.writestr(PACKAGE_ENTRY, json.dumps(package, ensure_ascii=False))
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    return buffer.getvalue()
