"""Course archives (zips, and tars plain or gzip'd) opened with the platform's own package
checks (no database).

The checks on names, links, encryption, duplicates, counts, sizes and compression ratios are
those of SCORM and cmi5 packages (`courses.api.elearning_zip`), listing first and then the bytes
actually inflated; this module only adds what an interchange archive needs: names that older
tools wrote in a legacy encoding, and paths resolved against the archive's root. Moodle 2.6+
backups and Open edX exports are tars: `open_tar_archive` holds them to the same limits, refuses
links, devices and unsafe names itself; `open_course_archive` tells the containers apart by
their first bytes.

Nothing is held in memory whole: the archive is read from a file object, and each checked
member is copied in chunks into one temporary spool file (never under the member's own name, so
nothing can escape a folder). `ArchiveFiles` answers a member's bytes (for the XML and HTML the
readers parse), its first bytes, or a `File` that streams it from the spool (for the files
resource and package lessons keep).
"""

import gzip
import io
import os
import posixpath
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from typing import IO, Any, cast
from urllib.parse import unquote

from django.core.files import File

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


# Members are copied to the spool in chunks of this size; a member's File reads through a buffer
# of the same size.
CHUNK_BYTES = 256 * 1024
# A member read whole (`files[name]`: the XML and HTML the readers parse) may be this large;
# larger ones read as empty documents the readers then refuse (malformed XML, an empty page).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


class _MemberWindow(io.RawIOBase):
    """One member's bytes in the spool, read with `os.pread` so that several members (and the
    spool's writer) never disturb one another's position."""

    def __init__(self, descriptor: int, offset: int, size: int) -> None:
        super().__init__()
        self.descriptor, self.offset, self.size, self.position = descriptor, offset, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), self.size - self.position)
        if count <= 0:
            return 0
        chunk = os.pread(self.descriptor, count, self.offset + self.position)
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


class ArchiveFiles(Mapping[str, bytes]):
    """An archive's files by their (decoded) path, and the names repaired on the way (`renamed`:
    as stored → as used). The bytes live in a temporary spool file until `close()`:
    `files[name]` reads one member whole (documents only, up to MAX_DOCUMENT_BYTES), `head` its
    first bytes, `open_member` a `File` streaming it."""

    def __init__(self) -> None:
        self.renamed: dict[str, str] = {}
        # Closed by close(): it lives as long as the analysis reads from it.
        self._spool = tempfile.TemporaryFile(prefix="icim-import-")  # noqa: SIM115
        self._entries: dict[str, tuple[int, int]] = {}

    def add(self, name: str, chunks: Iterator[bytes]) -> int:
        """Copy a member's chunks to the spool under `name`; answer its size."""
        offset = self._spool.seek(0, io.SEEK_END)
        size = 0
        for chunk in chunks:
            self._spool.write(chunk)
            size += len(chunk)
        self._entries[name] = (offset, size)
        return size

    def __getitem__(self, name: str) -> bytes:
        offset, size = self._entries[name]
        if size > MAX_DOCUMENT_BYTES:
            return b""
        self._spool.flush()
        with self._window(offset, size) as window:
            return window.read()

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def size(self, name: str) -> int:
        """The member's size in bytes. Raises KeyError."""
        return self._entries[name][1]

    def head(self, name: str, count: int) -> bytes:
        """The member's first `count` bytes (fewer when it is shorter). Raises KeyError."""
        offset, size = self._entries[name]
        self._spool.flush()
        with self._window(offset, min(size, count)) as window:
            return window.read()

    def open_member(self, name: str) -> File:
        """The member as a Django `File` (its `size` set) read from the spool in chunks, valid
        until `close()`. Raises KeyError."""
        offset, size = self._entries[name]
        self._spool.flush()
        handle = io.BufferedReader(self._window(offset, size), buffer_size=CHUNK_BYTES)
        member = File(handle, name=posixpath.basename(name))
        member.size = size
        return member

    def _window(self, offset: int, size: int) -> _MemberWindow:
        return _MemberWindow(self._spool.fileno(), offset, size)

    def close(self) -> None:
        """Delete the spool; the members read nothing after this."""
        self._spool.close()

    def __enter__(self) -> "ArchiveFiles":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


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


