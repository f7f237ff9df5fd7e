"""The fidelity report's reasons are translated: in the API for the requesting user's language,
in the command for --language (English by default); the report's shape stays the contract."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import Organization, User
from interchange import mapping
from interchange.common_cartridge import qti
from interchange.common_cartridge import reader as cartridge_reader
from interchange.moodle import activities as moodle_activities
from interchange.moodle import reader as moodle_reader
from interchange.olx import lessons as olx_lessons
from interchange.olx import problems as olx_problems
from interchange.olx import reader as olx_reader
from tests.factories import MembershipFactory, OrganizationFactory
from tests.interchange import backups, cartridges

pytestmark = pytest.mark.django_db

CONTRACT_ITEM = {"kind", "title", "source", "status", "reason"}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def institution() -> Organization:
    return OrganizationFactory(slug="rhine", kind="institution")


@pytest.fixture
def author(institution: Organization) -> User:
    return MembershipFactory(organization=institution, role="author").user


def _analysed_report(author: User, archive: bytes, name: str, language: str) -> dict[str, Any]:
    client = APIClient()
    client.force_login(author)
    upload = io.BytesIO(archive)
    upload.name = name
    from interchange import api as interchange_api

    answer = client.post(
        "/api/v1/authoring/interchange/imports",
        {"file": upload, "organisation": "rhine"},
        format="multipart",
    )
    interchange_api.analyse_course_import(import_id=answer.json()["id"])
    status = client.get(
        f"/api/v1/authoring/interchange/imports/{answer.json()['id']}",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    report: dict[str, Any] = status.json()["report"]
    return report


def _reason(report: dict[str, Any], kind: str, source: str) -> str:
    (reason,) = [
        item["reason"]
        for item in report["items"]
        if item["kind"] == kind and item["source"].startswith(source)
    ]
    return reason


def test_the_api_gives_a_cartridges_reasons_in_the_readers_language(author: User) -> None:
    archive = cartridges.zipped(cartridges.every_kind())

    german = _analysed_report(author, archive, "cells.imscc", "de")
    english = _analysed_report(author, archive, "cells.imscc", "en")
    arabic = _analysed_report(author, archive, "cells.imscc", "ar")

    assert _reason(german, "placeholder", "topic.xml") == (
        "Ein Diskussionsthema hat keine Entsprechung auf der Plattform: als Platzhalterlektion "
        "mit dem ursprünglichen Inhalt behalten."
    )
    assert _reason(english, "placeholder", "topic.xml") == (
        "A discussion topic has no equivalent on the platform: kept as a placeholder lesson "
        "with its original content."
    )
    assert _reason(arabic, "link", "link.xml") == "أصبح رابط الويب درساً نصياً يحتوي على الرابط."
    assert _reason(german, "module", "sub") == (
        "Ein Ordner in „Basics“: seine Einträge wurden diesem Modul hinzugefügt."
    )
    # The contract's shape, whatever the language: no private keys reach the API.
    assert {frozenset(item) for item in german["items"]} == {frozenset(CONTRACT_ITEM)}
    assert [item["source"] for item in german["items"]] == [
        item["source"] for item in english["items"]
    ]


def test_the_api_gives_a_moodle_backups_reasons_in_chinese(author: User) -> None:
    archive = backups.tar_gz(backups.every_kind())

    report = _analysed_report(author, archive, "cells.mbz", "zh-hans")

    assert _reason(report, "placeholder", "activities/forum_8") == (
        "Moodle 的 forum 活动在平台上没有对应项：保留为带有原始说明的占位课。"
    )
    assert _reason(report, "placeholder", "activities/scorm_7") == (
        "备份中没有该 SCORM zip：保留为带有原始说明的占位课。"
    )


def test_a_refused_archive_says_why_in_the_readers_language(author: User) -> None:
    report = _analysed_report(author, b"neither a zip nor a tar", "x.imscc", "de")

    assert report["items"] == [
        {
            "kind": "archive",
            "title": "",
            "source": "$",
            "status": "not_imported",
            "reason": "Die Datei ist weder ein Zip noch ein Tar (eine .imscc, .mbz oder .tar.gz).",
        }
    ]


def test_the_command_prints_english_reasons_or_those_of_language(
    institution: Organization, tmp_path: Path
) -> None:
    archive = tmp_path / "cells.imscc"
    archive.write_bytes(cartridges.zipped(cartridges.every_kind()))
    english, german = io.StringIO(), io.StringIO()

    call_command("import_course", str(archive), organisation="rhine", stdout=english)
    call_command("import_course", str(archive), organisation="rhine", language="de", stdout=german)

    english_report, german_report = json.loads(english.getvalue()), json.loads(german.getvalue())
    assert _reason(english_report, "link", "link.xml") == (
        "A web link became a text lesson holding the link."
    )
    assert _reason(german_report, "link", "link.xml") == (
        "Ein Weblink wurde zu einer Textlektion mit dem Link."
    )
    assert set(german_report) == {"format", "course", "counts", "items"}
    assert {frozenset(item) for item in german_report["items"]} == {frozenset(CONTRACT_ITEM)}


@pytest.mark.parametrize(
    ("message", "limit"),
    [
        (cartridge_reader.MODULE_FULL, mapping.MAX_ITEMS),
        (cartridge_reader.COURSE_FULL, mapping.MAX_ITEMS),
        (cartridge_reader.TOO_DEEP, cartridge_reader.MAX_DEPTH),
        (qti.QUIZ_FULL, mapping.MAX_ITEMS),
        (moodle_reader.MODULE_FULL, mapping.MAX_ITEMS),
        (moodle_reader.COURSE_FULL, mapping.MAX_ITEMS),
        (moodle_activities.QUIZ_FULL, mapping.MAX_ITEMS),
        (olx_lessons.MODULE_FULL, mapping.MAX_ITEMS),
        (olx_problems.QUIZ_FULL, mapping.MAX_ITEMS),
        (olx_reader.TOO_DEEP, olx_reader.MAX_DEPTH),
        (olx_reader.COURSE_FULL, mapping.MAX_ITEMS),
    ],
)
def test_the_limits_the_messages_name_are_the_limits_applied(message: Any, limit: int) -> None:
    assert f" {limit} " in str(message)
