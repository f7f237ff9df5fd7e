"""Hostile input through the HTTP API: each gets a clear 4xx JSON error (or a safe answer),
never a 500, and nothing is written when it is refused.

Archive hostility at the api level (traversal, absolute paths, a zip bomb) is in
tests/courses/test_archives.py, name characters at the api level in tests/accounts/test_api.py;
this module sends the rest, and those again, through the endpoints a client would use.
"""

import io
import json
import zipfile
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import Course, Resource
from enrollment.models import Enrollment, Invitation
from tests.courses.conftest import make_package
from tests.factories import TEST_PASSWORD
from tests.security.conftest import World

pytestmark = pytest.mark.usefixtures("_no_throttling")

PDF_HEADER = b"%PDF-1.7\n"


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _upload(name: str, content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def _zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
        if symlink is not None:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16  # a symbolic link, pointing at /etc/passwd
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def _assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["code"], str)
    return body


# --- course archives ---------------------------------------------------------------------------

COURSE_JSON = json.dumps(make_package(slug="hostile", institution="rhine")).encode()


@pytest.mark.parametrize(
    ("archive", "location"),
    [
        (_zip({"course.json": COURSE_JSON, "..\\..\\evil.txt": b"x"}), "..\\..\\evil.txt"),
        (_zip({"course.json": COURSE_JSON, "C:/Windows/evil.txt": b"x"}), "C:/Windows/evil.txt"),
        (_zip({"course.json": COURSE_JSON, "resources/../../x.txt": b"x"}), None),
        (
            _zip({"course.json": COURSE_JSON, **{f"resources/{n}.txt": b"x" for n in range(501)}}),
            None,
        ),
        (_zip({"course.json": COURSE_JSON, "resources/zeros.txt": b"\0" * 20_000_000}), None),
        (b"PK\x03\x04" + b"\xff" * 200, None),
        (_zip({"course.json": b"[" * 100_000 + b"]" * 100_000}), "course.json"),
    ],
    ids=[
        "backslash-traversal",
        "drive-letter",
        "dot-dot-inside",
        "too-many-entries",
        "zip-bomb",
        "corrupt-zip",
        "deeply-nested-json",
    ],
)
def test_hostile_archives_are_refused_through_the_api(
    world: World, archive: bytes, location: str | None
) -> None:
    response = _client(world.users["author"]).post(
        "/api/v1/authoring/imports",
        {"file": _upload("course.zip", archive)},
        format="multipart",
    )

    body = _assert_error(response, 400)
    assert body["code"] == "invalid_package"
    assert body["problems"]
    if location is not None:
        assert location in [problem["location"] for problem in body["problems"]]
    assert not Course.objects.filter(slug="hostile").exists()
    assert not Resource.objects.exists()


def test_archive_entries_are_read_as_bytes_never_followed_or_unpacked(world: World) -> None:
    # A symbolic link and a zip inside the zip are only bytes to the importer: nothing is
    # extracted to disk, so neither can reach a file outside the archive.
    archive = _zip(
        {"course.json": COURSE_JSON, "resources/inner.zip": _zip({"../../x": b"0" * 1000})},
        symlink="resources/link.txt",
    )

    response = _client(world.users["author"]).post(
        "/api/v1/authoring/imports", {"file": _upload("course.zip", archive)}, format="multipart"
    )

    assert response.status_code in (201, 400), response.content[:300]
    for resource in Resource.objects.all():
        with resource.file.open("rb") as stored:
            assert b"root:" not in stored.read()


def test_a_deeply_nested_json_package_file_is_a_clean_400(world: World) -> None:
    response = _client(world.users["author"]).post(
        "/api/v1/authoring/imports",
        {"file": _upload("course.json", b"[" * 100_000 + b"]" * 100_000)},
        format="multipart",
    )

    assert _assert_error(response, 400)["code"] == "invalid_package"


# --- JSON bodies and query strings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        b'{"course": "' + b"\xff\xfe" + b'"}',
        b'{"course": "plc-basics"',
        b"\x00\x01\x02",
    ],
    ids=["nested-arrays", "nested-objects", "invalid-utf8", "truncated", "binary"],
)
def test_malformed_json_bodies_are_a_clean_400(world: World, body: bytes) -> None:
    response = _client(world.users["learner"]).generic(
        "POST", "/api/v1/enrollments/", body, content_type="application/json"
    )

    assert _assert_error(response, 400)["code"] == "parse_error"


