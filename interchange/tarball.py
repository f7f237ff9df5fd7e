"""Tar archives (`.tar.gz`, as Open edX exports courses) opened without trusting them (no database).

Python's tarfile extracts links, devices and names like `../x` or `/etc/x` where they point
unless told otherwise, so nothing here extracts: the archive is read as a stream, member by
member, into memory, and any member that is not a plain file or folder, or whose name is
absolute, climbs with `..` or hides a NUL, refuses the whole archive, as the zip checks do. The
limits are those of e-learning zips (`courses.api.package_limits`): files, unpacked bytes, and
the ratio of unpacked to packed bytes, enforced on the bytes actually read.
"""

import io
import tarfile
from typing import IO

from courses import api as courses_api
from interchange.archive import ArchiveFiles, ArchiveRefusedError

__all__ = ["is_tar", "open_tarball"]

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 256 * 1024
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


def _read(stream: IO[bytes], budget: int) -> bytes | None:
    """The member's bytes, or None when they exceed `budget`."""
    chunks, size = [], 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > budget:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def open_tarball(data: bytes) -> ArchiveFiles:
    """Every file of the tar archive `data` (gzip, bzip2, xz or none), by name; `renamed` maps
    names that were not UTF-8 (as stored, escaped) to the name used.

    Raises ArchiveRefusedError: not a tar archive, a damaged one, an unsafe name, a link, a
    device or other special member, a duplicate name, too many files or bytes, a suspicious
    compression ratio.
    """
    limits = courses_api.package_limits()
    files: dict[str, bytes] = {}
    renamed: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    total = 0
    try:
        with tarfile.open(
            fileobj=io.BytesIO(data), mode="r|*", encoding="utf-8", errors="surrogateescape"
        ) as archive:
            for member in archive:
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
                budget = limits.max_total_bytes - total
                stream = archive.extractfile(member)
                content = _read(stream, budget) if stream is not None else b""
                if content is None or member.size > budget:
                    raise ArchiveRefusedError([("unpacked_too_large", "")])
                total += len(content)
                if total > _RATIO_FREE_BYTES and total > limits.max_ratio * max(len(data), 1):
                    raise ArchiveRefusedError([("compression_ratio", name)])
                files[name] = content
                if repaired:
                    renamed[member.name.encode("utf-8", "surrogateescape").decode("latin-1")] = name
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise ArchiveRefusedError([("not_a_tar", "")]) from error
    if problems:
        raise ArchiveRefusedError(problems)
    return ArchiveFiles(files=files, renamed=renamed)
