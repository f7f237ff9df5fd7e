"""Package zips read defensively: unsafe names, links, encryption, and sizes on the listing and
while inflating."""

import io
import stat
import zipfile
from collections.abc import Iterator

import pytest

from courses.elearning_zip import (
    Limits,
    PackageProblem,
    UnpackRefusedError,
    read_listing,
    unpack_entries,
)
from tests.elearning import make_zip

LIMITS = Limits(max_total_bytes=50 * 1024 * 1024, max_files=100, max_ratio=100)


def _listing(data: bytes, limits: Limits = LIMITS) -> object:
    return read_listing(zipfile.ZipFile(io.BytesIO(data)), limits)


@pytest.mark.parametrize(
    "name",
    [
        "../evil.html",
        "content/../../evil.html",
        "/etc/passwd",
        "content\\..\\evil.html",
        "C:/evil.html",
        "a//b.html",
    ],
)
def test_entries_that_leave_the_folder_are_refused(name: str) -> None:
    listing = _listing(make_zip({"index.html": "ok", name: "evil"}))

    assert listing.problems == [PackageProblem("unsafe_path", name)]
    assert listing.names == {"index.html"}


def test_symbolic_links_are_refused() -> None:
    link = zipfile.ZipInfo("shared.js")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16

    listing = _listing(make_zip({"index.html": "ok"}, infos=((link, b"/etc/passwd"),)))

    assert listing.problems == [PackageProblem("symlink", "shared.js")]


def _encrypted(data: bytes) -> bytes:
    """The zip with the "encrypted" flag set on its entries (zipfile writes none itself)."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = patched.find(signature)
        while start != -1:
            patched[start + offset] |= 0x1
            start = patched.find(signature, start + 4)
    return bytes(patched)


def test_encrypted_entries_are_refused() -> None:
    listing = _listing(_encrypted(make_zip({"secret.html": "x"})))

    assert listing.problems == [PackageProblem("encrypted", "secret.html")]


def test_a_zip_bomb_by_ratio_is_refused_from_the_listing() -> None:
    listing = _listing(make_zip({"zeros.bin": bytes(20 * 1024 * 1024)}))

    assert listing.problems == [PackageProblem("compression_ratio", "zeros.bin", {"ratio": 100})]


def test_a_zip_bomb_by_total_size_is_refused_from_the_listing() -> None:
    small = Limits(max_total_bytes=1024 * 1024, max_files=100, max_ratio=100)
    files = {f"part{number}.bin": bytes(range(256)) * 1024 for number in range(5)}  # 5 x 256 KB

    listing = _listing(make_zip(files), small)

    assert listing.problems == [PackageProblem("unpacked_too_large", None, {"limit": 1})]


def test_too_many_files_are_refused() -> None:
    few = Limits(max_total_bytes=LIMITS.max_total_bytes, max_files=3, max_ratio=100)

    listing = _listing(make_zip({f"{number}.html": "x" for number in range(4)}), few)

    assert listing.problems == [PackageProblem("too_many_files", None, {"limit": 3})]


def _drain(data: bytes, limits: Limits) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    stored: dict[str, bytes] = {}

    def store(name: str, chunks: Iterator[bytes]) -> None:
        stored[name] = b"".join(chunks)

    unpack_entries(archive, set(archive.namelist()), limits, store, lambda done, count: None)
    return stored


def test_unpacking_enforces_the_total_on_the_inflated_bytes() -> None:
    data = make_zip({"a.bin": bytes(range(256)) * 4096, "b.bin": bytes(range(256)) * 4096})

    with pytest.raises(UnpackRefusedError) as refused:
        _drain(data, Limits(max_total_bytes=1024 * 1024 + 1, max_files=10, max_ratio=1000))

    assert refused.value.problem == PackageProblem("unpacked_too_large", None, {"limit": 1})


def test_unpacking_enforces_the_ratio_on_the_inflated_bytes() -> None:
    data = make_zip({"zeros.bin": bytes(4 * 1024 * 1024)})

    with pytest.raises(UnpackRefusedError) as refused:
        _drain(data, Limits(max_total_bytes=LIMITS.max_total_bytes, max_files=10, max_ratio=10))

    assert refused.value.problem == PackageProblem("compression_ratio", "zeros.bin", {"ratio": 10})


def test_a_header_that_understates_the_size_does_not_inflate_more() -> None:
    # The central directory claims 10 bytes for 1 MB of data: zipfile stops at the claim and
    # the checksum fails, so a lying header cannot smuggle bytes past the limits.
    data = bytearray(make_zip({"lie.bin": bytes(1024 * 1024)}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("lie.bin")
    real = info.file_size.to_bytes(4, "little")
    data = bytearray(bytes(data).replace(real, (10).to_bytes(4, "little")))

    with pytest.raises(zipfile.BadZipFile):
        _drain(bytes(data), LIMITS)
