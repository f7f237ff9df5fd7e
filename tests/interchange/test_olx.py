"""Open edX OLX import: every mapped and placeholder kind, pointers and inline, and bad input."""

import io
import json
import tarfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Organization
from courses.models import Course, Lesson, Question
from interchange import api as interchange_api
from tests.factories import OrganizationFactory
from tests.interchange import olx_exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def institution() -> Organization:
    return OrganizationFactory(slug="rhine", kind="institution")


def _import(data: bytes) -> interchange_api.ImportResult:
    return interchange_api.import_course(data=data, organisation="rhine", user=None)


def _refused(data: bytes) -> dict[str, Any]:
    with pytest.raises(interchange_api.ImportRefusedError) as refused:
        _import(data)
    assert not Course.objects.exists()
    return refused.value.report


def _lines(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (item["kind"], item["source"], item["status"], item["reason"]) for item in report["items"]
    ]


def test_every_kind_maps_and_every_item_has_a_line(institution: Organization) -> None:
    result = _import(olx_exports.tarball(olx_exports.every_kind()))

    version = result.version
    assert version.course.slug == "robot-cells"
    assert version.state == "draft"
    modules = list(version.modules.order_by("position"))
    titles = [module.translations["de"]["title"] for module in modules]
    assert titles == ["Basics", "Practice", "Course files"]
    kinds = [[lesson.kind for lesson in module.lessons.order_by("position")] for module in modules]
    assert kinds == [
        ["text", "resource", "resource", "video", "text", "quiz"],
        ["text"] * 5 + ["quiz"],
        ["resource"],
    ]
    text = modules[0].lessons.order_by("position")[0].translations["de"]
    assert "<script" not in text["body"]
    assert "onclick" not in text["body"]
    assert "Robot cells" in text["body"]
    video = modules[0].lessons.get(kind="video")
    assert video.video_url == "https://www.youtube.com/watch?v=o2pLltkrhGM"
    assert video.translations["de"]["transcript"] == "Welcome to robot cells. Let us begin."
    questions = Question.objects.filter(quiz__lesson__module=modules[0]).order_by("position")
    assert [question.kind for question in questions] == [
        "single_choice",
        "true_false",
        "multiple_choice",
        "single_choice",
        "short_text",
        "numeric",
        "numeric",
    ]
    assert str(questions[0].points) == "2.00"
    assert questions[1].true_false_answer is True
    assert questions[4].accepted_answers == {"de": ["OPC UA", "OPC Unified Architecture"]}
    assert questions[4].translations["de"]["prompt"] == (
        "<p>Which protocol models information for Industry 4.0?</p>"
    )
    assert questions[3].translations["de"]["prompt"] == (
        "<p>IEC 61131-3 names five languages.</p>\n  <p>The graphical language like relay logic "
        "is</p>"
    )
    assert questions[0].translations["de"]["explanation"] == (
        "<p>Inputs are read into the image first.</p>"
    )
    assert (questions[5].numeric_answer, questions[5].numeric_tolerance) == (
        Decimal("2.5"),
        Decimal("0.1"),
    )
    assert (questions[6].numeric_answer, questions[6].numeric_tolerance) == (
        Decimal("200"),
        Decimal("10"),
    )
    placeholders = [
        lesson.translations["de"]
        for lesson in modules[1].lessons.order_by("position")
        if lesson.translations["de"]["title"].startswith("[Not imported] ")
    ]
    assert [texts["title"] for texts in placeholders] == [
        "[Not imported] Questions",
        "[Not imported] Simulator",
        "[Not imported] Essay",
        "[Not imported] Sort parts",
        "[Not imported] Random",
    ]
    assert "<lti_consumer" in placeholders[1]["body"]

    lines = _lines(result.report)
    assert ("video", "video/intro_video.xml", "imported", "") in lines
    assert (
        "transcript",
        "static/intro.srt",
        "imported",
        "Became the text of the video's transcript.",
    ) in lines
    assert (
        "video",
        "vertical/welcome.xml#video[2]",
        "approximated",
        "The video is not served over https: a text lesson holding its link.",
    ) in lines
    assert ("question:multiplechoiceresponse", "problem/mc.xml", "imported", "") in lines
    assert (
        "question:multiplechoiceresponse",
        "problem/broken.xml",
        "not_imported",
        "The question has no correct answer.",
    ) in lines
    assert ("question:numericalresponse", "problem/numeric.xml#2", "imported", "") in lines
    for tag, number in (("customresponse", 1), ("formularesponse", 2), ("imageresponse", 3)):
        assert (
            f"question:{tag}",
            f"problem/custom.xml#{number}",
            "not_imported",
            "The platform grades only choice, true/false, numeric and short-text questions; "
            f"a {tag} problem is not imported.",
        ) in lines
    assert (
        "question:stringresponse",
        "chapter/practice.xml#sequential[1]/vertical[1]/problem[1]",
        "approximated",
        "A case-sensitive answer: the platform compares answers without regard to case.",
    ) in lines
    assert (
        "resource",
        "static/layout.pdf",
        "imported",
        "Linked from “Welcome”: a resource lesson after it.",
    ) in lines
    assert (
        "resource",
        "static/handbook.pdf",
        "approximated",
        "No component links it: a resource lesson in the module “Course files”.",
    ) in lines
    assert [line[1] for line in lines if line[0] == "placeholder"] == [
        f"chapter/practice.xml#sequential[1]/vertical[1]/{tag}[1]"
        for tag in (
            "discussion",
            "lti_consumer",
            "openassessment",
            "drag-and-drop-v2",
            "library_content",
        )
    ]
    assert [line[3] for line in lines if line[0] == "placeholder"] == [
        f"{what} has no equivalent on the platform: kept as a placeholder lesson with its "
        "original XML."
        for what in (
            "A discussion",
            "An LTI tool",
            "An open response assessment",
            "A drag-and-drop problem",
            "A randomised block of library problems",
        )
    ]
    assert [line for line in lines if line[1] == "static/tool.exe"] == [
        (
            "resource",
            "static/tool.exe",
            "not_imported",
            "The platform does not offer files of this type (PDF, images, text, CSV and Office "
            "files only).",
        )
    ]
    assert (
        "component",
        "course/2026.xml#wiki[1]",
        "not_imported",
        "A <wiki> outside any chapter has no place in a module.",
    ) in lines
    assert [line for line in lines if line[0] in {"draft", "page"}] == [
        (
            "draft",
            "drafts/vertical/unpublished.xml",
            "not_imported",
            "An unpublished draft (Studio keeps it beside the course): not imported.",
        ),
        (
            "page",
            "tabs/syllabus.html",
            "not_imported",
            "A course page outside the outline (a tab): not imported.",
        ),
    ]
    assert result.report["counts"]["module"] == {
        "found": 3,
        "imported": 2,
        "approximated": 1,
        "not_imported": 0,
    }