def open_archive(source: IO[bytes]) -> ArchiveFiles:
    """Every file of the zip read from `source` (a seekable binary file), its limits enforced on
    the listing and while inflating, each member copied in chunks to the spool.

    Raises ArchiveRefusedError: not a zip, an unsafe or duplicate name, a link, an encrypted
    entry, too many files, too many bytes, a suspicious compression ratio, a damaged entry.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefusedError([("not_a_zip", "")]) from error
    files = ArchiveFiles()
    try:
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

            def store(name: str, chunks: Iterator[bytes]) -> None:
                files.add(names[name], chunks)

            try:
                zip_checks.unpack_entries(archive, listing.names, limits, store, lambda *_: None)
            except zip_checks.UnpackRefusedError as error:
                raise ArchiveRefusedError(
                    [(error.problem.code, error.problem.path or "")]
                ) from error
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as error:
                raise ArchiveRefusedError([("damaged_entry", "")]) from error
    except BaseException:
        files.close()
        raise
    files.renamed = {old: new for old, new in names.items() if old != new}
    return files


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


def is_tar(head: bytes) -> bool:
    """Whether `head` (an archive's first 512 bytes) looks like a gzip'd or a plain (POSIX/GNU)
    tar."""
    return head.startswith(GZIP_MAGIC) or head[257:262] == b"ustar"


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


def _source_size(source: IO[bytes]) -> int:
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    return size


def _tar_stream(source: IO[bytes], limits: Any) -> IO[bytes]:
    head = source.read(len(GZIP_MAGIC))
    source.seek(0)
    if head != GZIP_MAGIC:
        return source
    cap = max(limits.max_ratio * _source_size(source), _RATIO_FREE_BYTES)
    return cast(IO[bytes], _Capped(gzip.GzipFile(fileobj=source, mode="rb"), cap))


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK_BYTES):
        yield chunk


def open_tar_archive(source: IO[bytes]) -> ArchiveFiles:
    """Every regular file of the tar read from `source` (gzip'd or plain; a seekable binary
    file), read as a stream member by member, each copied in chunks to the spool (nothing is
    extracted under its own name); `renamed` maps names that were not UTF-8 (as stored, read as
    Latin-1) to the name used (read as Windows-1252).

    Raises ArchiveRefusedError: not a tar (`not_a_tar`), a stream damaged after its first
    member (`damaged_entry`), an unsafe name (absolute, `..`, backslash, drive), a link
    (`symlink`), a device or fifo (`device`) or other special member, a duplicate, too many
    files or bytes, more bytes inflated (headers included) than the compression ratio allows.
    Member problems are all listed; the error's `names` are the files read.
    """
    limits = courses_api.package_limits()
    files = ArchiveFiles()
    problems: list[tuple[str, str]] = []
    total = members = 0

    def refused(found: list[tuple[str, str]]) -> ArchiveRefusedError:
        return ArchiveRefusedError(found, names=frozenset(files))

    try:
        try:
            with tarfile.open(
                fileobj=_tar_stream(source, limits),
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
                    total += files.add(name, _chunks(stream) if stream is not None else iter(()))
                    if name != stored:
                        as_stored = stored.encode("utf-8", "surrogateescape").decode("latin-1")
                        files.renamed[as_stored] = name
        except _InflatedTooFarError as error:
            raise refused([("compression_ratio", "")]) from error
        except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as error:
            raise refused([("damaged_entry" if members else "not_a_tar", "")]) from error
        if problems:
            raise refused(problems)
    except BaseException:
        files.close()
        raise
    return files


def open_course_archive(source: IO[bytes]) -> ArchiveFiles:
    """The files of a zip or a tar (gzip'd or plain) read from `source` (a seekable binary
    file), told apart by their first bytes (names and extensions prove nothing); the caller
    closes the answer. Raises ArchiveRefusedError (`not_an_archive` for anything else)."""
    source.seek(0)
    head = source.read(512)
    source.seek(0)
    if head.startswith(ZIP_MAGICS):
        return open_archive(source)
    if is_tar(head):
        return open_tar_archive(source)
    raise ArchiveRefusedError([("not_an_archive", "")])
