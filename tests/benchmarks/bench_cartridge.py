"""Common Cartridge at scale: import of a generated cartridge of 50 modules, 500 lessons and
1,000 questions (goal: under 30 s on 2 cores), and the export of the course it became.

Run from the project root: `python tests/benchmarks/bench_cartridge.py`. It runs under
pytest-django on the test database (SQLite unless DATABASE_URL is set) and prints wall-clock and
CPU seconds for each; it fails when the import takes 30 s of wall-clock time or more.
"""

import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES, PAGES, QUIZZES, QUESTIONS = 50, 8, 2, 10  # 50 x (8 + 2) lessons, 100 x 10 questions
GOAL_SECONDS = 30.0


def generated_cartridge() -> bytes:
    """The cartridge: each module has PAGES HTML pages and QUIZZES assessments."""
    from tests.interchange import cartridges

    files: dict[str, bytes] = {}
    items, resources = [], []
    choice = cartridges.qti_item(
        "q", "cc.multiple_choice.v0p1", "Which?", [("a", "PLC"), ("b", "HMI")], ["a"]
    )
    for module in range(MODULES):
        lessons = []
        for page in range(PAGES):
            name = f"m{module}p{page}"
            files[f"pages/{name}.html"] = (
                f"<html><body><h2>Page {name}</h2>" + "<p>Cycle time and OEE.</p>" * 20
            ).encode() + b"</body></html>"
            resources.append(
                f'<resource identifier="{name}" type="webcontent" href="pages/{name}.html"/>'
            )
            lessons.append(
                f'<item identifier="i{name}" identifierref="{name}"><title>{name}</title></item>'
            )
        for quiz in range(QUIZZES):
            name = f"m{module}q{quiz}"
            files[f"{name}/assessment.xml"] = cartridges.assessment(
                "".join(
                    choice.replace('ident="q"', f'ident="{name}-{n}"') for n in range(QUESTIONS)
                )
            ).encode()
            resources.append(
                f'<resource identifier="{name}" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment">'
                f'<file href="{name}/assessment.xml"/></resource>'
            )
            lessons.append(
                f'<item identifier="i{name}" identifierref="{name}"><title>{name}</title></item>'
            )
        items.append(
            f'<item identifier="m{module}"><title>Module {module}</title>{"".join(lessons)}</item>'
        )
    files["imsmanifest.xml"] = cartridges.manifest("".join(items), "".join(resources)).encode()
    return cartridges.zipped(files)


@pytest.mark.django_db
def bench_cartridge() -> None:
    from courses.models import Question
    from interchange import api as interchange_api
    from tests.factories import OrganizationFactory

    OrganizationFactory(slug="rhine")
    data = generated_cartridge()
    wall, cpu = time.perf_counter(), time.process_time()
    result = interchange_api.import_common_cartridge(data=data, organisation="rhine", user=None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert Question.objects.filter(quiz__lesson__module__version=result.version).count() == 1000
    print(
        f"\nimport of {MODULES} modules, {MODULES * (PAGES + QUIZZES)} lessons, "
        f"{MODULES * QUIZZES * QUESTIONS} questions ({len(data) // 1024} KB): "
        f"{wall:6.2f} s wall {cpu:6.2f} s CPU (goal {GOAL_SECONDS:.0f} s)"
    )
    export_wall, export_cpu = time.perf_counter(), time.process_time()
    exported = interchange_api.export_common_cartridge(version=result.version)
    export_wall = time.perf_counter() - export_wall
    export_cpu = time.process_time() - export_cpu
    print(
        f"export of the same course ({len(exported) // 1024} KB): "
        f"{export_wall:6.2f} s wall {export_cpu:6.2f} s CPU"
    )
    assert wall < GOAL_SECONDS, f"import took {wall:.1f} s"


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
                "python_files=bench_cartridge.py",
                "-o",
                "python_functions=bench_*",
            ]
        )
    )
