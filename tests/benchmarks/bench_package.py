"""Package lessons: the upload check and the unpack of a 100 MB SCORM 2004 package, and the
worker's memory while it unpacks (issue 22).

Run from the project root: `python tests/benchmarks/bench_package.py` (a step of `make bench`).

A SCORM 2004 package of about 100 MB is built once and cached in var/bench/: the test SCO of
devdata/elearning_packages.py, 40 media files of random bytes (.mp4/.jpg names, they do not
compress) and a few hundred small HTML/JS/CSS files (they do), every file named in the
manifest. On a fresh SQLite database with the demo accounts and a draft course of one package
lesson, each run times:

1. the check alone: the zip's listing, the manifest read and parsed (the functions
   `courses.api.upload_lesson_package` calls);
2. the accept: `upload_lesson_package` itself, what an upload request does synchronously (the
   check, then the zip kept in storage and the package row), its storing task held back;
3. the unpack: `courses.api.store_elearning_package` (the storing task's service) in process,
   with the process's peak RSS growth over it (VmHWM reset through /proc/self/clear_refs);
   goal: no more than MEMORY_GOAL_MB — a worker must not grow by more than tens of MB;
4. the HTTP request: the same upload POSTed to the endpoint with DRF's test client (multipart,
   the file parsed to a temporary file as under gunicorn, no network or server), its storing
   task held back; "upload to ready" adds the unpack of the same run.

BENCH_PACKAGE_RUNS (default 2) sets the runs; figures are medians. Writes var/bench/package.json.
"""

import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"
RESULTS = BENCH_DIR / "package.json"
PACKAGE = BENCH_DIR / "package-scorm2004-100mb.zip"
RUNS = int(os.environ.get("BENCH_PACKAGE_RUNS", "2"))
MEDIA_FILES = 40
MEDIA_BYTES = 5 * 1024 * 1024 // 2  # 40 × 2.5 MB = 100 MB that does not compress
SMALL_FILES = 300
MEMORY_GOAL_MB = 50
SLUG = "bench-package"
# The SCO's own resource line in the builder's manifest; the extra files are listed after it.
_SCO_FILES = '<file href="sco.js"/>'

_SMALL_KINDS = {
    "html": '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Page {n}'
    "</title></head><body><main><h1>Page {n}</h1>{body}</main></body></html>\n",
    "js": "// Interaction {n}\nfunction interaction{n}(state) {{\n{body}  return state;\n}}\n",
    "css": ".page-{n} {{ margin: 1rem; }}\n{body}",
}
_SMALL_LINES = {
    "html": "<p>Keep the exits of hall {i} clear; check extinguisher {i} monthly.</p>\n",
    "js": "  state.step{i} = (state.step{i} || 0) + 1;\n",
    "css": ".item-{i} {{ padding: {i}px; border: 1px solid #ccc; }}\n",
}


def small_file(kind: str, number: int) -> str:
    """A small course file of `kind` (html, js, css) that compresses like hand-written text."""
    body = "".join(_SMALL_LINES[kind].format(i=i) for i in range(40))
    return _SMALL_KINDS[kind].format(n=number, body=body)


def build_package(
    path: Path,
    *,
    media_files: int = MEDIA_FILES,
    media_bytes: int = MEDIA_BYTES,
    small_files: int = SMALL_FILES,
    seed: int = 22,
) -> None:
    """Write a SCORM 2004 package to `path`: the devdata test SCO, `media_files` files of random
    bytes and `small_files` small text files, every one named in the SCO's resource."""
    from devdata.elearning_packages import build_scorm2004_package

    with zipfile.ZipFile(io.BytesIO(build_scorm2004_package())) as base:
        sco = {name: base.read(name) for name in base.namelist()}
    extra: list[str] = []
    generator = random.Random(seed)  # filler bytes, repeatable; not secrets
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(media_files):
            name = f"media/clip-{number:02d}.mp4" if number % 2 else f"media/photo-{number:02d}.jpg"
            archive.writestr(name, generator.randbytes(media_bytes))
            extra.append(name)
        kinds = ("html", "js", "css")
        for number in range(small_files):
            kind = kinds[number % len(kinds)]
            name = f"content/{kind}/part-{number:03d}.{kind}"
            archive.writestr(name, small_file(kind, number))
            extra.append(name)
        for name, data in sco.items():
            if name == "imsmanifest.xml":
                listed = "".join(f'<file href="{extra_name}"/>' for extra_name in extra)
                data = data.replace(_SCO_FILES.encode(), (_SCO_FILES + listed).encode())
            archive.writestr(name, data)
    partial.rename(path)


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False where that is not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _course_package() -> dict[str, Any]:
    """The quick-tour demo course as a new draft course of one package lesson."""
    from devdata.courses import DATA_DIR

    package = json.loads(
        (DATA_DIR / "demo_courses" / "shop-floor-sensors-quick-tour.json").read_text("utf-8")
    )
    course = package["course"]
    course["slug"] = SLUG
    course["code"] = "BENCH-PKG-001"
    texts = {language: {"title": "Fire safety"} for language in course["languages"]}
    course["modules"] = [
        {
            "translations": texts,
            "lessons": [{"kind": "package", "duration_minutes": 15, "translations": texts}],
        }
    ]
    return package


