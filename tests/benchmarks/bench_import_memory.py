"""Memory of a large import in a separate process: `manage.py import_course` on a generated
160 MB cartridge (8 PDFs of 20 MB of random bytes) against the same command on a small one;
prints each process's peak resident set (ru_maxrss) and the difference.

Run from the project root: `python tests/benchmarks/bench_import_memory.py`. It runs under
pytest-django on the test database (committed rows, so the command's process sees them).
"""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEGABYTE = 1024 * 1024
# The command in a child process that reports its own peak resident set (kB on Linux).
_CHILD = """
import resource, sys, django
django.setup()
from django.core.management import call_command
call_command("import_course", sys.argv[1], organisation="rhine", stdout=open("/dev/null", "w"))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _cartridge(path: Path, files: int, megabytes: int) -> None:
    from tests.interchange import cartridges

    items = "".join(
        f'<item identifier="i{n}" identifierref="r{n}"><title>Drawing {n}</title></item>'
        for n in range(files)
    )
    resources = "".join(
        f'<resource identifier="r{n}" type="webcontent" href="files/d{n}.pdf">'
        f'<file href="files/d{n}.pdf"/></resource>'
        for n in range(files)
    )
    manifest = cartridges.manifest(
        f'<item identifier="m1"><title>Drawings</title>{items}</item>', resources
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for n in range(files):
            with archive.open(zipfile.ZipInfo(f"files/d{n}.pdf"), "w", force_zip64=True) as out:
                out.write(b"%PDF-1.4\n")
                for _ in range(megabytes):
                    out.write(os.urandom(MEGABYTE))


def _peak_rss_kb(path: Path, database: str, media: Path) -> int:
    environment = {
        **os.environ,
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


@pytest.mark.django_db(transaction=True)
def bench_import_memory(tmp_path: Path) -> None:
    from django.db import connection

    from tests.factories import OrganizationFactory

    OrganizationFactory(slug="rhine", kind="institution")
    settings = connection.settings_dict
    database = (
        f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )
    small, large = tmp_path / "small.imscc", tmp_path / "large.imscc"
    _cartridge(small, 1, 0)
    _cartridge(large, 8, 20)
    baseline = _peak_rss_kb(small, database, tmp_path / "media")
    peak = _peak_rss_kb(large, database, tmp_path / "media")
    print(
        f"\nimport_course in its own process: small cartridge {baseline / 1024:.1f} MB peak RSS, "
        f"{large.stat().st_size // MEGABYTE} MB cartridge {peak / 1024:.1f} MB peak RSS "
        f"(growth {(peak - baseline) / 1024:.1f} MB)"
    )


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(
        pytest.main(
            [
                __file__,
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
                "-o",
                "python_files=bench_import_memory.py",
                "-o",
                "python_functions=bench_*",
            ]
        )
    )
