"""Tests of the certificates and verification HTTP API."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from enrollment.models import Enrollment
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


def test_learners_list_and_download_their_certificates(
    staff: dict[str, User], certificate: Certificate
) -> None:
    client = _client(staff["learner"])

    listing = client.get("/api/v1/certificates/").json()
    pdf = client.get(f"/api/v1/certificates/{certificate.pk}/pdf")
    again = client.get(f"/api/v1/certificates/{certificate.pk}/pdf")

    assert listing["count"] == 1
    item = listing["results"][0]
    assert (item["id"], item["status"], item["course_title"]) == (
        str(certificate.pk),
        "valid",
        "PLC Basics",
    )
    assert item["verification_url"] == f"http://127.0.0.1:8000/verify/{certificate.pk}"
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == again.content == certificates_api.read_pdf(certificate=certificate)


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("author", 404), ("approver", 404), ("learner", 200)]
)
def test_a_certificate_and_its_pdf_are_the_learners_own(
    staff: dict[str, User], certificate: Certificate, who: str, expected: int
) -> None:
    client = _client(None if who == "anonymous" else staff[who])

    for path in ("", "pdf"):
        response = client.get(f"/api/v1/certificates/{certificate.pk}/{path}")
        assert response.status_code == expected


def test_public_verification_by_id_and_its_404s_share_one_shape(
    staff: dict[str, User], certificate: Certificate
) -> None:
    client = _client()

    valid = client.get(f"/api/v1/verify/{certificate.pk}")
    unknown = client.get("/api/v1/verify/4c0f5c57-8f5e-4d39-8d3f-2d5c6c1f0a11")
    malformed = client.get("/api/v1/verify/../../etc/passwd")
    garbage = client.get("/api/v1/verify/zzz")

    assert valid.status_code == 200
    body = valid.json()
    assert (body["status"], body["learner_name"], body["course_title"]) == (
        "valid",
        staff["learner"].full_name,
        "PLC Basics",
    )
    assert unknown.json() == garbage.json() == {"detail": "Not found.", "code": "not_found"}
    assert malformed.status_code == 404


def test_revocation_through_the_api_shows_at_once(
    staff: dict[str, User], certificate: Certificate
) -> None:
    refused = _client(staff["approver"]).post(
        f"/api/v1/certificates/{certificate.pk}/revoke", {"reason": ""}, format="json"
    )
    revoked = _client(staff["approver"]).post(
        f"/api/v1/certificates/{certificate.pk}/revoke", {"reason": "Plagiarism"}, format="json"
    )
    twice = _client(staff["approver"]).post(
        f"/api/v1/certificates/{certificate.pk}/revoke", {"reason": "Again"}, format="json"
    )
    public = _client().get(f"/api/v1/verify/{certificate.pk}").json()

    assert refused.status_code == 400
    assert revoked.json()["status"] == "revoked"
    assert (twice.status_code, twice.json()["code"]) == (400, "already_revoked")
    assert (public["status"], public["revocation_reason"]) == ("revoked", "Plagiarism")


@pytest.mark.parametrize(
    ("upload", "status", "code"),
    [
        (SimpleUploadedFile("x.pdf", b"just text"), 400, "not_credential"),
        (SimpleUploadedFile("x.pdf", b"%PDF-1.7 forged"), 200, None),
    ],
)
def test_pdf_upload_verification(
    certificate: Certificate, upload: SimpleUploadedFile, status: int, code: str | None
) -> None:
    response = _client().post("/api/v1/verify", {"file": upload}, format="multipart")

    assert response.status_code == status
    if code:
        assert response.json()["code"] == code
    else:
        assert response.json()["status"] == "unknown"


def test_uploading_the_issued_pdf_identifies_the_certificate(
    certificate: Certificate,
) -> None:
    pdf = certificates_api.read_pdf(certificate=certificate)

    response = _client().post(
        "/api/v1/verify", {"file": SimpleUploadedFile("c.pdf", pdf)}, format="multipart"
    )

    assert (response.json()["status"], response.json()["id"]) == ("valid", str(certificate.pk))


def test_bulk_verification_is_for_employer_verifiers(
    staff: dict[str, User], certificate: Certificate
) -> None:
    verifier = staff["outsider"]
    MembershipFactory(
        user=verifier,
        role="verifier",
        organization=OrganizationFactory(kind="employer", slug="hr-co"),
    )
    ids = [str(certificate.pk), "nope", "4c0f5c57-8f5e-4d39-8d3f-2d5c6c1f0a11"]

    allowed = _client(verifier).post("/api/v1/verify/bulk", {"ids": ids}, format="json")
    refused = _client(staff["learner"]).post("/api/v1/verify/bulk", {"ids": ids}, format="json")
    too_many = _client(verifier).post("/api/v1/verify/bulk", {"ids": ["x"] * 101}, format="json")

    assert [(r["id"], r["status"]) for r in allowed.json()] == [
        (str(certificate.pk), "valid"),
        ("nope", "unknown"),
        (ids[2], "unknown"),
    ]
    assert refused.status_code == 403
    assert (too_many.status_code, list(too_many.json()["fields"])) == (400, ["ids"])


def test_privacy_switch(staff: dict[str, User], certificate: Certificate) -> None:
    response = _client(staff["learner"]).patch(
        f"/api/v1/certificates/{certificate.pk}/", {"is_private": True}, format="json"
    )
    public = _client().get(f"/api/v1/verify/{certificate.pk}").json()

    assert response.json()["is_private"] is True
    assert set(public) >= {"id", "status", "checks"}
    assert "learner_name" not in public


def test_certificate_list_runs_a_fixed_number_of_queries(
    staff: dict[str, User], certificate: Certificate, django_assert_num_queries: Any
) -> None:
    """Competency names are one read per language, cached, not one per certificate."""
    client = _client(staff["learner"])
    client.get("/api/v1/certificates/")  # competency names in English, read once and cached

    # session, user, page (with course; shorter than a page, so it is its own count)
    with django_assert_num_queries(3):
        response = client.get("/api/v1/certificates/")

    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("learner", 404), ("author", 403), ("approver", 201)]
)
def test_prior_learning_endpoint_is_for_approvers(
    staff: dict[str, User],
    course: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    who: str | None,
    status: int,
) -> None:
    from certificates.tasks import issue_certificate_task

    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    client = _client(staff[who] if who else None)

    response = client.post(
        "/api/v1/certificates/prior-learning",
        {"course": "plc-basics", "learner_email": staff["learner"].email, "note": "Portfolio"},
        format="json",
    )

    assert response.status_code == status
    if status == 201:
        assert (response.json()["basis"], response.json()["state"]) == ("prior_learning", "pending")
    else:
        assert "detail" in response.json()
        assert not Certificate.objects.exists()
