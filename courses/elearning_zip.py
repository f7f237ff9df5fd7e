"""E-learning package zips read defensively: safe entry names, no links or encryption, and sizes
checked on the listing first and again, byte by byte, while unpacking (no database).

A package from outside is hostile until proven otherwise: names may try to escape the package's
folder (`../`, absolute paths, backslashes, drive letters), entries may be symbolic links, and a
few kilobytes may inflate to gigabytes while the headers claim otherwise. `read_listing` refuses
what the listing shows; `unpack_entries` enforces the same limits on the bytes actually inflated.
"""

import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Limits",
    "PackageProblem",
    "UnpackRefusedError",
    "ZipListing",
    "read_entry",
    "read_listing",
    "unpack_entries",
]

_CHUNK = 256 * 1024
# Below this many bytes an entry may compress as well as it likes (a page of blank lines).
_RATIO_FREE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a package may unpack to: bytes in all, entries, and inflation per entry."""

    max_total_bytes: int
    max_files: int
    max_ratio: int


@dataclass(frozen=True)
class PackageProblem:
    """A finding about a package: a stable code, the path it concerns, the values its message
    needs, and whether it refuses the package (a warning otherwise)."""

    code: str
    path: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    is_blocking: bool = True


@dataclass
class ZipListing:
    """The files of a package (directories left out) and their declared unpacked size."""

    names: set[str]
    declared_size: int
    problems: list[PackageProblem]


class UnpackRefusedError(Exception):
    """The bytes inflated broke a limit the listing did not show (a lying header)."""

    def __init__(self, problem: PackageProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _unsafe_name(name: str) -> bool:
    parts = name.rstrip("/").split("/")
    return (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or ":" in parts[0]
        or any(part in {"", ".", ".."} for part in parts)
    )


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)  # 3: made on Unix, which has links


def read_listing(archive: zipfile.ZipFile, limits: Limits) -> ZipListing:
    """The package's files, with every problem its listing shows: unsafe names, links,
    encrypted or duplicate entries, too many files, a declared size or ratio over the limits."""
    problems: list[PackageProblem] = []
    names: set[str] = set()
    declared = 0
    for info in archive.infolist():
        name = info.filename
        if _unsafe_name(name):
            problems.append(PackageProblem("unsafe_path", name))
            continue
        if _is_link(info):
            problems.append(PackageProblem("symlink", name))
            continue
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            problems.append(PackageProblem("encrypted", name))
            continue
        if name in names:
            problems.append(PackageProblem("duplicate_path", name))
            continue
        names.add(name)
        declared += info.file_size
        if info.file_size > _RATIO_FREE_BYTES and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            problems.append(PackageProblem("compression_ratio", name, {"ratio": limits.max_ratio}))
    if len(names) > limits.max_files:
        problems.append(PackageProblem("too_many_files", None, {"limit": limits.max_files}))
    if declared > limits.max_total_bytes:
        problems.append(
            PackageProblem(
                "unpacked_too_large", None, {"limit": limits.max_total_bytes // (1024 * 1024)}
            )
        )
    return ZipListing(names=names, declared_size=declared, problems=problems)


def _inflated(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, total: list[int]
) -> Iterator[bytes]:
    """The entry's bytes in chunks, refused the moment they pass the total or the ratio."""
    written = 0
    with archive.open(info) as source:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            total[0] += len(chunk)
            if total[0] > limits.max_total_bytes:
                raise UnpackRefusedError(
                    PackageProblem(
                        "unpacked_too_large",
                        None,
                        {"limit": limits.max_total_bytes // (1024 * 1024)},
                    )
                )
            if written > _RATIO_FREE_BYTES and written > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise UnpackRefusedError(
                    PackageProblem("compression_ratio", info.filename, {"ratio": limits.max_ratio})
                )
            yield chunk


def read_entry(archive: zipfile.ZipFile, name: str, limits: Limits, *, max_bytes: int) -> bytes:
    """One entry's bytes (a manifest), at most `max_bytes` of them, the limits enforced while
    inflating. Raises UnpackRefusedError, and KeyError for a name the zip does not have."""
    info = archive.getinfo(name)
    data = bytearray()
    for chunk in _inflated(archive, info, limits, [0]):
        data += chunk
        if len(data) > max_bytes:
            raise UnpackRefusedError(
                PackageProblem("manifest_too_large", name, {"limit": max_bytes // 1024})
            )
    return bytes(data)


def unpack_entries(
    archive: zipfile.ZipFile,
    names: set[str],
    limits: Limits,
    store: Callable[[str, Iterator[bytes]], None],
    on_progress: Callable[[int, int], None],
) -> int:
    """Hand each file of `names` to `store(name, chunks)` as its checked bytes inflate, calling
    `on_progress(done, count)` after each; answer the bytes unpacked. Raises UnpackRefusedError
    when the inflated bytes break a limit, zipfile.BadZipFile on a damaged entry (its CRC)."""
    total = [0]
    infos = [info for info in archive.infolist() if info.filename in names]
    for done, info in enumerate(infos, start=1):
        store(info.filename, _inflated(archive, info, limits, total))
        on_progress(done, len(infos))
    return total[0]
