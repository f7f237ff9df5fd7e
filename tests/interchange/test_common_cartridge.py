"""Common Cartridge import: every mapped and placeholder kind, bad input, and the round trip."""

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Organization
from courses import api as courses_api
from courses.models import Course, CourseVersion, Lesson, Question
from interchange import api as interchange_api
from tests.factories import OrganizationFactory
from tests.interchange import cartridges

pytestmark = pytest.mark.django_db


@pytest.fixture
def institution() -> Organization:
    return OrganizationFactory(slug="rhine", kind="institution")


def _import(files: dict[str, bytes], **kwargs: Any) -> interchange_api.ImportResult:
    return interchange_api.import_common_cartridge(
        data=cartridges.zipped(files), organisation="rhine", user=None, **kwargs
    )


def test_a_file_name_with_a_space_and_a_percent_sign_survives_the_round_trip(
    institution: Organization,
) -> None:
    files = cartridges.every_kind()
    files["files/cell layout 100%.pdf"] = files.pop("files/layout.pdf")
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        b'"files/layout.pdf"', b'"files/cell%20layout%20100%25.pdf"'
    )
    first = _import(files).version

    exported = interchange_api.export_common_cartridge(version=first)
    second = interchange_api.import_common_cartridge(
        data=exported, organisation="rhine", user=None
    ).version

    resource = Lesson.objects.get(module__version=second, kind="resource").resource
    assert resource is not None
    assert resource.filename == "cell layout 100%.pdf"


def test_folders_nested_thousands_deep_leave_a_line(institution: Organization) -> None:
    files = cartridges.every_kind()
    deep = '<item identifier="d{n}"><title>Deep</title>'
    nested = "".join(deep.replace("{n}", str(n)) for n in range(5000)) + "</item>" * 5000
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        b'<item identifier="sub">', nested.encode() + b'<item identifier="sub">'
    )

    report = _import(files).report

    line = _by_source(report)["d19"]
    assert (line["status"], line["reason"]) == (
        "not_imported",
        "Folders nested more than 20 deep: this one and its items were not imported.",
    )


def _by_source(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["source"].split("#")[-1]: item for item in report["items"]}


def test_every_kind_is_mapped_or_kept_as_a_placeholder(institution: Organization) -> None:
    result = _import(cartridges.every_kind())

    version = result.version
    assert version.state == CourseVersion.State.DRAFT
    modules = list(version.modules.order_by("position"))
    assert [module.translations["en"]["title"] for module in modules] == ["Basics", "Community"]
    lessons = list(
        Lesson.objects.filter(module__version=version).order_by("module__position", "position")
    )
    assert [(lesson.kind, lesson.translations["en"]["title"]) for lesson in lessons] == [
        ("text", "What a cell is"),
        ("resource", "Cell layout"),
        ("text", "ISO overview"),
        ("quiz", "Cell quiz"),
        ("text", "[Not imported] Introduce yourself"),
        ("text", "[Not imported] Simulator"),
    ]
    page = lessons[0].translations["en"]["body"]
    assert "<h2>A cell</h2>" in page
    assert "script" not in page
    assert "javascript:" not in page
    assert '<a href="https://www.iso.org/"' in lessons[2].translations["en"]["body"]
    assert "https://sim.example/launch" in lessons[5].translations["en"]["body"]
    questions = list(Question.objects.filter(quiz__lesson=lessons[3]).order_by("position"))
    assert [question.kind for question in questions] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "short_text",
        "numeric",
    ]
    assert [option.is_correct for option in questions[1].options.order_by("position")] == [
        True,
        True,
        False,
    ]
    assert questions[2].true_false_answer is False
    assert sorted(questions[3].accepted_answers["en"]) == ["10218", "ISO 10218"]
    assert (questions[4].numeric_answer, questions[4].numeric_tolerance) == (200, 5)
    assert lessons[3].quiz.attempts_allowed == 2
    assert questions[0].translations["en"]["explanation"] == "<p>Because of single.</p>"

    report = result.report
    assert report["format"] == "imscc"
    assert report["course"] == {"slug": "robot-cells", "title": "Robot Cells"}
    assert report["counts"]["module"] == {
        "found": 3,
        "imported": 2,
        "approximated": 1,
        "not_imported": 0,
    }
    assert report["counts"]["placeholder"] == {
        "found": 2,
        "imported": 0,
        "approximated": 0,
        "not_imported": 2,
    }
    assert report["counts"]["question:essay"]["not_imported"] == 1
    assert report["counts"]["link"] == {
        "found": 1,
        "imported": 0,
        "approximated": 1,
        "not_imported": 0,
    }
    items = _by_source(report)
    assert items["nokey"]["status"] == "not_imported"
    assert items["nokey"]["reason"] == "The question has no correct answer."
    assert items["essay"]["status"] == "not_imported"
    page_item = next(item for item in report["items"] if item["kind"] == "text")
    assert page_item["status"] == "approximated"
    assert (
        page_item["reason"] == "Scripts and unsafe markup were removed, as from authored lessons."
    )
    assert all(
        set(item) == {"kind", "title", "source", "status", "reason"} for item in report["items"]
    )


