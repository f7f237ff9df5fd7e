"""Manifests of the three standards, read from the test packages and from hostile variants."""

import io
import zipfile
from decimal import Decimal

import pytest

from courses.elearning_manifest import parse_manifest
from courses.elearning_zip import PackageProblem
from devdata.elearning_packages import (
    build_cmi5_package,
    build_scorm12_package,
    build_scorm2004_package,
)


def _parse(data: bytes) -> object:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    manifest = "cmi5.xml" if "cmi5.xml" in names else "imsmanifest.xml"
    return parse_manifest(name=manifest, data=archive.read(manifest), files=names)


def test_a_scorm_12_package() -> None:
    facts = _parse(build_scorm12_package(mastery_score=75))

    assert (facts.standard, facts.edition, facts.title) == (
        "scorm_1.2",
        "",
        "Fire safety (SCORM 1.2)",
    )
    assert facts.launch_path == "index.html"
    assert facts.mastery_score == Decimal(75)
    assert facts.items == [
        {
            "identifier": "item1",
            "title": "Fire safety (SCORM 1.2)",
            "launch_path": "index.html",
            "mastery_score": 75.0,
            "move_on": None,
            "completion_threshold": None,
            "is_sco": True,
        }
    ]
    assert facts.problems == []


def test_a_scorm_2004_4th_edition_package_takes_its_passing_score_from_the_objective() -> None:
    facts = _parse(build_scorm2004_package(scaled_passing_score="0.6"))

    assert (facts.standard, facts.edition) == ("scorm_2004", "4th")
    assert facts.mastery_score == Decimal("60.0")
    assert facts.items[0]["mastery_score"] == 60.0
    assert facts.problems == []


def test_a_cmi5_package() -> None:
    facts = _parse(build_cmi5_package(mastery_score="0.9"))

    assert (facts.standard, facts.title, facts.launch_path) == (
        "cmi5",
        "Fire safety (cmi5)",
        "index.html",
    )
    assert facts.mastery_score == Decimal(90)
    assert facts.items[0]["move_on"] == "CompletedAndPassed"
    assert facts.items[0]["launch_method"] == "AnyWindow"
    assert facts.problems == []


@pytest.mark.parametrize(
    ("schemaversion", "edition"),
    [("CAM 1.3", "2nd"), ("2004 3rd Edition", "3rd"), ("2004 4th Edition", "4th")],
)
def test_scorm_2004_editions(schemaversion: str, edition: str) -> None:
    manifest = _scorm2004_manifest(schemaversion=schemaversion)

    facts = parse_manifest(name="imsmanifest.xml", data=manifest, files={"a.html"})

    assert (facts.standard, facts.edition) == ("scorm_2004", edition)


def _scorm2004_manifest(*, schemaversion: str = "2004 3rd Edition", item_extra: str = "") -> bytes:
    return f"""<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i" identifierref="r" parameters="?page=2"><title>I</title>{item_extra}</item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.html">
    <file href="a.html"/></resource></resources>
</manifest>""".encode()


def test_a_3rd_edition_completion_threshold_and_the_items_parameters() -> None:
    manifest = _scorm2004_manifest(
        item_extra="<adlcp:completionThreshold>0.75</adlcp:completionThreshold>"
    )

    facts = parse_manifest(name="imsmanifest.xml", data=manifest, files={"a.html"})

    assert facts.launch_path == "a.html?page=2"
    assert facts.items[0]["completion_threshold"] == 0.75


def test_a_4th_edition_completion_threshold_by_measure() -> None:
    manifest = _scorm2004_manifest(
        schemaversion="2004 4th Edition",
        item_extra="<adlcp:completionThreshold"
        ' completedByMeasure="true" minProgressMeasure="0.5"/>',
    )

    facts = parse_manifest(name="imsmanifest.xml", data=manifest, files={"a.html"})

    assert facts.items[0]["completion_threshold"] == 0.5


def test_files_the_manifest_names_must_be_in_the_package() -> None:
    archive = zipfile.ZipFile(io.BytesIO(build_scorm12_package()))

    facts = parse_manifest(
        name="imsmanifest.xml",
        data=archive.read("imsmanifest.xml"),
        files={"imsmanifest.xml", "index.html", "extra.txt"},
    )

    assert facts.problems == [
        PackageProblem("missing_file", "style.css", {"manifest": "resource sco1"}),
        PackageProblem("missing_file", "sco.js", {"manifest": "resource sco1"}),
        PackageProblem("unreferenced_file", "extra.txt", is_blocking=False),
    ]


def test_a_missing_launch_file_blocks() -> None:
    facts = parse_manifest(
        name="cmi5.xml",
        data=b'<courseStructure><course id="c"><title><langstring>C</langstring></title></course>'
        b'<au id="a" moveOn="Sometimes"><url>start/missing.html?x=1</url></au></courseStructure>',
        files={"cmi5.xml"},
    )

    assert facts.problems == [
        PackageProblem("missing_file", "start/missing.html", {"manifest": "au a"}),
        PackageProblem("invalid_move_on", "cmi5.xml", {"value": "Sometimes"}),
    ]


EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE manifest [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<manifest><organizations><organization><title>&secret;</title></organization></organizations></manifest>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<manifest><metadata><schemaversion>&lol3;</schemaversion></metadata></manifest>"""
A_DTD = b"""<?xml version="1.0"?><!DOCTYPE manifest SYSTEM "http://attacker.example/x.dtd"><manifest/>"""


@pytest.mark.parametrize(
    "manifest",
    [EXTERNAL_ENTITY, BILLION_LAUGHS, A_DTD],
    ids=["xxe", "billion-laughs", "external-dtd"],
)
def test_manifests_with_a_dtd_or_entities_are_refused(manifest: bytes) -> None:
    facts = parse_manifest(name="imsmanifest.xml", data=manifest, files=set())

    assert facts.problems == [PackageProblem("manifest_unsafe", "imsmanifest.xml")]
    assert facts.standard == ""


def test_a_manifest_that_is_not_xml() -> None:
    facts = parse_manifest(name="imsmanifest.xml", data=b"<manifest><oops></manifest>", files=set())

    assert [problem.code for problem in facts.problems] == ["manifest_invalid"]
    assert facts.problems[0].params["error"].startswith("mismatched tag")
