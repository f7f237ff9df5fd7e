"""Course archives (zips, and gzip'd tars) opened with the platform's own package checks (no
database).

The checks on names, links, encryption, duplicates, counts, sizes and compression ratios are
those of SCORM and cmi5 packages (`courses.api.elearning_zip`), listing first and then the bytes
actually inflated; this module only adds what an interchange archive needs: names that older
tools wrote in a legacy encoding, and paths resolved against the archive's root. Moodle 2.6+
backups are gzip'd tars: `open_tar_archive` holds them to the same limits, refuses links,
devices and unsafe names itself, and never writes to disk; `open_course_archive` tells the two
containers apart by their first bytes.
"""

import io
import posixpath
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from django.conf import settings

from courses import api as courses_api

__all__ = [
    "ArchiveFiles",
    "ArchiveRefusedError",
    "open_archive",
    "open_course_archive",
    "open_tar_archive",
    "resolve_path",
]

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


GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# A tar's compressed stream is one piece: below this many bytes it may compress as it likes.
_RATIO_FREE_BYTES = 1024 * 1024


def _unsafe_tar_name(name: str) -> bool:
    parts = name.split("/")
    return (
        not name
        or name.startswith("/")
        or "\\" in name
        or ".." in parts
        or ":" in parts[0]
        or "\x00" in name
    )


def _tar_name(raw: str) -> str:
    """tarfile keeps bytes that are not UTF-8 as surrogates; such names (an old tool's Latin-1)
    are read as Windows-1252, the usual legacy encoding of the tools that write them."""
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        return raw.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
    return raw


def open_tar_archive(data: bytes) -> ArchiveFiles:
    """Every regular file of the gzip'd tar `data`, read in memory member by member.

    Raises ArchiveRefusedError: not a gzip'd tar, an unsafe name (absolute, `..`, backslash,
    drive), a link, device or fifo (`symlink`), a duplicate, too many files, too many bytes
    (declared and read), a suspicious compression ratio, a damaged stream.
    """
    limits = _limits()
    files: dict[str, bytes] = {}
    renamed: dict[str, str] = {}
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive:
                name = member.name[2:] if member.name.startswith("./") else member.name
                if _unsafe_tar_name(name):
                    raise ArchiveRefusedError([("unsafe_path", _tar_name(name))])
                if member.isdir():
                    continue
                if not member.isfile():
                    raise ArchiveRefusedError([("symlink", _tar_name(name))])
                decoded = _tar_name(name)
                if decoded in files:
                    raise ArchiveRefusedError([("duplicate_path", decoded)])
                if len(files) >= limits.max_files:
                    raise ArchiveRefusedError([("too_many_files", "")])
                total += member.size
                if total > limits.max_total_bytes:
                    raise ArchiveRefusedError([("unpacked_too_large", decoded)])
                if total > _RATIO_FREE_BYTES and total > limits.max_ratio * len(data):
                    raise ArchiveRefusedError([("compression_ratio", decoded)])
                handle = archive.extractfile(member)
                content = handle.read(member.size + 1) if handle is not None else b""
                if len(content) != member.size:
                    raise ArchiveRefusedError([("damaged_entry", decoded)])
                files[decoded] = content
                if decoded != name:
                    renamed[name.encode("utf-8", "surrogateescape").decode("latin-1")] = decoded
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise ArchiveRefusedError([("damaged_entry", "")]) from error
    return ArchiveFiles(files=files, renamed=renamed)


def open_course_archive(data: bytes) -> ArchiveFiles:
    """The files of a zip or a gzip'd tar, told apart by their first bytes (names and
    extensions prove nothing). Raises ArchiveRefusedError (`not_an_archive` for anything else)."""
    if data.startswith(GZIP_MAGIC):
        return open_tar_archive(data)
    if data.startswith(ZIP_MAGICS):
        return open_archive(data)
    raise ArchiveRefusedError([("not_an_archive", "")])