def test_the_round_trip_gives_the_same_structure(institution: Organization) -> None:
    first = _import(cartridges.every_kind()).version

    exported = interchange_api.export_common_cartridge(version=first)
    second = interchange_api.import_common_cartridge(
        data=exported, organisation="rhine", user=None
    ).version

    def structure(version: CourseVersion) -> list[Any]:
        package = courses_api.export_course_package(version=version)["course"]
        shape = []
        for module in package["modules"]:
            lessons = []
            for lesson in module["lessons"]:
                row: list[Any] = [lesson["kind"], lesson["translations"]["en"]["title"]]
                if lesson["kind"] == "quiz":
                    row.append(
                        [
                            q["translations"]["en"]["explanation"]
                            for q in lesson["quiz"]["questions"]
                        ]
                    )
                if lesson["kind"] == "quiz":
                    row.append(
                        [
                            (
                                q["kind"],
                                [o["is_correct"] for o in q.get("options", [])],
                                q.get("answer"),
                                q.get("tolerance"),
                                sorted(q.get("accepted_answers", {}).get("en", [])),
                            )
                            for q in lesson["quiz"]["questions"]
                        ]
                    )
                lessons.append(row)
            shape.append([module["translations"]["en"]["title"], lessons])
        return shape

    assert second.course.slug == "robot-cells-2"
    assert structure(second) == structure(first)
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        manifest = archive.read("imsmanifest.xml").decode()
    assert "imsccv1p3/imscp_v1p1" in manifest
    assert "<schemaversion>1.3.0</schemaversion>" in manifest
    assert "imsqti_xmlv1p2/imscc_xmlv1p3/assessment" in manifest


def _refused(files: dict[str, bytes] | bytes) -> dict[str, Any]:
    data = files if isinstance(files, bytes) else cartridges.zipped(files)
    with pytest.raises(interchange_api.ImportRefusedError) as caught:
        interchange_api.import_common_cartridge(data=data, organisation="rhine", user=None)
    assert Course.objects.count() == 0
    return caught.value.report


def test_zip_slip_is_refused_whole(institution: Organization) -> None:
    files = cartridges.every_kind()
    files["../evil.html"] = b"<p>x</p>"

    report = _refused(files)

    assert report["course"] is None
    assert report["items"] == [
        {
            "kind": "archive",
            "title": "",
            "source": "../evil.html",
            "status": "not_imported",
            "reason": "Refused by the archive checks: unsafe_path.",
        }
    ]


