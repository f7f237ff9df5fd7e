"""A private certificate confirms only its existence and status, by id or by a presented file,
to anyone but its holder and its owning institutions' staff; no cache shares a personal answer."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from enrollment.models import Enrollment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Everyone who may ask, and who of them sees a private certificate's details.
VIEWERS = ["anonymous", "other_learner", "outsider", "holder", "author", "approver"]
SEES_DETAILS = {"holder", "author", "approver"}
DETAIL_KEYS = [
    "learner_name",
    "learner_native_name",
    "course_title",
    "course_code",
    "basis",
    "institutions",
    "competencies",
    "grade",
    "issued_on",
    "expires_on",
]


def _details(body: dict[str, Any]) -> dict[str, Any]:
    """What an answer tells beyond existence and status (none of it: {})."""
    return {key: body[key] for key in DETAIL_KEYS if body.get(key) is not None}


@pytest.fixture
def private(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    issued = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    certificates_api.set_privacy(user=staff["learner"], certificate_id=issued.pk, is_private=True)
    cache.clear()  # as a minute later: the change left tombstones that keep it out of the cache
    issued.refresh_from_db()
    return issued


def _client(staff: dict[str, User], who: str) -> APIClient:
    client = APIClient()
    if who == "anonymous":
        return client
    user = {"holder": staff["learner"], "other_learner": UserFactory()}.get(who) or staff[who]
    client.force_login(user)
    return client


def _verify_by_id(client: APIClient, certificate: Certificate) -> Any:
    return client.get(f"/api/v1/verify/{certificate.pk}")


@pytest.mark.parametrize("who", VIEWERS)
def test_verification_by_id_shows_a_private_certificate_only_to_holder_and_owning_staff(
    staff: dict[str, User], private: Certificate, who: str
) -> None:
    response = _verify_by_id(_client(staff, who), private)

    body = response.json()
    assert response.status_code == 200
    assert "Authorization" in response["Vary"]
    assert "Cookie" in response["Vary"]
    if who in SEES_DETAILS:
        assert (body["is_private"], body["learner_name"], body["grade"], body["basis"]) == (
            False,
            staff["learner"].full_name,
            "100.00",
            "completion",
        )
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert (_details(body), body["status"], body["is_private"]) == ({}, "valid", True)
        assert response["Cache-Control"] == (
            "no-cache" if who == "anonymous" else "private, no-store"
        )


@pytest.mark.parametrize("who", VIEWERS)
def test_the_credential_of_a_private_certificate_is_served_only_to_holder_and_owning_staff(
    staff: dict[str, User], private: Certificate, who: str
) -> None:
    response = _client(staff, who).get(f"/api/v1/credentials/{private.pk}")

    assert "Authorization" in response["Vary"]
    assert "Cookie" in response["Vary"]
    if who in SEES_DETAILS:
        assert response.status_code == 200
        assert response.content == bytes(private.credential)
        assert response["Cache-Control"] == "private, no-store"
        assert "Access-Control-Allow-Origin" not in response
    else:
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        assert private.learner_name.encode() not in response.content


def test_a_public_credential_stays_public_but_only_briefly_cacheable(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)

    response = APIClient().get(f"/api/v1/credentials/{certificate.pk}")

    assert response.status_code == 200
    assert (response["Access-Control-Allow-Origin"], response["Cache-Control"]) == (
        "*",
        "public, max-age=60",
    )


@pytest.mark.parametrize("who", VIEWERS)
def test_the_pdf_and_linkedin_link_are_the_holders_alone(
    staff: dict[str, User], private: Certificate, who: str
) -> None:
    client = _client(staff, who)

    pdf = client.get(f"/api/v1/certificates/{private.pk}/pdf")
    detail = client.get(f"/api/v1/certificates/{private.pk}/")

    if who == "holder":
        assert (pdf.status_code, pdf.content[:5]) == (200, b"%PDF-")
        assert detail.json()["linkedin_url"].startswith("https://www.linkedin.com/profile/add?")
    else:
        expected = 401 if who == "anonymous" else 404
        assert (pdf.status_code, detail.status_code) == (expected, expected)
        assert b"linkedin" not in detail.content


def test_a_presented_credential_confirms_only_what_it_shows(
    staff: dict[str, User], private: Certificate
) -> None:
    """The attack: fetch the credential, post it back, read name and grade from the register."""
    credential = json.loads(bytes(private.credential))

    response = APIClient().post(
        "/api/v1/verify/credential", {"credential": credential}, format="json"
    )

    body = response.json()
    assert response.status_code == 200
    assert (_details(body), body["status"], body["is_private"]) == ({}, "valid", True)
    assert staff["learner"].full_name not in response.content.decode()


def test_a_presented_pdf_confirms_only_what_it_shows(private: Certificate) -> None:
    pdf = certificates_api.read_pdf(certificate=private)

    response = APIClient().post("/api/v1/verify", {"file": _upload(pdf)}, format="multipart")

    body = response.json()
    assert (_details(body), body["status"], body["is_private"]) == ({}, "valid", True)
    results = {check["name"]: check["result"] for check in body["checks"]}
    assert (results["file_matches"], results["pdf_seal"]) == ("passed", "passed")


def _upload(content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("certificate.pdf", content, content_type="application/pdf")


def test_the_shared_cache_never_serves_a_personal_answer(
    staff: dict[str, User], private: Certificate
) -> None:
    holder = _client(staff, "holder")

    first_personal = _verify_by_id(holder, private).json()
    then_public = _verify_by_id(APIClient(), private).json()
    public_again = _verify_by_id(APIClient(), private).json()  # from the cache
    personal_again = _verify_by_id(holder, private).json()

    assert (
        first_personal["learner_name"]
        == personal_again["learner_name"]
        == (staff["learner"].full_name)
    )
    assert "learner_name" not in then_public
    assert "learner_name" not in public_again
    assert then_public == public_again


@pytest.mark.parametrize("who", VIEWERS)
def test_a_private_revocation_shows_its_reason_only_to_holder_and_owning_staff(
    staff: dict[str, User], private: Certificate, who: str
) -> None:
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=private.pk, reason="Exam taken by someone else"
    )

    body = _verify_by_id(_client(staff, who), private).json()

    assert body["status"] == "revoked"
    assert body["revoked_at"] is not None
    expected = "Exam taken by someone else" if who in SEES_DETAILS else None
    assert body["revocation_reason"] == expected


@pytest.mark.parametrize(
    ("old_is_private", "new_is_private", "public_link"),
    [(False, False, True), (False, True, False), (True, True, False)],
)
def test_the_superseded_page_links_to_the_successor_publicly_only_if_both_are_public(
    staff: dict[str, User],
    complete: Callable[..., Enrollment],
    old_is_private: bool,
    new_is_private: bool,
    public_link: bool,
) -> None:
    learner = staff["learner"]
    old = certificates_api.issue_certificate(enrollment_id=complete(learner).pk)
    certificates_api.set_privacy(user=learner, certificate_id=old.pk, is_private=old_is_private)
    new = certificates_api.reissue_certificate(user=staff["approver"], certificate_id=old.pk)
    certificates_api.issue_certificate(enrollment_id=new.enrollment_id)
    assert _verify_by_id(APIClient(), old).json()["status"] == "superseded"  # cached now
    certificates_api.set_privacy(user=learner, certificate_id=new.pk, is_private=new_is_private)

    public = _verify_by_id(APIClient(), old).json()
    for who in ("holder", "approver"):
        personal = _verify_by_id(_client(staff, who), old).json()
        assert (personal["status"], personal["superseded_by"]) == ("superseded", str(new.pk))

    assert public["status"] == "superseded"
    assert public["superseded_at"] is not None
    assert public["superseded_by"] == (str(new.pk) if public_link else None)
