"""PUBLIC_BASE_URL decides every outward address: the issuer's did:web and where its document is
served, and the links in PDFs, e-mails, LinkedIn and credentials, also with a port or a path."""

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates import signing
from certificates.models import Certificate
from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db

ACADEMY = "https://example.org/academy"


@pytest.mark.parametrize(
    ("public_base_url", "did", "served_at", "not_served_at"),
    [
        (
            "https://academy.example.org",
            "did:web:academy.example.org",
            "/.well-known/did.json",
            "/did.json",
        ),
        (
            "http://127.0.0.1:9000",
            "did:web:127.0.0.1%3A9000",
            "/.well-known/did.json",
            "/did.json",
        ),
        (ACADEMY, "did:web:example.org:academy", "/did.json", "/.well-known/did.json"),
        (
            "https://example.org:8443/icim/academy",
            "did:web:example.org%3A8443:icim:academy",
            "/did.json",
            "/.well-known/did.json",
        ),
    ],
)
def test_the_did_and_its_document_follow_the_public_address(
    settings: Settings, public_base_url: str, did: str, served_at: str, not_served_at: str
) -> None:
    settings.PUBLIC_BASE_URL = public_base_url

    response = APIClient().get(served_at)
    elsewhere = APIClient().get(not_served_at)

    assert signing.issuer_did() == did
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+ld+json"
    document = response.json()
    assert document["id"] == did
    assert {method["controller"] for method in document["verificationMethod"]} == {did}
    assert all(method.startswith(f"{did}#") for method in document["assertionMethod"])
    # One location only, the one the did:web method resolves to; the other is a JSON 404.
    assert elsewhere.status_code == 404
    assert elsewhere.json()["code"] == "not_found"


@pytest.fixture
def certificate_under_path(
    settings: Settings, staff: dict[str, User], complete: Callable[..., Enrollment]
) -> Certificate:
    settings.PUBLIC_BASE_URL = ACADEMY
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


def test_links_keep_the_path_of_the_public_address(certificate_under_path: Certificate) -> None:
    certificate = certificate_under_path
    verify = f"{ACADEMY}/verify/{certificate.pk}"

    linkedin = parse_qs(urlsplit(certificates_api.linkedin_url(certificate=certificate)).query)
    document = certificates_api.certificate_document(certificate=certificate)

    assert certificates_api.verification_url(certificate_id=str(certificate.pk)) == verify
    assert linkedin["certUrl"] == [verify]
    assert document.verification_url == verify  # printed on the PDF and encoded in its QR code


@pytest.mark.usefixtures("tasks_in_process")
def test_the_ready_email_links_keep_the_path(
    certificate_under_path: Certificate,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes out after commit
        certificates_api.notify_learner(certificate_id=str(certificate_under_path.pk))

    body = mailoutbox[-1].body
    assert f"{ACADEMY}/certificates/{certificate_under_path.pk}" in body
    assert f"{ACADEMY}/verify/{certificate_under_path.pk}" in body


def test_the_credential_ids_keep_the_path_and_it_verifies(
    certificate_under_path: Certificate,
) -> None:
    credential = json.loads(bytes(certificate_under_path.credential))
    status = credential["credentialStatus"]

    assert credential["issuer"]["id"] == "did:web:example.org:academy"
    assert credential["issuer"]["url"] == ACADEMY
    assert credential["credentialSubject"]["achievement"]["id"] == f"{ACADEMY}/courses/plc-basics"
    assert status["statusListCredential"].startswith(f"{ACADEMY}/api/v1/credentials/status/")
    assert credential["proof"]["verificationMethod"].startswith("did:web:example.org:academy#")

    response = APIClient().post(
        "/api/v1/verify/credential", {"credential": credential}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "valid"
    assert {check["result"] for check in response.json()["checks"]} <= {"passed", "skipped"}
