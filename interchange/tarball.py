"""Tar archives (`.tar.gz`, as Open edX exports courses) opened without trusting them (no database).

Python's tarfile extracts links, devices and names like `../x` or `/etc/x` where they point
unless told otherwise, so nothing here extracts: the archive is read as a stream, member by
member, into memory, and any member that is not a plain file or folder, or whose name is
absolute, climbs with `..` or hides a NUL, refuses the whole archive, as the zip checks do. The
limits are those of e-learning zips (`courses.api.package_limits`): files, unpacked bytes, and
the ratio of unpacked to packed bytes, enforced on the bytes actually inflated (headers too).
"""

import gzip
import io
import tarfile
import zlib
from typing import IO, Any, cast

from courses import api as courses_api
from interchange.archive import ArchiveFiles, ArchiveRefusedError

__all__ = ["is_tar", "open_tarball"]

_GZIP_MAGIC = b"\x1f\x8b"
# Below this many unpacked bytes an archive may compress as well as it likes.
_RATIO_FREE_BYTES = 1024 * 1024


def is_tar(data: bytes) -> bool:
    """Whether `data` looks like a gzip-compressed or plain (POSIX/GNU) tar archive."""
    return data[:2] == _GZIP_MAGIC or data[257:262] == b"ustar"


def _unsafe(name: str) -> bool:
    parts = name.rstrip("/").split("/")
    return (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or ":" in parts[0]
        or any(part == ".." for part in parts)
    )


def _member_problem(member: tarfile.TarInfo) -> str | None:
    if _unsafe(member.name):
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


def _name(raw: str) -> tuple[str, bool]:
    """The member's name normalised (no `./`), and whether its bytes were not UTF-8 (then
    decoded with replacement characters, so that it never matches a reference by chance)."""
    data = raw.encode("utf-8", "surrogateescape")
    try:
        name, repaired = data.decode("utf-8"), False
    except UnicodeDecodeError:
        name, repaired = data.decode("utf-8", "replace"), True
    while name.startswith("./"):
        name = name[2:]
    return name, repaired


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


def _stream(data: bytes, limits: Any) -> IO[bytes]:
    if data[:2] != _GZIP_MAGIC:
        return io.BytesIO(data)
    cap = max(limits.max_ratio * len(data), _RATIO_FREE_BYTES)
    return cast(IO[bytes], _Capped(gzip.GzipFile(fileobj=io.BytesIO(data)), cap))


def open_tarball(data: bytes) -> ArchiveFiles:
    """Every file of the tar archive `data` (gzip-compressed or plain), by name; `renamed` maps
    names that were not UTF-8 (as stored, read as Latin-1) to the name used.

    Raises ArchiveRefusedError: not a tar archive, a damaged one, an unsafe name, a link, a
    device or other special member, a duplicate name, too many files or bytes, more bytes
    inflated than the compression ratio allows.
    """
    limits = courses_api.package_limits()
    files: dict[str, bytes] = {}
    renamed: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    total = members = 0
    try:
        with tarfile.open(
            fileobj=_stream(data, limits),
            mode="r|",
            encoding="utf-8",
            errors="surrogateescape",
        ) as archive:
            for member in archive:
                members += 1
                # Folders and refused members count too: millions of empty headers cost time.
                if members > 2 * limits.max_files:
                    raise ArchiveRefusedError([("too_many_files", "")])
                name, repaired = _name(member.name)
                problem = _member_problem(member)
                if problem is not None:
                    problems.append((problem, name))
                    continue
                if member.isdir():
                    continue
                if name in files:
                    problems.append(("duplicate_path", name))
                    continue
                if len(files) >= limits.max_files:
                    raise ArchiveRefusedError([("too_many_files", "")])
                # A tar member holds exactly the size its header gives: checked before reading.
                if member.size > limits.max_total_bytes - total:
                    raise ArchiveRefusedError([("unpacked_too_large", "")])
                stream = archive.extractfile(member)
                content = stream.read() if stream is not None else b""
                total += len(content)
                files[name] = content
                if repaired:
                    stored = member.name.encode("utf-8", "surrogateescape").decode("latin-1")
                    renamed[stored] = name
    except _InflatedTooFarError as error:
        raise ArchiveRefusedError([("compression_ratio", "")]) from error
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as error:
        raise ArchiveRefusedError([("not_a_tar", "")]) from error
    if problems:
        raise ArchiveRefusedError(problems)
    return ArchiveFiles(files=files, renamed=renamed)