def test_a_course_written_inline_in_course_xml_at_the_root_imports(
    institution: Organization,
) -> None:
    course = (
        b'<course url_name="x" display_name="Inline Course">'
        b'<chapter display_name="Only"><sequential display_name="S">'
        b'<vertical display_name="V"><html><p>Hello</p></html>'
        b'<problem display_name="P"><numericalresponse answer="[4, 6]">'
        b"<label>Between?</label><formulaequationinput/></numericalresponse></problem>"
        b"</vertical></sequential></chapter></course>"
    )
    result = _import(
        olx_exports.tarball(
            {"course.xml": course.replace(b"<course ", b'<course language="fr" ')}, top=""
        )
    )

    lessons = list(Lesson.objects.filter(module__version=result.version).order_by("position"))
    assert [lesson.kind for lesson in lessons] == ["text", "quiz"]
    assert lessons[0].translations["en"]["body"] == "<p>Hello</p>"
    question = Question.objects.get(quiz__lesson=lessons[1])
    assert (question.numeric_answer, question.numeric_tolerance) == (Decimal(5), Decimal(1))
    assert result.report["course"] == {"slug": "inline-course", "title": "Inline Course"}
    assert _lines(result.report)[0] == (
        "language",
        "course.xml",
        "approximated",
        "The platform's languages are en, de, zh-hans and ar: the course is marked as English.",
    )


def _member(name: str, kind: bytes, **fields: Any) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    for key, value in fields.items():
        setattr(info, key, value)
    return info