def test_a_zip_bomb_is_refused_whole(institution: Organization) -> None:
    files = cartridges.every_kind()
    files["files/zeros.txt"] = bytes(20 * 1024 * 1024)

    report = _refused(files)

    assert report["items"] == [
        {
            "kind": "archive",
            "title": "",
            "source": "files/zeros.txt",
            "status": "not_imported",
            "reason": "Refused by the archive checks: compression_ratio.",
        }
    ]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE manifest [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE manifest [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_entities_in_the_manifest_are_refused(institution: Organization, doctype: str) -> None:
    files = cartridges.every_kind()
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        b"?>\n", f"?>\n{doctype}\n".encode(), 1
    )

    report = _refused(files)

    assert report["items"][-1]["kind"] == "manifest"
    assert (
        report["items"][-1]["reason"]
        == "imsmanifest.xml is malformed or declares a DTD or entities."
    )


def test_entities_in_an_assessment_leave_a_line_and_the_rest_imports(
    institution: Organization,
) -> None:
    files = cartridges.every_kind()
    files["quiz/assessment.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "x">]><questestinterop>&a;</questestinterop>'
    )

    report = _import(files).report

    quiz = _by_source(report)["quiz/assessment.xml (quiz)"]
    assert (quiz["kind"], quiz["status"]) == ("quiz", "not_imported")


def test_a_manifest_pointing_outside_the_cartridge_leaves_a_line(institution: Organization) -> None:
    files = cartridges.every_kind()
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        b'href="files/layout.pdf"', b'href="../../etc/passwd"'
    )

    report = _import(files).report

    item = _by_source(report)["pdf"]
    assert (item["kind"], item["status"]) == ("file", "not_imported")
    assert item["reason"] == "The resource points outside the cartridge or names no file."


def test_nothing_importable_is_refused(institution: Organization) -> None:
    files = {"imsmanifest.xml": cartridges.manifest("", "").encode()}

    report = _refused(files)

    assert report["items"][-1]["reason"] == "Nothing in the cartridge could be imported."


