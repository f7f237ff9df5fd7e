"""Separation of duties in review: no one approves or publishes a course version they edited or
submitted, whichever way they wrote into it (package save, package replace, file or zip import,
a file upload that the version offers)."""

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import Organization, User
from courses import api as courses_api
from courses.models import CourseVersion, Resource, Transition
from tests.courses.conftest import make_package
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% a tiny but honest PDF header\n"
SLUG = "plc-basics"


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _with_resource_lesson(package: dict[str, Any], reference: str) -> dict[str, Any]:
    package["course"]["modules"][0]["lessons"].append(
        {
            "kind": "resource",
            "duration_minutes": 5,
            "competencies": [],
            "resource": reference,
            "translations": {"en": {"title": "Wiring diagram"}, "de": {"title": "Schaltplan"}},
        }
    )
    return package


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _save_package(member: User, colleague: User) -> None:
    response = _client(member).post(
        "/api/v1/authoring/courses/", make_package(estimated_hours=13), format="json"
    )
    assert response.status_code == 201


def _replace_package(member: User, colleague: User) -> None:
    response = _client(member).put(
        f"/api/v1/authoring/courses/{SLUG}/package",
        make_package(estimated_hours=14),
        format="json",
    )
    assert response.status_code == 200


def _import_json_file(member: User, colleague: User) -> None:
    upload = SimpleUploadedFile(
        "course.json", json.dumps(make_package(estimated_hours=15)).encode()
    )
    response = _client(member).post(
        "/api/v1/authoring/imports", {"file": upload}, format="multipart"
    )
    assert response.status_code == 201


def _import_zip(member: User, colleague: User) -> None:
    package = _with_resource_lesson(make_package(), "resources/wiring.pdf")
    archive = _zip({"course.json": json.dumps(package).encode(), "resources/wiring.pdf": PDF})
    response = _client(member).post(
        "/api/v1/authoring/imports",
        {"file": SimpleUploadedFile("course.zip", archive)},
        format="multipart",
    )
    assert response.status_code == 201


def _upload_a_file_the_version_offers(member: User, colleague: User) -> None:
    """The member only uploads; the colleague saves the package that offers the file."""
    uploaded = _client(member).post(
        f"/api/v1/authoring/courses/{SLUG}/resources",
        {"file": SimpleUploadedFile("wiring.pdf", PDF)},
        format="multipart",
    )
    assert uploaded.status_code == 201
    package = _with_resource_lesson(make_package(), uploaded.json()["id"])
    response = _client(colleague).put(
        f"/api/v1/authoring/courses/{SLUG}/package", package, format="json"
    )
    assert response.status_code == 200


EDITS: dict[str, Callable[[User, User], None]] = {
    "saves the package": _save_package,
    "replaces the package": _replace_package,
    "imports a JSON file": _import_json_file,
    "imports a zip with files": _import_zip,
    "uploads a file the version offers": _upload_a_file_the_version_offers,
}


def _team(institution: Organization, sign_off_role: str) -> dict[str, User]:
    """A member who is an author and holds the sign-off role; colleagues for every other step."""
    team = {"member": UserFactory(email="member@rhine.example")}
    for role in ("author", sign_off_role):
        MembershipFactory(user=team["member"], organization=institution, role=role)
    for role in ("author", "reviewer", "approver"):
        team[role] = UserFactory(email=f"colleague-{role}@rhine.example")
        MembershipFactory(user=team[role], organization=institution, role=role)
    return team


def _transition(user: User, action: str) -> Any:
    return _client(user).post(
        f"/api/v1/authoring/courses/{SLUG}/transitions", {"action": action}, format="json"
    )


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize(
    ("sign_off", "role", "state"),
    [
        ("approve", "reviewer", "in_review"),
        ("publish", "approver", "approved"),
    ],
)
def test_no_one_signs_off_a_version_they_edited_without_submitting_it(
    framework: None,
    institution: Organization,
    edit: str,
    sign_off: str,
    role: str,
    state: str,
) -> None:
    # given a colleague's draft that the member wrote into, submitted by the colleague
    team = _team(institution, role)
    courses_api.import_course_package(user=team["author"], data=make_package())
    EDITS[edit](team["member"], team["author"])
    assert _transition(team["author"], "submit").status_code == 200
    if sign_off == "publish":
        assert _transition(team["reviewer"], "approve").status_code == 200
    steps_before = list(Transition.objects.values_list("action", "actor__email"))

    # when the member signs it off
    response = _transition(team["member"], sign_off)

    # then it is refused, and nothing changed
    assert response.status_code == 403
    assert response.json() == {
        "detail": "No one approves or publishes a version they edited or submitted themselves: "
        "a colleague who did not work on it must.",
        "code": "separation_of_duties",
    }
    assert CourseVersion.objects.get().state == state
    assert list(Transition.objects.values_list("action", "actor__email")) == steps_before
    # and a colleague who did not work on it may
    assert _transition(team[role], sign_off).status_code == 200


def test_no_one_publishes_a_version_they_submitted(
    framework: None, institution: Organization
) -> None:
    team = _team(institution, "approver")
    courses_api.import_course_package(user=team["author"], data=make_package())
    courses_api.transition_version(user=team["member"], slug=SLUG, action="submit")
    courses_api.transition_version(user=team["reviewer"], slug=SLUG, action="approve")

    response = _transition(team["member"], "publish")

    assert response.status_code == 403
    assert response.json()["code"] == "separation_of_duties"
    assert CourseVersion.objects.get().state == "approved"


def test_editing_one_version_does_not_bar_signing_off_the_next(
    framework: None, institution: Organization, settings: Settings
) -> None:
    """Editors are per version, and a file an earlier version offered stays its uploader's
    work on that version only: keeping it in the next version makes no one an editor of it."""
    team = _team(institution, "reviewer")
    courses_api.import_course_package(user=team["author"], data=make_package())
    _upload_a_file_the_version_offers(team["member"], team["author"])
    for step, actor in (("submit", "author"), ("approve", "reviewer"), ("publish", "approver")):
        courses_api.transition_version(user=team[actor], slug=SLUG, action=step)
    first = CourseVersion.objects.get()
    package = courses_api.export_course_package(version=first)
    package["course"]["estimated_hours"] = 20

    second = courses_api.import_course_package(user=team["author"], data=package)
    courses_api.transition_version(user=team["author"], slug=SLUG, action="submit")

    assert set(first.editors.values_list("email", flat=True)) == {
        "member@rhine.example",
        "colleague-author@rhine.example",
    }
    assert list(second.editors.values_list("email", flat=True)) == [
        "colleague-author@rhine.example"
    ]
    assert Resource.objects.count() == 1
    assert _transition(team["member"], "approve").status_code == 200


def test_the_authoring_course_says_whether_the_working_version_is_my_work(
    framework: None, institution: Organization
) -> None:
    team = _team(institution, "reviewer")
    courses_api.import_course_package(user=team["member"], data=make_package())
    courses_api.transition_version(user=team["author"], slug=SLUG, action="submit")

    mine = _client(team["member"]).get(f"/api/v1/authoring/courses/{SLUG}/")
    theirs = _client(team["reviewer"]).get(f"/api/v1/authoring/courses/{SLUG}/")

    assert (mine.json()["is_own_work"], theirs.json()["is_own_work"]) == (True, False)