def test_deeply_nested_json_is_refused_on_public_endpoints_too(world: World) -> None:
    response = APIClient().generic(
        "POST",
        "/api/v1/verify/credential",
        b'{"credential": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        content_type="application/json",
    )

    assert _assert_error(response, 400)["code"] == "parse_error"


def test_a_body_over_the_upload_limit_is_refused(world: World) -> None:
    body = json.dumps({"course": "x" * (6 * 1024 * 1024)}).encode()

    response = _client(world.users["learner"]).generic(
        "POST", "/api/v1/enrollments/", body, content_type="application/json"
    )

    assert response.status_code in (400, 413)
    _assert_error(response, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        "search=%FF%FE",
        "search=%C0%AF..%C0%AF",
        "search=" + "a" * 10_000,
        "lang=%00",
        "page=%FF",
        "page=99999999999999999999999",
        "ordering=" + ",".join(["title"] * 1000),
    ],
    ids=["invalid-utf8", "overlong-utf8", "long", "nul", "page-bytes", "huge-page", "long-order"],
)
def test_hostile_query_strings_never_break_the_catalog(world: World, query: str) -> None:
    response = APIClient().get(f"/api/v1/courses/?{query}")

    assert response.status_code in (200, 400, 404), response.content[:300]
    if response.status_code != 200:
        _assert_error(response, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/courses/%FF%FE/",
        "/api/v1/courses/" + "a" * 5000 + "/",
        "/api/v1/verify/%00",
        "/api/v1/verify/" + "%E2%80%AE" * 50,
        "/api/v1/enrollments/99999999999999999999999/",
    ],
    ids=["invalid-utf8", "long-slug", "nul", "rtl-overrides", "huge-id"],
)
def test_hostile_paths_are_a_json_404(world: World, path: str) -> None:
    response = _client(world.users["learner"]).get(path)

    assert _assert_error(response, 404)["code"] == "not_found"


# --- names: scripts, direction overrides, invisible characters, length ---------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Eve\u202eecilA",
        "Mallory\u2066\u2069",
        "Zero\u200bWidth",
        "\u200d\u200d\u200d",
        "Soft\u00adHyphen\u200e",
        "Bell\x07Name",
        "A" * 201,
    ],
    ids=["rlo", "isolates", "zero-width-space", "only-joiners", "lrm", "control", "too-long"],
)
def test_misleading_names_are_refused_at_registration_and_profile(world: World, name: str) -> None:
    register = APIClient().post(
        "/api/v1/auth/register",
        {"email": "new@example.org", "password": TEST_PASSWORD, "full_name": name},
        format="json",
    )
    profile = _client(world.users["learner"]).patch(
        "/api/v1/auth/me", {"full_name": name}, format="json"
    )

    assert "full_name" in _assert_error(register, 400)["fields"]
    assert "full_name" in _assert_error(profile, 400)["fields"]
    assert not User.objects.filter(email="new@example.org").exists()
    world.users["learner"].refresh_from_db()
    assert world.users["learner"].full_name != name


def test_markup_in_a_name_is_kept_as_text_and_never_becomes_markup(world: World) -> None:
    name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client = _client(world.users["learner"])

    response = client.patch("/api/v1/auth/me", {"full_name": name}, format="json")

    # JSON carries it as text; the SPA renders text; the PDF template escapes it.
    assert response.status_code == 200
    assert response.json()["full_name"] == name
    assert response["Content-Type"] == "application/json"