def test_names_written_in_utf8_without_the_flag_are_read_as_utf8(institution: Organization) -> None:
    name = "pages/zelle-größe.html"
    files = {
        "imsmanifest.xml": cartridges.manifest(
            '<item identifier="m"><title>M</title>'
            '<item identifier="i" identifierref="r"><title>Größe</title></item></item>',
            '<resource identifier="r" type="webcontent" href="pages/zelle-gr%C3%B6%C3%9Fe.html"/>',
        ).encode(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", files["imsmanifest.xml"])
        archive.writestr("pages/zelle-grXXXXe.html", b"<p>Gro\xc3\x9fe Zelle</p>")
    # The name's UTF-8 bytes without the UTF-8 flag, as many tools write them.
    data = buffer.getvalue().replace(b"grXXXXe", "größe".encode())
    assert name.encode() in data

    result = interchange_api.import_common_cartridge(data=data, organisation="rhine", user=None)

    lesson = Lesson.objects.get(module__version=result.version)
    assert lesson.translations["en"]["body"] == "<p>Große Zelle</p>"
    assert result.report["counts"]["file_name"]["approximated"] == 1


def test_the_command_prints_the_report_and_fails_when_refused(
    institution: Organization, tmp_path: Any, capsys: Any
) -> None:
    path = tmp_path / "course.imscc"
    path.write_bytes(cartridges.zipped(cartridges.every_kind()))

    call_command("import_course", str(path), "--organisation", "rhine")

    report = json.loads(capsys.readouterr().out)
    assert report["course"]["slug"] == "robot-cells"
    bad = tmp_path / "bad.imscc"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError):
        call_command("import_course", str(bad), "--organisation", "rhine")
    assert (
        json.loads(capsys.readouterr().out)["items"][0]["reason"]
        == "The file is neither a zip nor a tar (a .imscc, .mbz or .tar.gz)."
    )


def test_the_export_command_writes_a_cartridge(institution: Organization, tmp_path: Any) -> None:
    _import(cartridges.every_kind())
    output = tmp_path / "out.imscc"

    call_command("export_course", "robot-cells", "--format", "imscc", "--output", str(output))

    with zipfile.ZipFile(output) as archive:
        assert "imsmanifest.xml" in archive.namelist()


def test_a_ten_thousand_question_assessment_imports_its_first_two_hundred(
    institution: Organization,
) -> None:
    item = cartridges.qti_item(
        "q{n}", "cc.true_false.v0p1", "Is {n} even?", [("t", "True"), ("f", "False")], ["t"]
    )
    files = cartridges.every_kind()
    files["quiz/assessment.xml"] = cartridges.assessment(
        "".join(item.replace("{n}", str(number)) for number in range(10_000))
    ).encode()

    result = _import(files)

    quiz = Lesson.objects.get(module__version=result.version, kind="quiz").quiz
    assert quiz.questions.count() == 200
    assert result.report["counts"]["question:true_false"] == {
        "found": 10_000,
        "imported": 200,
        "approximated": 0,
        "not_imported": 9_800,
    }
    assert _by_source(result.report)["q200"]["reason"] == (
        "A quiz holds at most 200 questions; the assessment has more."
    )


@pytest.mark.parametrize("version", ["v1p2", "v1p3"])
def test_cartridges_of_versions_1_2_and_1_3_map_alike(
    institution: Organization, version: str
) -> None:
    files = {
        name: content.replace(b"imsccv1p1", f"imscc{version}".encode())
        .replace(b"imscc_xmlv1p1", f"imscc_xml{version}".encode())
        .replace(b"imswl_xmlv1p1", f"imswl_xml{version}".encode())
        .replace(b"imsdt_xmlv1p1", f"imsdt_xml{version}".encode())
        for name, content in cartridges.every_kind().items()
    }
    assert f"imsqti_xmlv1p2/imscc_xml{version}/assessment".encode() in files["imsmanifest.xml"]

    result = _import(files)

    kinds = list(
        Lesson.objects.filter(module__version=result.version)
        .order_by("module__position", "position")
        .values_list("kind", flat=True)
    )
    assert kinds == ["text", "resource", "text", "quiz", "text", "text"]
    assert result.report["counts"]["placeholder"]["not_imported"] == 2


def test_a_question_bank_no_item_names_gets_a_line(institution: Organization) -> None:
    files = cartridges.every_kind()
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        b"</resources>",
        b'<resource identifier="bank" type="imsqti_xmlv1p2/imscc_xmlv1p1/question-bank">'
        b'<file href="bank.xml"/></resource></resources>',
    )

    report = _import(files).report

    assert report["counts"]["question_bank"] == {
        "found": 1,
        "imported": 0,
        "approximated": 0,
        "not_imported": 1,
    }


def test_a_name_in_a_legacy_encoding_leaves_a_line(institution: Organization) -> None:
    files = {
        "imsmanifest.xml": cartridges.manifest(
            '<item identifier="m"><title>M</title>'
            '<item identifier="i" identifierref="r"><title>Größe</title></item>'
            '<item identifier="j" identifierref="s"><title>Plain</title></item></item>',
            '<resource identifier="r" type="webcontent" href="gr%C3%B6%C3%9Fe.html"/>'
            '<resource identifier="s" type="webcontent" href="plain.html"/>',
        ).encode(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", files["imsmanifest.xml"])
        archive.writestr("grXXe.html", b"<p>cp1252</p>")
        archive.writestr("plain.html", b"<p>Plain</p>")
    # Windows-1252 bytes for "öß", no UTF-8 flag: neither UTF-8 nor what the manifest says.
    data = buffer.getvalue().replace(b"grXXe", "größe".encode("cp1252"))

    result = interchange_api.import_common_cartridge(data=data, organisation="rhine", user=None)

    item = next(line for line in result.report["items"] if line["title"] == "Größe")
    assert (item["kind"], item["status"]) == ("file", "not_imported")
    assert item["reason"] == "The file the resource names is not in the cartridge."
    assert Lesson.objects.get(module__version=result.version).translations["en"]["title"] == (
        "Plain"
    )