@pytest.mark.parametrize(
    ("member", "code"),
    [
        (_member("course/static/passwd", tarfile.SYMTYPE, linkname="/etc/passwd"), "symlink"),
        (_member("course/static/up", tarfile.SYMTYPE, linkname="../../x"), "symlink"),
        (_member("course/static/hard", tarfile.LNKTYPE, linkname="course/course.xml"), "symlink"),
        (_member("course/static/tty", tarfile.CHRTYPE, devmajor=4, devminor=1), "device"),
        (_member("course/static/disk", tarfile.BLKTYPE, devmajor=8), "device"),
        (_member("course/static/pipe", tarfile.FIFOTYPE), "device"),
        (_member("/etc/cron.d/x", tarfile.REGTYPE), "unsafe_path"),
        (_member("course/../../outside.txt", tarfile.REGTYPE), "unsafe_path"),
    ],
)
def test_links_devices_and_escaping_names_refuse_the_archive(
    institution: Organization, member: tarfile.TarInfo, code: str
) -> None:
    data = olx_exports.with_members(olx_exports.every_kind(), [member])

    report = _refused(data)

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


def test_too_many_files_or_bytes_refuse_the_archive(
    institution: Organization, settings: Any
) -> None:
    settings.PACKAGE_MAX_FILES = 5
    assert _lines(_refused(olx_exports.tarball(olx_exports.every_kind())))[-1][3] == (
        "Refused by the archive checks: too_many_files."
    )
    settings.PACKAGE_MAX_FILES = 10_000
    settings.PACKAGE_MAX_UNPACKED_BYTES = 2000
    assert _lines(_refused(olx_exports.tarball(olx_exports.every_kind())))[-1][3] == (
        "Refused by the archive checks: unpacked_too_large."
    )


def test_a_gzip_bomb_is_refused_by_its_ratio(institution: Organization) -> None:
    files = olx_exports.every_kind()
    files["static/zeros.txt"] = b"0" * (20 * 1024 * 1024)

    report = _refused(olx_exports.tarball(files))

    assert report["items"][-1]["reason"] == "Refused by the archive checks: compression_ratio."


