"""Common Cartridge at scale: import of a generated cartridge of 50 modules, 500 lessons and
1,000 questions (goal: under 30 s on 2 cores), and the export of the course it became; and the
import of a Moodle backup (.mbz, tar.gz, Moodle 4.x) and of an Open edX OLX export (.tar.gz) of
the same size (50 sections / chapters, each 8 pages / HTML units and 2 quizzes / problem units of
10 questions).

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


def generated_backup() -> bytes:
    """The Moodle 4.x backup: each section has PAGES pages and QUIZZES quizzes of QUESTIONS
    single-choice questions from one bank."""
    from tests.interchange import backups

    xml = backups.XML
    files: dict[str, bytes] = {}
    activities, sections, questions = [], [], []
    module_id = 0
    for section in range(MODULES):
        sequence = []
        for _page in range(PAGES):
            module_id += 1
            sequence.append(module_id)
            activities.append((module_id, "page", section, f"Page {module_id}"))
            content = ("&lt;p&gt;Cycle time and OEE.&lt;/p&gt;" * 20).strip()
            files[f"activities/page_{module_id}/page.xml"] = backups.activity(
                module_id,
                "page",
                f'<page id="{module_id}"><name>Page {module_id}</name><intro></intro>'
                f"<content>{content}</content><contentformat>1</contentformat></page>",
                contextid=1000 + module_id,
            )
        for _quiz in range(QUIZZES):
            module_id += 1
            sequence.append(module_id)
            activities.append((module_id, "quiz", section, f"Quiz {module_id}"))
            ids = [module_id * 100 + n for n in range(QUESTIONS)]
            questions += [
                backups.multichoice(
                    question_id,
                    f"Which {question_id}",
                    [("PLC", "1.0000000"), ("HMI", "0.0000000")],
                    single=True,
                )
                for question_id in ids
            ]
            files[f"activities/quiz_{module_id}/quiz.xml"] = backups.activity(
                module_id, "quiz", backups.quiz_xml(ids, moodle4=True), contextid=1000 + module_id
            )
        sections.append(section)
        files[f"sections/section_{section}/section.xml"] = (
            f'{xml}<section id="{section}"><number>{section}</number><name>Section {section}'
            f"</name><summary></summary><summaryformat>1</summaryformat><sequence>"
            f"{','.join(map(str, sequence))}</sequence><visible>1</visible></section>"
        ).encode()
    activity_rows = "".join(
        f"<activity><moduleid>{number}</moduleid><sectionid>{section}</sectionid>"
        f"<modulename>{modname}</modulename><title>{title}</title>"
        f"<directory>activities/{modname}_{number}</directory></activity>"
        for number, modname, section, title in activities
    )
    section_rows = "".join(
        f"<section><sectionid>{section}</sectionid><title>{section}</title>"
        f"<directory>sections/section_{section}</directory></section>"
        for section in sections
    )
    files["moodle_backup.xml"] = (
        f"{xml}<moodle_backup><information><name>bench.mbz</name>"
        f"<moodle_release>4.1</moodle_release><original_course_fullname>Bench</original_course_fullname>"
        f"<contents><activities>{activity_rows}</activities><sections>{section_rows}</sections>"
        f"</contents></information></moodle_backup>"
    ).encode()
    files["course/course.xml"] = (
        f'{xml}<course id="2" contextid="40"><shortname>B</shortname><fullname>Bench backup'
        f"</fullname><summary></summary><format>topics</format><lang>en</lang></course>"
    ).encode()
    files["questions.xml"] = backups.questions_v4(questions).encode()
    return backups.tar_gz(files)


def generated_olx() -> bytes:
    """The OLX export: each chapter has one sequential of PAGES HTML units and QUIZZES units of
    QUESTIONS multiple-choice problems, each chapter in its own file."""
    from tests.interchange import olx_exports

    files: dict[str, bytes] = {
        "course.xml": b'<course url_name="bench" org="ICIM" course="B1"/>',
        "course/bench.xml": (
            '<course display_name="Bench export" language="en">'
            + "".join(f'<chapter url_name="c{chapter}"/>' for chapter in range(MODULES))
            + "</course>"
        ).encode(),
    }
    problem = (
        '<problem display_name="P{n}"><multiplechoiceresponse><label>Which {n}?</label>'
        '<choicegroup type="MultipleChoice"><choice correct="true">PLC</choice>'
        '<choice correct="false">HMI</choice></choicegroup></multiplechoiceresponse></problem>'
    )
    for chapter in range(MODULES):
        units = [
            f'<vertical display_name="Page {chapter}-{page}"><html display_name="Page">'
            + "<p>Cycle time and OEE.</p>" * 20
            + "</html></vertical>"
            for page in range(PAGES)
        ]
        units += [
            f'<vertical display_name="Quiz {chapter}-{quiz}">'
            + "".join(problem.format(n=f"{chapter}-{quiz}-{n}") for n in range(QUESTIONS))
            + "</vertical>"
            for quiz in range(QUIZZES)
        ]
        files[f"chapter/c{chapter}.xml"] = (
            f'<chapter display_name="Chapter {chapter}"><sequential display_name="Week">'
            + "".join(units)
            + "</sequential></chapter>"
        ).encode()
    return olx_exports.tarball(files)


def _timed_import(data: bytes, label: str) -> None:
    from courses.models import Lesson, Question
    from interchange import api as interchange_api

    wall, cpu = time.perf_counter(), time.process_time()
    result = interchange_api.import_course(data=data, organisation="rhine", user=None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    version = result.version
    lessons = Lesson.objects.filter(module__version=version).count()
    questions = Question.objects.filter(quiz__lesson__module__version=version).count()
    assert (lessons, questions) == (MODULES * (PAGES + QUIZZES), MODULES * QUIZZES * QUESTIONS)
    print(
        f"import of a {label} of {MODULES} modules, {lessons} lessons, {questions} questions "
        f"({len(data) // 1024} KB): {wall:6.2f} s wall {cpu:6.2f} s CPU "
        f"(goal {GOAL_SECONDS:.0f} s)"
    )
    assert wall < GOAL_SECONDS, f"import took {wall:.1f} s"


@pytest.mark.django_db
def bench_moodle_backup() -> None:
    from tests.factories import OrganizationFactory

    OrganizationFactory(slug="rhine", kind="institution")
    _timed_import(generated_backup(), "Moodle backup (.mbz)")


@pytest.mark.django_db
def bench_olx_export() -> None:
    from tests.factories import OrganizationFactory

    OrganizationFactory(slug="rhine", kind="institution")
    _timed_import(generated_olx(), "OLX export (Open edX)")


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
