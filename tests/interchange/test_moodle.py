"""Moodle backup (.mbz) import: both containers, both question bank layouts, every mapped and
placeholder kind, and the bad input of issue 25."""

import io
import json
import tarfile
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Organization
from courses.models import Course, ElearningPackage, Lesson, Question
from interchange import api as interchange_api
from tests.factories import OrganizationFactory
from tests.interchange import backups, cartridges

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def institution() -> Organization:
    return OrganizationFactory(slug="rhine", kind="institution")


def _import(data: bytes) -> interchange_api.ImportResult:
    return interchange_api.import_course(data=data, organisation="rhine", user=None)


def _refused(data: bytes) -> dict[str, Any]:
    with pytest.raises(interchange_api.ImportRefusedError) as refused:
        _import(data)
    assert Course.objects.count() == 0
    return refused.value.report


def _by_source(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["source"]: item for item in report["items"]}


CONTAINERS = {"tar.gz": backups.tar_gz, "zip": cartridges.zipped}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("moodle4", [True, False], ids=["moodle4", "moodle3"])
def test_every_kind_is_mapped_or_kept_as_a_placeholder(
    institution: Organization,
    container: str,
    moodle4: bool,
    django_capture_on_commit_callbacks: Any,
    tasks_in_process: None,
) -> None:
    data = CONTAINERS[container](backups.every_kind(moodle4=moodle4))

    with django_capture_on_commit_callbacks(execute=True):
        result = _import(data)

    version = result.version
    assert version.state == "draft"
    assert [module.translations["en"]["title"] for module in version.modules.all()] == [
        "General",
        "Cells",
        "Community",
    ]
    lessons = list(
        Lesson.objects.filter(module__version=version).order_by("module__position", "position")
    )
    assert [(lesson.kind, lesson.translations["en"]["title"]) for lesson in lessons] == [
        ("text", "General"),
        ("text", "Note"),
        ("text", "Welcome page"),
        ("resource", "Cell layout"),
        ("text", "ISO overview"),
        ("quiz", "Cell quiz"),
        ("package", "Fire safety"),
        ("text", "[Not imported] Missing package"),
        ("text", "[Not imported] Introduce yourself"),
        ("text", "[Not imported] Cell report"),
        ("text", "[Not imported] Simulator"),
        ("text", "[Not imported] Glossary wiki"),
    ]
    page = lessons[2].translations["en"]["body"]
    assert "<p>Hello" in page
    assert "script" not in page
    assert "alert" not in page
    assert lessons[1].translations["en"]["body"] == "<p>Wear <b>goggles</b>.</p>"
    assert lessons[3].resource is not None
    assert lessons[3].resource.filename == "cell layout.pdf"
    assert lessons[4].translations["en"]["body"] == (
        '<p><a href="https://www.iso.org/">https://www.iso.org/</a></p>\n\n<p>The standard.</p>'
    )
    assert "<p>Say hello.</p>" in lessons[8].translations["en"]["body"]
    assert lessons[8].is_required is False
    quiz = lessons[5].quiz
    assert (quiz.attempts_allowed, quiz.time_limit_minutes) == (3, 20)
    questions = list(Question.objects.filter(quiz__lesson=lessons[5]).order_by("position"))
    assert [question.kind for question in questions] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "short_text",
        "numeric",
    ]
    # Moodle 4: the latest version of question 101 (version 1 had B correct).
    assert [option.is_correct for option in questions[0].options.order_by("position")] == [
        True,
        False,
    ]
    assert [option.is_correct for option in questions[1].options.order_by("position")] == [
        True,
        True,
        False,
    ]
    assert questions[2].true_false_answer is False
    assert questions[3].accepted_answers == {"en": ["LD", "ladder diagram"]}
    assert (float(questions[4].numeric_answer), float(questions[4].numeric_tolerance)) == (
        3.3,
        0.05,
    )
    assert float(questions[0].points) == 2
    assert questions[0].translations["en"]["explanation"] == "<p>Because of Robot safety.</p>"
    package = ElearningPackage.objects.get(course=version.course, lesson_key=lessons[6].key)
    assert (package.state, package.standard) == ("ready", "scorm_1.2")

    report = result.report
    assert report["format"] == "mbz"
    assert report["course"] == {"slug": "robot-cells", "title": "Robot Cells"}
    counts = {
        kind: (row["imported"], row["approximated"], row["not_imported"])
        for kind, row in report["counts"].items()
    }
    expected = {
        "text": (1, 2, 0),
        "module": (3, 0, 0),
        "resource": (1, 0, 0),
        "link": (0, 1, 0),
        "question:multichoice": (2, 0, 1),
        "question:truefalse": (1, 0, 0),
        "question:shortanswer": (1, 0, 0),
        "question:numerical": (1, 0, 0),
        "question:essay": (0, 0, 1),
        "question:match": (0, 0, 1),
        "question:ddwtos": (0, 0, 1),
        "question:calculated": (0, 0, 1),
        "quiz": (1, 0, 0),
        "package": (1, 0, 0),
        "placeholder": (0, 0, 5),
    }
    if moodle4:
        expected["question:random"] = (0, 0, 1)
    assert counts == expected
    items = _by_source(report)
    assert items["questions.xml#question-108"]["reason"] == "The question has no correct answer."
    assert items["questions.xml#question-106"]["reason"] == (
        "The platform grades only choice, true/false, numeric and short-text questions."
    )
    assert items["activities/page_1/page.xml"] == {
        "kind": "text",
        "title": "Welcome page",
        "source": "activities/page_1/page.xml",
        "status": "approximated",
        "reason": "Scripts and unsafe markup were removed, as from authored lessons.",
    }
    assert items["activities/scorm_7/scorm.xml"]["reason"] == (
        "The SCORM zip is not in the backup: kept as a placeholder lesson with its original "
        "description."
    )
    assert items["activities/forum_8/forum.xml"]["reason"] == (
        "A Moodle forum activity has no equivalent on the platform: kept as a placeholder "
        "lesson with its original description."
    )


