"""Course archives (zips, and tars plain or gzip'd) opened with the platform's own package
checks (no database).

The checks on names, links, encryption, duplicates, counts, sizes and compression ratios are
those of SCORM and cmi5 packages (`courses.api.elearning_zip`), listing first and then the bytes
actually inflated; this module only adds what an interchange archive needs: names that older
tools wrote in a legacy encoding, and paths resolved against the archive's root. Moodle 2.6+
backups and Open edX exports are tars: `open_tar_archive` holds them to the same limits, refuses
links, devices and unsafe names itself, and never writes to disk; `open_course_archive` tells
the containers apart by their first bytes.
"""

import gzip
import io
import posixpath
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, cast
from urllib.parse import unquote

from courses import api as courses_api

__all__ = [
    "ArchiveFiles",
    "ArchiveRefusedError",
    "is_tar",
    "open_archive",
    "open_course_archive",
    "open_tar_archive",
    "resolve_path",
]

zip_checks = courses_api.elearning_zip


_UTF8_NAMES = 0x800


class ArchiveRefusedError(Exception):
    """The archive is refused whole; `problems` are (code, path) pairs of the zip checks."""

    def __init__(
        self, problems: list[tuple[str, str]], names: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(", ".join(code for code, _path in problems))
        self.problems = problems
        # The archive's file names read before it was refused, which may still tell its format.
        self.names = names


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
        limits = courses_api.package_limits()
        listing = zip_checks.read_listing(archive, limits)
        blocking = [problem for problem in listing.problems if problem.is_blocking]
        if blocking:
            raise ArchiveRefusedError(
                [(problem.code, problem.path or "") for problem in blocking],
                names=frozenset(archive.namelist()),
            )
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
# Below this many unpacked bytes an archive may compress as well as it likes.
_RATIO_FREE_BYTES = 1024 * 1024


def is_tar(data: bytes) -> bool:
    """Whether `data` looks like a gzip'd or a plain (POSIX/GNU) tar."""
    return data.startswith(GZIP_MAGIC) or data[257:262] == b"ustar"


def _unsafe_tar_name(name: str) -> bool:
    parts = name.rstrip("/").split("/")
    return (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or ":" in parts[0]
        or ".." in parts
    )


def _member_problem(member: tarfile.TarInfo, name: str) -> str | None:
    if _unsafe_tar_name(name):
        return "unsafe_path"
    if member.issym() or member.islnk():
        return "symlink"
    if member.ischr() or member.isblk() or member.isfifo() or member.isdev():
        return "device"
    if member.issparse():
        return "sparse_file"
    if not (member.isfile() or member.isdir()):
        return "unsupported_entry"
    return None


def _tar_name(raw: str) -> str:
    """tarfile keeps bytes that are not UTF-8 as surrogates; such names (an old tool's Latin-1)
    are read as Windows-1252, the usual legacy encoding of the tools that write them."""
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        return raw.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
    return raw


class _InflatedTooFarError(Exception):
    """More bytes came out of the compressed stream than the ratio allows."""


class _Capped(io.RawIOBase):
    """The decompressed stream, counting what tarfile reads (headers, pax records and padding
    included, which a member's size does not show) and stopping past `cap` bytes."""

    def __init__(self, stream: io.BufferedIOBase | IO[bytes], cap: int) -> None:
        super().__init__()
        self.stream, self.cap, self.count = stream, cap, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        chunk = self.stream.read(-1 if size is None else size)
        self.count += len(chunk)
        if self.count > self.cap:
            raise _InflatedTooFarError
        return chunk

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _tar_stream(data: bytes, limits: Any) -> IO[bytes]:
    if not data.startswith(GZIP_MAGIC):
        return io.BytesIO(data)
    cap = max(limits.max_ratio * len(data), _RATIO_FREE_BYTES)
    return cast(IO[bytes], _Capped(gzip.GzipFile(fileobj=io.BytesIO(data)), cap))


def open_tar_archive(data: bytes) -> ArchiveFiles:
    """Every regular file of the tar `data` (gzip'd or plain), read as a stream member by
    member into memory (nothing is extracted); `renamed` maps names that were not UTF-8 (as
    stored, read as Latin-1) to the name used (read as Windows-1252).

    Raises ArchiveRefusedError: not a tar (`not_a_tar`), a stream damaged after its first
    member (`damaged_entry`), an unsafe name (absolute, `..`, backslash, drive), a link
    (`symlink`), a device or fifo (`device`) or other special member, a duplicate, too many
    files or bytes, more bytes inflated (headers included) than the compression ratio allows.
    Member problems are all listed; the error's `names` are the files read.
    """
    limits = courses_api.package_limits()
    files: dict[str, bytes] = {}
    renamed: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    total = members = 0

    def refused(found: list[tuple[str, str]]) -> ArchiveRefusedError:
        return ArchiveRefusedError(found, names=frozenset(files))

    try:
        with tarfile.open(
            fileobj=_tar_stream(data, limits),
            mode="r|",
            encoding="utf-8",
            errors="surrogateescape",
        ) as archive:
            for member in archive:
                members += 1
                # Folders and refused members count too: millions of empty headers cost time.
                if members > 2 * limits.max_files:
                    raise refused([("too_many_files", "")])
                stored = member.name
                while stored.startswith("./"):
                    stored = stored[2:]
                name = _tar_name(stored)
                problem = _member_problem(member, name)
                if problem is not None:
                    problems.append((problem, name))
                    continue
                if member.isdir():
                    continue
                if name in files:
                    problems.append(("duplicate_path", name))
                    continue
                if len(files) >= limits.max_files:
                    raise refused([("too_many_files", "")])
                # A tar member holds exactly the size its header gives: checked before reading.
                if member.size > limits.max_total_bytes - total:
                    raise refused([("unpacked_too_large", name)])
                stream = archive.extractfile(member)
                content = stream.read() if stream is not None else b""
                total += len(content)
                files[name] = content
                if name != stored:
                    renamed[stored.encode("utf-8", "surrogateescape").decode("latin-1")] = name
    except _InflatedTooFarError as error:
        raise refused([("compression_ratio", "")]) from error
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as error:
        raise refused([("damaged_entry" if members else "not_a_tar", "")]) from error
    if problems:
        raise refused(problems)
    return ArchiveFiles(files=files, renamed=renamed)


def open_course_archive(data: bytes) -> ArchiveFiles:
    """The files of a zip or a tar (gzip'd or plain), told apart by their first bytes (names
    and extensions prove nothing). Raises ArchiveRefusedError (`not_an_archive` for anything
    else)."""
    if data.startswith(ZIP_MAGICS):
        return open_archive(data)
    if is_tar(data):
        return open_tar_archive(data)
    raise ArchiveRefusedError([("not_an_archive", "")])