def test_not_a_tar_and_no_course_xml_are_refused(institution: Organization) -> None:
    assert _refused(b"\x1f\x8b" + b"garbage" * 50)["items"][-1]["reason"] == (
        "Refused by the archive checks: not_a_tar."
    )
    files = olx_exports.every_kind()
    del files["course.xml"]
    assert _refused(olx_exports.tarball(files))["items"][-1] == {
        "kind": "manifest",
        "title": "",
        "source": "$",
        "status": "not_imported",
        "reason": "The archive is neither a Common Cartridge (imsmanifest.xml), a Moodle backup "
        "(moodle_backup.xml) nor an Open edX export (course.xml at its root or in its one top "
        "folder).",
    }


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<problem display_name="&lol2;"><stringresponse answer="x"/></problem>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE course [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<course url_name="2026" display_name="&xxe;"/>"""


def test_entities_refuse_the_outline_and_only_the_item_elsewhere(
    institution: Organization,
) -> None:
    files = olx_exports.every_kind()
    files["course.xml"] = XXE
    assert _refused(olx_exports.tarball(files))["items"][-1]["reason"] == (
        "course.xml is malformed, declares a DTD or entities, or nests too deep."
    )

    files = olx_exports.every_kind()
    files["problem/text.xml"] = BOMB
    result = _import(olx_exports.tarball(files))

    assert (
        "file",
        "problem/text.xml",
        "not_imported",
        "The file is malformed XML, declares a DTD or entities, or nests too deep.",
    ) in _lines(result.report)
    assert Question.objects.filter(quiz__lesson__module__version=result.version).count() == 7


def test_a_name_that_is_not_utf8_gets_a_line_and_refers_to_nothing(
    institution: Organization,
) -> None:
    buffer = io.BytesIO()
    with tarfile.open(
        fileobj=buffer, mode="w:gz", format=tarfile.GNU_FORMAT, encoding="latin-1"
    ) as archive:
        for name, data in {**olx_exports.every_kind(), "static/café.pdf": olx_exports.PDF}.items():
            info = tarfile.TarInfo(f"course/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))

    result = _import(buffer.getvalue())

    assert (
        "file_name",
        "course/static/caf\xe9.pdf",
        "approximated",
        "The name was not UTF-8; read as Windows-1252.",
    ) in [(kind, source, status, reason) for kind, source, status, reason in _lines(result.report)]


def test_the_command_imports_an_olx_export(
    institution: Organization, tmp_path: Any, capsys: Any
) -> None:
    path = tmp_path / "course.tar.gz"
    path.write_bytes(olx_exports.tarball(olx_exports.every_kind()))

    call_command("import_course", str(path), "--organisation", "rhine")

    report = json.loads(capsys.readouterr().out)
    assert (report["format"], report["course"]) == (
        "olx",
        {"slug": "robot-cells", "title": "Robot Cells"},
    )
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(
        olx_exports.with_members({}, [_member("course/x", tarfile.SYMTYPE, linkname="/")])
    )
    with pytest.raises(CommandError):
        call_command("import_course", str(bad), "--organisation", "rhine")
    assert json.loads(capsys.readouterr().out)["items"][0]["reason"] == (
        "Refused by the archive checks: symlink."
    )
    assert Course.objects.count() == 1


def test_a_pointer_loop_a_missing_file_and_a_bare_youtube_video_each_get_a_line(
    institution: Organization,
) -> None:
    files = olx_exports.every_kind()
    files["sequential/intro.xml"] = (
        b'<sequential display_name="Introduction"><vertical url_name="welcome"/>'
        b'<vertical url_name="loop"/><vertical url_name="gone"/></sequential>'
    )
    files["html/orphan.xml"] = b'<html filename="nowhere" display_name="Orphan"/>'
    files["vertical/welcome.xml"] = files["vertical/welcome.xml"].replace(
        b"</vertical>", b'<html url_name="orphan"/></vertical>'
    )
    files["vertical/loop.xml"] = (
        b'<vertical display_name="Loop"><vertical url_name="loop"/>'
        b'<video youtube_id_1_0="abcdefghijk" display_name="Bare"/></vertical>'
    )

    result = _import(olx_exports.tarball(files))

    lines = _lines(result.report)
    assert (
        "file",
        "vertical/loop.xml",
        "not_imported",
        "The outline names this file a second time: read only the first time.",
    ) in lines
    assert (
        "file",
        "vertical/gone.xml",
        "not_imported",
        "The outline names a file the archive does not have.",
    ) in lines
    assert (
        "video",
        "vertical/loop.xml#video[1]",
        "approximated",
        "A YouTube video without a transcript: the platform cannot tell that it was watched, "
        "so the lesson is not required.",
    ) in lines
    assert (
        "file",
        "html/nowhere.html",
        "not_imported",
        "The HTML file html/orphan.xml names is not in the archive.",
    ) in lines
    bare = Lesson.objects.get(module__version=result.version, video_url__endswith="abcdefghijk")
    assert bare.is_required is False


def test_deep_nesting_and_outlandish_numbers_are_lines_not_crashes(
    institution: Organization,
) -> None:
    files = olx_exports.every_kind()
    files["html/welcome_text.html"] = b"<div>" * 20_000 + b"deep" + b"</div>" * 20_000
    files["vertical/deep.xml"] = (
        b'<vertical display_name="Deep"><html>'
        + b"<div>" * 5000
        + b"x"
        + b"</div>" * 5000
        + b"</html></vertical>"
    )
    files["sequential/intro.xml"] = files["sequential/intro.xml"].replace(
        b"</sequential>", b'<vertical url_name="deep"/></sequential>'
    )
    files["problem/numeric.xml"] = (
        b'<problem display_name="Huge"><numericalresponse answer="1e20">'
        b"<label>Huge?</label></numericalresponse>"
        b'<numericalresponse answer="1e999999999"><label>Overflow?</label>'
        b'<responseparam type="tolerance" default="1e999999999%"/></numericalresponse>'
        b'<numericalresponse answer="$computed"><label>Script?</label>'
        b'</numericalresponse><numericalresponse answer="3.14159265">'
        b"<label>Pi?</label></numericalresponse></problem>"
    )
    files["video/intro_video.xml"] = (
        b'<video display_name="Intro" edx_video_id="a1b2" html5_sources="' + b"[" * 50_000 + b'"/>'
    )

    result = _import(olx_exports.tarball(files))

    lines = _lines(result.report)
    assert (
        "file",
        "vertical/deep.xml",
        "not_imported",
        "The file is malformed XML, declares a DTD or entities, or nests too deep.",
    ) in lines
    assert [line[2:] for line in lines if line[0] == "question:numericalresponse"] == [
        ("not_imported", "The answer is beyond the numbers the platform stores."),
        ("not_imported", "The answer is a formula or computed by a script, not a number."),
        ("not_imported", "The answer is a formula or computed by a script, not a number."),
        ("approximated", "The answer was rounded to six decimal places."),
    ]
    pi = Question.objects.get(quiz__lesson__module__version=result.version, kind="numeric")
    assert (pi.numeric_answer, pi.numeric_tolerance) == (Decimal("3.141593"), Decimal("0.000032"))
    assert (
        "video",
        "video/intro_video.xml",
        "not_imported",
        "The video is kept by the Open edX video pipeline (edx_video_id), which gives no web "
        "address to play it from.",
    ) in lines


def test_a_plain_tar_imports_and_a_flood_of_folder_headers_is_refused(
    institution: Organization, settings: Any
) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in olx_exports.every_kind().items():
            info = tarfile.TarInfo(f"course/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    assert _import(buffer.getvalue()).report["format"] == "olx"

    settings.PACKAGE_MAX_FILES = 40
    folders = [_member(f"course/empty{number}/", tarfile.DIRTYPE) for number in range(100)]
    with pytest.raises(interchange_api.ImportRefusedError) as refused:
        _import(olx_exports.with_members(olx_exports.every_kind(), folders))
    assert refused.value.report["items"][-1]["reason"] == (
        "Refused by the archive checks: too_many_files."
    )
    assert Course.objects.count() == 1


def test_units_nested_too_deep_get_a_line(institution: Organization) -> None:
    files = olx_exports.every_kind()
    nested = b'<vertical display_name="Level">' * 30 + b"<html>x</html>" + b"</vertical>" * 30
    files["sequential/intro.xml"] = files["sequential/intro.xml"].replace(
        b"</sequential>", nested + b"</sequential>"
    )

    result = _import(olx_exports.tarball(files))

    deep = [line for line in _lines(result.report) if line[0] == "unit"]
    assert deep == [
        (
            "unit",
            "sequential/intro.xml#vertical[3]" + "/vertical[1]" * 19,
            "not_imported",
            "Units nested more than 20 deep: this one and what it holds were not imported.",
        )
    ]


def test_a_chapter_over_the_lesson_limit_keeps_the_first_200_and_a_line_for_each_other(
    institution: Organization,
) -> None:
    files = olx_exports.every_kind()
    units = b"".join(
        b'<vertical display_name="U%d"><html><p>%d</p></html></vertical>' % (number, number)
        for number in range(205)
    )
    files["chapter/basics.xml"] = (
        b'<chapter display_name="Basics"><sequential display_name="Many">'
        + units
        + b"</sequential></chapter>"
    )

    result = _import(olx_exports.tarball(files))

    basics = result.version.modules.get(position=0)
    assert basics.lessons.count() == 200
    assert [line[1] for line in _lines(result.report) if line[0] == "lesson"] == [
        f"chapter/basics.xml#sequential[1]/vertical[{number}]" for number in range(201, 206)
    ]


def test_a_unit_over_the_question_limit_keeps_the_first_200(institution: Organization) -> None:
    files = olx_exports.every_kind()
    many = b"".join(
        b'<problem display_name="Q%d"><stringresponse answer="%d" type="ci">'
        b"<label>Say %d</label></stringresponse></problem>" % (number, number, number)
        for number in range(205)
    )
    files["vertical/quiz1.xml"] = b'<vertical display_name="Check">' + many + b"</vertical>"

    result = _import(olx_exports.tarball(files))

    quiz = Lesson.objects.get(module__version=result.version, kind="quiz", module__position=0)
    assert quiz.quiz.questions.count() == 200
    full = [line for line in _lines(result.report) if line[2] == "not_imported"]
    assert [line[:2] for line in full if line[0] == "question:stringresponse"] == [
        ("question:stringresponse", f"vertical/quiz1.xml#problem[{number}]")
        for number in range(201, 206)
    ]
    assert {line[3] for line in full if line[0] == "question:stringresponse"} == {
        "A quiz holds at most 200 questions; this unit has more."
    }
