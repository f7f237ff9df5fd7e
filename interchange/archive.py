"""Cartridge zips opened with the platform's own package checks (no database).

The checks on names, links, encryption, duplicates, counts, sizes and compression ratios are
those of SCORM and cmi5 packages (`courses.api.elearning_zip`), listing first and then the bytes
actually inflated; this module only adds what an interchange archive needs: names that older
tools wrote in a legacy encoding, and paths resolved against the archive's root.
"""

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from django.conf import settings

from courses import api as courses_api

__all__ = ["ArchiveFiles", "ArchiveRefusedError", "open_archive", "resolve_path"]

zip_checks = courses_api.elearning_zip


def _limits() -> Any:
    """What a cartridge may unpack to: the e-learning packages' limits (settings)."""
    return zip_checks.Limits(
        max_total_bytes=settings.PACKAGE_MAX_UNPACKED_BYTES,
        max_files=settings.PACKAGE_MAX_FILES,
        max_ratio=settings.PACKAGE_MAX_RATIO,
    )


_UTF8_NAMES = 0x800


class ArchiveRefusedError(Exception):
    """The archive is refused whole; `problems` are (code, path) pairs of the zip checks."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(", ".join(code for code, _path in problems))
        self.problems = problems


@dataclass
class ArchiveFiles:
    """An archive's files by their (decoded) path, and the names repaired on the way."""

    files: dict[str, bytes]
    renamed: dict[str, str]


def _decoded_name(info: zipfile.ZipInfo) -> str:
    """The entry's name. Without the UTF-8 flag zipfile reads names as CP437; tools that write
    UTF-8 without the flag (many do) then give mojibake that matches nothing in the manifest."""
    if info.flag_bits & _UTF8_NAMES:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return info.filename


def open_archive(data: bytes) -> ArchiveFiles:
    """Every file of the zip `data`, its limits enforced on the listing and while inflating.

    Raises ArchiveRefusedError: not a zip, an unsafe or duplicate name, a link, an encrypted
    entry, too many files, too many bytes, a suspicious compression ratio, a damaged entry.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefusedError([("not_a_zip", "")]) from error
    with archive:
        limits = _limits()
        listing = zip_checks.read_listing(archive, limits)
        blocking = [problem for problem in listing.problems if problem.is_blocking]
        if blocking:
            raise ArchiveRefusedError([(problem.code, problem.path or "") for problem in blocking])
        names = {info.filename: _decoded_name(info) for info in archive.infolist()}
        files: dict[str, bytes] = {}

        def store(name: str, chunks: Iterator[bytes]) -> None:
            files[names[name]] = b"".join(chunks)

        try:
            zip_checks.unpack_entries(archive, listing.names, limits, store, lambda *_: None)
        except zip_checks.UnpackRefusedError as error:
            raise ArchiveRefusedError([(error.problem.code, error.problem.path or "")]) from error
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as error:
            raise ArchiveRefusedError([("damaged_entry", "")]) from error
    renamed = {old: new for old, new in names.items() if old != new}
    return ArchiveFiles(files=files, renamed=renamed)


def resolve_path(base: str, href: str) -> str | None:
    """`href` (URL-encoded, relative to the folder `base`) as a path in the archive, or None
    when it is absolute, a URL, or climbs out of the archive."""
    href = unquote(href.strip().split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    if not href or href.startswith("/") or ":" in href.split("/", 1)[0]:
        return None
    joined = posixpath.normpath(posixpath.join(base, href)) if base else posixpath.normpath(href)
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined
