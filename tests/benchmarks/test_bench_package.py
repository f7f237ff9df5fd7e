"""The benchmark's package: every file in its manifest, media that does not compress."""

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_package

from courses.elearning_manifest import parse_manifest
from courses.elearning_zip import Limits, read_listing

LIMITS = Limits(max_total_bytes=10**9, max_files=10_000, max_ratio=100)


def test_the_built_package_names_every_file_in_its_manifest(tmp_path: Path) -> None:
    path = tmp_path / "package.zip"

    bench_package.build_package(path, media_files=3, media_bytes=4096, small_files=4)

    with zipfile.ZipFile(path) as archive:
        listing = read_listing(archive, LIMITS)
        manifest = archive.read("imsmanifest.xml")
        media = archive.getinfo("media/clip-01.mp4")
        page = archive.getinfo("content/html/part-000.html")
    facts = parse_manifest(name="imsmanifest.xml", data=manifest, files=listing.names)
    assert listing.problems == []
    # An unreferenced or missing file would be a problem (a warning or a refusal).
    assert facts.problems == []
    assert (facts.standard, facts.launch_path) == ("scorm_2004", "index.html")
    assert sorted(listing.names) == [
        "content/css/part-002.css",
        "content/html/part-000.html",
        "content/html/part-003.html",
        "content/js/part-001.js",
        "imsmanifest.xml",
        "index.html",
        "media/clip-01.mp4",
        "media/photo-00.jpg",
        "media/photo-02.jpg",
        "sco.js",
        "style.css",
    ]
    assert media.file_size == 4096
    assert media.compress_size >= 4096  # random bytes: deflate cannot shrink them
    assert page.compress_size * 5 < page.file_size


def test_the_same_seed_builds_the_same_media(tmp_path: Path) -> None:
    for name in ("a.zip", "b.zip"):
        bench_package.build_package(tmp_path / name, media_files=1, media_bytes=64, small_files=0)

    contents = []
    for name in ("a.zip", "b.zip"):
        with zipfile.ZipFile(tmp_path / name) as archive:
            contents.append(archive.read("media/photo-00.jpg"))
    assert contents[0] == contents[1]
    assert len(contents[0]) == 64