def test_script_in_markdown_never_reaches_a_learner(world: World) -> None:
    package = make_package(slug="markup", institution="rhine")
    lesson = package["course"]["modules"][0]["lessons"][0]
    lesson["translations"]["en"]["body"] = (
        "Hello <script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(2)"> [click](javascript:alert(3)) '
        '<a href="JaVaScRiPt:alert(4)">x</a> <iframe src="https://evil.example"></iframe> '
        "<svg onload=alert(5)></svg> <style>body{display:none}</style>"
    )
    author = world.users["author"]
    client = _client(author)
    assert client.post("/api/v1/authoring/courses/", package, format="json").status_code == 201
    for action, user in [("submit", author), ("approve", world.users["reviewer"])]:
        response = _client(user).post(
            "/api/v1/authoring/courses/markup/transitions", {"action": action}, format="json"
        )
        assert response.status_code == 200
    response = _client(world.users["approver"]).post(
        "/api/v1/authoring/courses/markup/transitions", {"action": "publish"}, format="json"
    )
    assert response.status_code == 200
    learner = _client(world.users["other_learner"])
    enrollment = learner.post("/api/v1/enrollments/", {"course": "markup"}, format="json").json()
    detail = learner.get("/api/v1/courses/markup/").json()
    lesson_key = detail["modules"][0]["lessons"][0]["key"]

    content = learner.get(f"/api/v1/enrollments/{enrollment['id']}/lessons/{lesson_key}/")

    assert content.status_code == 200
    html = json.dumps(content.json()).lower()
    for dangerous in ("<script", "onerror", "onload", "javascript:", "<iframe", "<style", "<svg"):
        assert dangerous not in html
    assert "hello" in html


# --- CSV and PDF uploads -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"email,name\n" + b"a@example.org,A\n" * 80_000, 400),
        (b"email,name\n\xff\xfeinvalid@example.org,\xc0\xaf\n", 400),
        (PDF_HEADER + b"email,name\nx@example.org,X\n", 400),
        (b"PK\x03\x04" + b"\0" * 100, 400),
        (b"name\nNo Email Column\n", 400),
        (b"\0" * 1000, 400),
    ],
    ids=["oversized", "invalid-utf8", "pdf-polyglot", "zip", "no-email-column", "nul-bytes"],
)
def test_hostile_bulk_enrolment_files_are_refused_and_enrol_nobody(
    world: World, content: bytes, status: int
) -> None:
    before = Enrollment.objects.count()

    response = _client(world.users["admin"]).post(
        "/api/v1/enrollments/bulk",
        {"course": world.course_slug, "file": _upload("learners.csv", content)},
        format="multipart",
    )

    _assert_error(response, status)
    assert Enrollment.objects.count() == before


def test_bulk_enrolment_rows_with_hostile_names_are_reported_not_invited(world: World) -> None:
    content = (
        "email,name\n"
        "rtl@example.org,Eve\u202eecilA\n"
        "zw@example.org,Zero\u200bWidth\n"
        f"long@example.org,{'A' * 500}\n"
        "=cmd|' /C calc'!A0,Formula\n"
    ).encode()

    response = _client(world.users["admin"]).post(
        "/api/v1/enrollments/bulk",
        {"course": world.course_slug, "file": _upload("learners.csv", content)},
        format="multipart",
    )

    assert response.status_code == 200
    assert [row["result"] for row in response.json()["rows"]] == ["error"] * 4
    assert not Invitation.objects.exists()
    assert not User.objects.filter(
        email__in=["rtl@example.org", "zw@example.org", "long@example.org"]
    ).exists()


@pytest.mark.parametrize(
    "content",
    [
        PDF_HEADER + b"%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n" * 1000,
        PDF_HEADER + b"garbage" * 10,
        PDF_HEADER,
        PDF_HEADER + b"1 0 obj << /Length 999999999 >> stream\n" + b"\0" * 100,
        PDF_HEADER + b"\n%%EOF\n" + _zip({"course.json": b"{}"}),
        b'{"@context": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b"\xff\xfe\x00\x00garbage",
        b"<html><script>alert(1)</script></html>",
    ],
    ids=[
        "unbalanced",
        "garbage",
        "header-only",
        "lying-length",
        "pdf-zip-polyglot",
        "nested-json",
        "invalid-utf8",
        "html",
    ],
)
def test_malformed_and_polyglot_verification_uploads_get_a_clear_answer(
    db: None, content: bytes
) -> None:
    response = APIClient().post(
        "/api/v1/verify", {"file": _upload("upload.pdf", content)}, format="multipart"
    )

    assert response.status_code in (200, 400), response.content[:500]
    if response.status_code == 200:
        assert response.json()["status"] != "valid"
    else:
        _assert_error(response, 400)


def test_an_oversized_verification_upload_is_a_413(db: None) -> None:
    content = PDF_HEADER + b"0" * (10 * 1024 * 1024 + 1)

    response = APIClient().post(
        "/api/v1/verify", {"file": _upload("big.pdf", content)}, format="multipart"
    )

    assert _assert_error(response, 413)["code"] == "too_large"