def test_a_question_bank_outside_any_quiz_gets_a_line(institution: Organization) -> None:
    files = backups.every_kind(moodle4=False)
    extra = (
        '<question_category id="8"><name>Spare</name><questions>'
        + "".join(
            backups.multichoice(n, f"Spare {n}", [("A", "1"), ("B", "0")], single=True)
            for n in (201, 202)
        )
        + "</questions></question_category>"
    )
    files["questions.xml"] = backups.questions_v3(backups.every_question(), extra).encode()

    report = _import(backups.tar_gz(files)).report

    line = next(item for item in report["items"] if item["kind"] == "question_bank")
    assert (line["title"], line["status"], line["reason"]) == (
        "Spare",
        "not_imported",
        "2 question(s) of this category are in no quiz: a question bank outside a quiz has no "
        "equivalent on the platform.",
    )


def test_a_ten_thousand_question_bank_imports_the_first_two_hundred(
    institution: Organization,
) -> None:
    files = backups.every_kind(moodle4=False)
    ids = list(range(1000, 11000))
    files["questions.xml"] = backups.questions_v3(
        [backups.multichoice(n, f"Q{n}", [("A", "1"), ("B", "0")], single=True) for n in ids]
    ).encode()
    files["activities/quiz_5/quiz.xml"] = backups.activity(
        5, "quiz", backups.quiz_xml(ids, moodle4=False), contextid=45
    )

    result = _import(backups.tar_gz(files))

    assert Question.objects.filter(quiz__lesson__module__version=result.version).count() == 200
    assert result.report["counts"]["question:multichoice"] == {
        "found": 10_000,
        "imported": 200,
        "approximated": 0,
        "not_imported": 9_800,
    }
    assert _by_source(result.report)["questions.xml#question-10999"]["reason"] == (
        "A quiz holds at most 200 questions; the quiz has more."
    )


