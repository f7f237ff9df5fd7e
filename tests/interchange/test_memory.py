"""Large archives are imported as streams: the Python heap stays small whatever the file sizes."""

import hashlib
import io
import os
import tarfile
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from courses.models import ElearningPackage, Resource
from interchange import api as interchange_api
from tests.factories import OrganizationFactory
from tests.interchange import backups, cartridges

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024
# 8 files of 20 MB: 160 MB of random (incompressible) bytes.
FILES, FILE_MEGABYTES = 8, 20
# What the whole import (archive, analysis, storing the files, the course rows) may add to the
# Python heap at its peak: the members are copied in chunks of 256 KB, never held whole
# (measured: about 3 MB for the cartridge, 1.5 MB for the backup).
PEAK_HEAP_BOUND = 16 * MEGABYTE


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _random_pdf(write: Any) -> str:
    """Write a PDF-headed file of FILE_MEGABYTES random megabytes; answer its SHA-256."""
    digest = hashlib.sha256(b"%PDF-1.4\n")
    write(b"%PDF-1.4\n")
    for _ in range(FILE_MEGABYTES):
        chunk = os.urandom(MEGABYTE)
        digest.update(chunk)
        write(chunk)
    return digest.hexdigest()


def _large_cartridge(path: Path) -> dict[str, str]:
    """A cartridge at `path` with FILES PDF resource lessons; answers their SHA-256 by name.
    Written straight to disk (stored, not deflated: random bytes do not compress)."""
    items = "".join(
        f'<item identifier="i{n}" identifierref="r{n}"><title>Drawing {n}</title></item>'
        for n in range(FILES)
    )
    resources = "".join(
        f'<resource identifier="r{n}" type="webcontent" href="files/drawing{n}.pdf">'
        f'<file href="files/drawing{n}.pdf"/></resource>'
        for n in range(FILES)
    )
    manifest = cartridges.manifest(
        f'<item identifier="m1"><title>Drawings</title>{items}</item>', resources
    )
    digests = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for n in range(FILES):
            info = zipfile.ZipInfo(f"files/drawing{n}.pdf")
            with archive.open(info, "w", force_zip64=True) as member:
                digests[f"drawing{n}.pdf"] = _random_pdf(member.write)
    return digests


def _large_backup(path: Path, scratch: Path) -> str:
    """A Moodle backup (tar.gz, as Moodle 2.6+ writes) at `path` with every kind of activity,
    its resource's file a FILE_MEGABYTES random PDF; answers that file's SHA-256."""
    files = backups.every_kind()
    pdf_hash = hashlib.sha1(backups.PDF, usedforsecurity=False).hexdigest()
    large = f"files/{pdf_hash[:2]}/{pdf_hash}"
    with (scratch / "large.pdf").open("wb") as content:
        digest = _random_pdf(content.write)
    with tarfile.open(path, "w:gz", compresslevel=1) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            if name == large:
                info.size = (scratch / "large.pdf").stat().st_size
                with (scratch / "large.pdf").open("rb") as content:
                    archive.addfile(info, content)
                continue
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return digest


def _peak_heap_growth_of_import(path: Path) -> int:
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        with path.open("rb") as source:
            interchange_api.import_course(data=source, organisation="rhine", user=None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    print(f"\npeak heap growth of the import of {path.name}: {(peak - before) / MEGABYTE:.1f} MB")
    return peak - before


def test_a_160_mb_cartridge_imports_with_a_small_heap(tmp_path: Path) -> None:
    OrganizationFactory(slug="rhine", kind="institution")
    archive = tmp_path / "drawings.imscc"
    digests = _large_cartridge(archive)
    assert archive.stat().st_size > FILES * FILE_MEGABYTES * MEGABYTE

    growth = _peak_heap_growth_of_import(archive)

    stored = {
        resource.filename: (resource.size, resource.sha256) for resource in Resource.objects.all()
    }
    size = FILE_MEGABYTES * MEGABYTE + len(b"%PDF-1.4\n")
    assert stored == {name: (size, digest) for name, digest in digests.items()}
    for resource in Resource.objects.all():
        assert resource.file.size == size
    assert growth < PEAK_HEAP_BOUND, f"peak heap growth {growth / MEGABYTE:.1f} MB"


def test_a_gzipped_moodle_backup_streams_too(tmp_path: Path) -> None:
    OrganizationFactory(slug="rhine", kind="institution")
    archive = tmp_path / "drawings.mbz"
    digest = _large_backup(archive, tmp_path)

    growth = _peak_heap_growth_of_import(archive)

    resource = Resource.objects.get()
    size = FILE_MEGABYTES * MEGABYTE + len(b"%PDF-1.4\n")
    assert (resource.size, resource.sha256, resource.file.size) == (size, digest, size)
    # The SCORM zip of the backup became a package lesson's upload, read from the spool too.
    package = ElearningPackage.objects.get()
    assert (package.standard, package.state) == ("scorm_1.2", "storing")
    assert growth < PEAK_HEAP_BOUND, f"peak heap growth {growth / MEGABYTE:.1f} MB"