def main() -> None:
    if not PACKAGE.exists():
        sys.path.insert(0, str(ROOT))
        build_package(PACKAGE)
    work = Path(tempfile.mkdtemp(prefix="icim-bench-package-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
            "MEDIA_ROOT": str(work / "media"),
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.uploadedfile import UploadedFile
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from accounts.models import User
    from courses import api as courses_api
    from courses.elearning_manifest import parse_manifest
    from courses.elearning_zip import read_entry, read_listing
    from courses.models import ElearningPackage, Lesson
    from courses.signals import elearning_package_uploaded
    from devdata.accounts import seed_accounts
    from devdata.courses import load_framework

    call_command("migrate", verbosity=0)
    seed_accounts()
    load_framework()
    courses_api.import_course_package(user=None, data=_course_package())
    lesson = Lesson.objects.get(module__version__course__slug=SLUG, kind=Lesson.Kind.PACKAGE)
    author = User.objects.get(email="author@icim.example")
    limits = courses_api.package_limits()
    # The storing task is timed on its own (step 3), not inside the upload.
    elearning_package_uploaded.disconnect(
        sender=ElearningPackage, dispatch_uid="courses.store_uploaded_elearning_package"
    )
    size = PACKAGE.stat().st_size
    with zipfile.ZipFile(PACKAGE) as archive:
        file_count = len(archive.namelist())

    check: list[float] = []
    accept: list[float] = []
    unpack: list[float] = []
    growth_mb: list[float] = []
    rss_mb: list[float] = []
    http: list[float] = []
    measured_memory = True
    for run in range(RUNS):
        started = time.perf_counter()
        with zipfile.ZipFile(PACKAGE) as archive:
            listing = read_listing(archive, limits)
            data = read_entry(archive, "imsmanifest.xml", limits, max_bytes=1024 * 1024)
        facts = parse_manifest(name="imsmanifest.xml", data=data, files=listing.names)
        check.append(time.perf_counter() - started)
        if facts.problems or listing.problems:
            raise SystemExit(f"the package has problems: {facts.problems} {listing.problems}")

        with PACKAGE.open("rb") as handle:
            upload = UploadedFile(
                handle, name=PACKAGE.name, content_type="application/zip", size=size
            )
            started = time.perf_counter()
            package = courses_api.upload_lesson_package(
                user=author, slug=SLUG, lesson_key=lesson.key, file=upload
            )
            accept.append(time.perf_counter() - started)

        measured_memory = _reset_peak() and measured_memory
        before = _status_kb("VmRSS")
        rss_mb.append(before / 1024)
        started = time.perf_counter()
        stored = courses_api.store_elearning_package(package_id=package.pk, limits=limits)
        unpack.append(time.perf_counter() - started)
        growth_mb.append((_status_kb("VmHWM") - before) / 1024)
        if stored is None or stored.state != ElearningPackage.State.READY:
            raise SystemExit(f"the package was not stored: {stored and stored.problems}")

        client = APIClient()
        client.force_authenticate(author)
        with PACKAGE.open("rb") as handle:
            started = time.perf_counter()
            response = client.post(
                f"/api/v1/authoring/courses/{SLUG}/lessons/{lesson.key}/package",
                {"file": handle},
                format="multipart",
            )
            http.append(time.perf_counter() - started)
        if response.status_code != 202:
            raise SystemExit(f"the upload answered {response.status_code}: {response.content!r}")
        print(
            f"run {run + 1}: check {check[-1]:.2f} s, accept {accept[-1]:.2f} s, "
            f"unpack {unpack[-1]:.2f} s (+{growth_mb[-1]:.1f} MB peak RSS), "
            f"HTTP upload {http[-1]:.2f} s",
            file=sys.stderr,
        )

    result = {
        "package": {"bytes": size, "files": file_count, "unpacked_bytes": stored.size},
        "check_seconds": check,
        "accept_seconds": accept,
        "unpack_seconds": unpack,
        "unpack_rss_growth_mb": growth_mb if measured_memory else None,
        "unpack_rss_before_mb": rss_mb,
        "http_seconds": http,
        "memory_goal_mb": MEMORY_GOAL_MB,
        "load_average": list(os.getloadavg()),
    }
    RESULTS.write_text(json.dumps(result, indent=2))
    print(package_table(result))


def package_table(result: dict[str, Any]) -> str:
    """The medians of a run as a Markdown table."""
    rows = [
        ("check (listing + manifest)", result["check_seconds"], "s"),
        ("accept (upload_lesson_package: check + keep the zip)", result["accept_seconds"], "s"),
        ("unpack into storage (storing task's service)", result["unpack_seconds"], "s"),
        ("HTTP upload request (test client, multipart)", result["http_seconds"], "s"),
        (
            "upload to ready (HTTP request + unpack)",
            [a + b for a, b in zip(result["http_seconds"], result["unpack_seconds"], strict=True)],
            "s",
        ),
    ]
    if result["unpack_rss_growth_mb"] is not None:
        rows.append(
            (
                f"peak RSS growth over the unpack (goal ≤ {result['memory_goal_mb']} MB)",
                result["unpack_rss_growth_mb"],
                "MB",
            )
        )
    return "\n".join(
        [
            f"| step ({result['package']['bytes'] / 1024 / 1024:.0f} MB package, "
            f"{result['package']['files']} files) | median | runs |",
            "|---|---:|---|",
            *(
                f"| {name} | {statistics.median(values):.2f} {unit} | "
                + ", ".join(f"{value:.2f}" for value in values)
                + " |"
                for name, values, unit in rows
            ),
        ]
    )


if __name__ == "__main__":
    main()