def _member(name: str, kind: bytes, target: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


@pytest.mark.parametrize(
    ("member", "code"),
    [
        (_member("../../etc/evil", tarfile.REGTYPE), "unsafe_path"),
        (_member("/etc/evil", tarfile.REGTYPE), "unsafe_path"),
        (_member("files/a/../../../x", tarfile.REGTYPE), "unsafe_path"),
        (_member("files/link", tarfile.SYMTYPE, "/etc/passwd"), "symlink"),
        (_member("files/hard", tarfile.LNKTYPE, "moodle_backup.xml"), "symlink"),
        (_member("files/device", tarfile.CHRTYPE), "device"),
        (_member("files/pipe", tarfile.FIFOTYPE), "device"),
    ],
    ids=["dotdot", "absolute", "inner-dotdot", "symlink", "hardlink", "device", "fifo"],
)
def test_a_tar_member_outside_the_backup_or_not_a_file_refuses_it_whole(
    institution: Organization, member: tarfile.TarInfo, code: str
) -> None:
    report = _refused(backups.tar_gz(backups.every_kind(), members=[member]))

    assert report["format"] == "mbz"
    assert report["course"] is None
    assert report["items"] == [
        {
            "kind": "archive",
            "title": "",
            "source": member.name,
            "status": "not_imported",
            "reason": f"Refused by the archive checks: {code}.",
        }
    ]


def test_a_file_neither_tar_nor_zip_is_refused_clearly(institution: Organization) -> None:
    report = _refused(b"Rar!\x1a\x07\x00 a backup in another container")

    assert report["items"][0]["reason"] == (
        "The file is neither a zip nor a tar (a .imscc, .mbz or .tar.gz)."
    )


def test_a_gzip_that_is_not_a_tar_is_refused(institution: Organization) -> None:
    import gzip

    report = _refused(gzip.compress(b"just some text, not a tar" * 40))

    assert report["items"][0]["reason"] == "Refused by the archive checks: not_a_tar."


def test_a_tar_over_the_file_or_size_limits_is_refused(
    institution: Organization, settings: Any
) -> None:
    settings.PACKAGE_MAX_FILES = 5
    assert _refused(backups.tar_gz(backups.every_kind()))["items"][0]["reason"] == (
        "Refused by the archive checks: too_many_files."
    )
    settings.PACKAGE_MAX_FILES = 20_000
    settings.PACKAGE_MAX_UNPACKED_BYTES = 2_000
    assert _refused(backups.tar_gz(backups.every_kind()))["items"][0]["reason"].startswith(
        "Refused by the archive checks: unpacked_too_large"
    )


def test_a_tar_bomb_is_refused_by_its_ratio(institution: Organization) -> None:
    files = backups.every_kind()
    files["files/00/zeros"] = bytes(50 * 1024 * 1024)

    report = _refused(backups.tar_gz(files))

    assert report["items"][0]["reason"] == "Refused by the archive checks: compression_ratio."


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE moodle_backup [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<moodle_backup><information><name>&xxe;</name></information></moodle_backup>"""
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<activity><page><name>&lol3;</name></page></activity>"""


def test_an_external_entity_in_moodle_backup_xml_refuses_the_backup(
    institution: Organization,
) -> None:
    files = backups.every_kind()
    files["moodle_backup.xml"] = XXE

    report = _refused(backups.tar_gz(files))

    assert report["items"] == [
        {
            "kind": "manifest",
            "title": "",
            "source": "moodle_backup.xml",
            "status": "not_imported",
            "reason": "moodle_backup.xml is malformed or declares a DTD or entities.",
        }
    ]


def test_an_entity_bomb_in_an_activity_or_the_question_bank_costs_only_that(
    institution: Organization,
) -> None:
    files = backups.every_kind()
    files["activities/page_1/page.xml"] = BOMB
    files["questions.xml"] = BOMB.replace(b"activity", b"question_categories")

    result = _import(backups.tar_gz(files))

    items = _by_source(result.report)
    assert (items["activities/page_1/page.xml"]["status"], items["questions.xml"]["reason"]) == (
        "not_imported",
        "The file is malformed XML or declares a DTD or entities.",
    )
    assert items["activities/quiz_5/quiz.xml"]["reason"] == (
        "None of its questions could be imported."
    )
    assert Lesson.objects.filter(module__version=result.version, kind="resource").count() == 1


def test_file_names_in_a_legacy_encoding_are_read_and_reported(
    institution: Organization,
) -> None:
    files = backups.every_kind()
    files["notes/caf\udce9.txt"] = b"latin-1 name"
    zip_files = backups.every_kind()
    zip_files["notes/cafXX.txt"] = b"utf-8 name, no flag"
    # The name's UTF-8 bytes without the zip's UTF-8 flag, as many tools write them.
    zipped = cartridges.zipped(zip_files).replace(b"cafXX", "café".encode())

    from_tar = _import(backups.tar_gz(files, tar_format=tarfile.GNU_FORMAT)).report
    from_zip = interchange_api.analyse_course(data=zipped, organisation="rhine").report.as_dict()

    tar_line = next(item for item in from_tar["items"] if item["kind"] == "file_name")
    zip_line = next(item for item in from_zip["items"] if item["kind"] == "file_name")
    assert (tar_line["title"], tar_line["status"], tar_line["reason"]) == (
        "notes/café.txt",
        "approximated",
        "The name was not UTF-8; read as Windows-1252.",
    )
    assert (zip_line["title"], zip_line["reason"]) == (
        "notes/café.txt",
        "The name was stored in UTF-8 without saying so; read as UTF-8.",
    )


def test_a_backup_with_nothing_importable_is_refused(institution: Organization) -> None:
    files = backups.every_kind()
    for name in list(files):
        if name.startswith("activities/"):
            del files[name]
    files["sections/section_10/section.xml"] = files["sections/section_10/section.xml"].replace(
        b"Welcome to the course.", b""
    )

    report = _refused(backups.tar_gz(files))

    assert report["items"][-1]["reason"] == "Nothing in the cartridge could be imported."
    assert _by_source(report)["activities/page_1/page.xml"]["reason"] == (
        "The activity's file is not in the backup."
    )


def test_the_command_imports_a_backup_and_prints_its_report(
    institution: Organization, tmp_path: Any, capsys: Any
) -> None:
    path = tmp_path / "backup-robot-cells.mbz"
    path.write_bytes(backups.tar_gz(backups.every_kind()))

    call_command("import_course", str(path), "--organisation", "rhine")

    report = json.loads(capsys.readouterr().out)
    assert (report["format"], report["course"]["slug"]) == ("mbz", "robot-cells")
    bad = tmp_path / "bad.mbz"
    bad.write_bytes(backups.tar_gz({"moodle_backup.xml": XXE}))
    with pytest.raises(CommandError):
        call_command("import_course", str(bad), "--organisation", "rhine")
    assert json.loads(capsys.readouterr().out)["items"][0]["source"] == "moodle_backup.xml"


def test_an_uploaded_backup_goes_through_the_same_background_import(
    institution: Organization, django_capture_on_commit_callbacks: Any
) -> None:
    from rest_framework.test import APIClient

    from tests.factories import MembershipFactory

    author = MembershipFactory(organization=institution, role="author").user
    client = APIClient()
    client.force_login(author)
    upload = io.BytesIO(backups.tar_gz(backups.every_kind()))
    upload.name = "backup-robot-cells.mbz"
    with django_capture_on_commit_callbacks():
        response = client.post(
            "/api/v1/authoring/interchange/imports",
            {"file": upload, "organisation": "rhine"},
            format="multipart",
        )
    import_id = response.json()["id"]

    interchange_api.analyse_course_import(import_id=import_id)
    ready = client.get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    with django_capture_on_commit_callbacks():
        client.post(f"/api/v1/authoring/interchange/imports/{import_id}/confirm")
    interchange_api.write_course_import(import_id=import_id, user_id=author.pk)

    done = client.get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    assert (ready["state"], ready["report"]["format"]) == ("ready", "mbz")
    assert (done["state"], done["course_slug"]) == ("imported", "robot-cells")
    course = Course.objects.get()
    lesson = Lesson.objects.get(module__version__course=course, kind="package")
    assert ElearningPackage.objects.get(lesson_key=lesson.key).uploaded_by == author


def test_an_entity_in_files_xml_costs_the_files_only(institution: Organization) -> None:
    files = backups.every_kind()
    files["files.xml"] = BOMB.replace(b"activity", b"files")

    result = _import(backups.tar_gz(files))

    items = _by_source(result.report)
    assert (
        items["files.xml"]["reason"] == "The file is malformed XML or declares a DTD or entities."
    )
    assert items["activities/resource_3/resource.xml"]["reason"] == (
        "The resource's file is not in the backup."
    )
    assert items["activities/scorm_6/scorm.xml"]["kind"] == "placeholder"
    assert Lesson.objects.filter(module__version=result.version, kind="quiz").count() == 1


def test_a_scorm_zip_the_package_checks_refuse_leaves_its_lesson_waiting(
    institution: Organization,
) -> None:
    files = backups.every_kind()
    scorm_path = next(
        name for name, data in files.items() if name.startswith("files/") and data[:2] == b"PK"
    )
    broken = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("imsmanifest.xml", b"<manifest><unclosed></manifest>")
    files[scorm_path] = broken.getvalue()

    result = _import(backups.tar_gz(files))

    lesson = Lesson.objects.get(module__version=result.version, kind="package")
    assert not ElearningPackage.objects.filter(lesson_key=lesson.key).exists()
    lines = [item for item in result.report["items"] if item["kind"] == "package"]
    assert [(line["status"], line["source"]) for line in lines] == [
        ("not_imported", "activities/scorm_6/scorm.xml"),
    ]
    assert result.report["counts"]["package"]["not_imported"] == 1
    assert lines[0]["reason"].startswith(
        "The package lesson waits for an upload: its zip was refused ("
    )


@pytest.mark.parametrize(
    ("lang", "language"),
    [("de_du", "de"), ("zh_cn", "zh-hans"), ("ar", "ar"), ("zh_tw", "en"), ("fr", "en")],
)
def test_the_course_language_follows_its_moodle_language_pack(
    institution: Organization, lang: str, language: str
) -> None:
    analysis = interchange_api.analyse_course(
        data=backups.tar_gz(backups.every_kind(lang=lang)), organisation="rhine"
    )

    assert analysis.package["course"]["primary_language"] == language


def test_a_moodle3_random_question_is_not_imported_with_its_reason(
    institution: Organization,
) -> None:
    files = backups.every_kind(moodle4=False)
    random = backups.question(111, "random", "Random (Cells)", "0")
    files["questions.xml"] = backups.questions_v3([*backups.every_question(), random]).encode()
    files["activities/quiz_5/quiz.xml"] = backups.activity(
        5, "quiz", backups.quiz_xml([*backups.QUESTION_IDS, 111], moodle4=False), contextid=45
    )

    report = _import(backups.tar_gz(files)).report

    assert _by_source(report)["questions.xml#question-111"] == {
        "kind": "question:random",
        "title": "Random (Cells)",
        "source": "questions.xml#question-111",
        "status": "not_imported",
        "reason": "A random question drawn from a category has no equivalent on the platform.",
    }


def test_a_backup_whose_course_has_no_summary_imports_with_its_title_as_description(
    institution: Any,
) -> None:
    files = backups.every_kind()
    files["course/course.xml"] = files["course/course.xml"].replace(
        b"<summary>&lt;p&gt;Cells and safety.&lt;/p&gt;</summary>", b"<summary></summary>"
    )

    result = interchange_api.import_course(
        data=backups.tar_gz(files), organisation="rhine", user=None
    )

    english = result.version.translations["en"]
    assert (english["title"], english["description"]) == ("Robot Cells", "Robot Cells")
