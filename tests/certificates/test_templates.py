"""Certificate templates: who may change them, image checks, and the sample PDF preview."""

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import Organization, User
from certificates import api as certificates_api
from certificates import documents
from certificates.models import CertificateTemplate

pytestmark = pytest.mark.django_db

URL = "/api/v1/institution/rhine/certificate-template"


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _image(kind: str = "PNG", size: tuple[int, int] = (40, 20)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(output, format=kind)
    return output.getvalue()


def _upload(content: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 404),
        ("outsider", 404),  # another institution's staff
        ("author", 403),
        ("reviewer", 403),
        ("approver", 200),
        ("admin", 200),
    ],
)
def test_who_may_read_and_change_the_template(
    staff: dict[str, User], who: str, expected: int
) -> None:
    client = _client(None if who == "anonymous" else staff[who])

    read = client.get(URL)
    changed = client.patch(URL, {"colour": "#AA3300"}, format="multipart")

    assert (read.status_code, changed.status_code) == (expected, expected)
    stored = CertificateTemplate.objects.filter(organization__slug="rhine").first()
    assert (stored.colour if stored else None) == ("#aa3300" if expected == 200 else None)


def test_an_institution_without_a_template_shows_the_defaults(staff: dict[str, User]) -> None:
    response = _client(staff["admin"]).get(URL)

    assert response.json() == {
        "organization": "rhine",
        "colour": "#1f4e79",
        "logo": None,
        "signatories": [],
        "updated_at": None,
        "updated_by": None,
    }
    assert CertificateTemplate.objects.count() == 0


def test_an_unknown_organisation_or_an_employer_is_not_found(staff: dict[str, User]) -> None:
    client = _client(staff["admin"])

    assert client.get("/api/v1/institution/nowhere/certificate-template").status_code == 404
    assert client.get("/api/v1/institution/elsewhere/certificate-template").status_code == 404


def test_settings_and_the_logo_are_stored_and_a_jpeg_becomes_a_png(
    staff: dict[str, User], settings: Any
) -> None:
    client = _client(staff["approver"])

    response = client.patch(
        URL,
        {"colour": "#123456", "logo": _upload(_image("JPEG"), "logo.jpg")},
        format="multipart",
    )

    assert response.status_code == 200
    template = CertificateTemplate.objects.get()
    assert template.colour == "#123456"
    with template.logo.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert response.json()["logo"] == f"/media/{template.logo.name}"
    assert response.json()["signatories"] == []
    assert response.json()["updated_by"] == staff["approver"].full_name


def test_clearing_an_image_removes_it_once_committed_and_leaves_the_other_settings(
    staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(staff["admin"])
    client.patch(URL, {"logo": _upload(_image()), "colour": "#112233"}, format="multipart")
    stored = CertificateTemplate.objects.get().logo

    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(URL, {"clear_logo": True}, format="multipart")

    assert (response.json()["logo"], response.json()["colour"]) == (None, "#112233")
    assert not stored.storage.exists(stored.name)


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"colour": "blue"}, "colour", "Give the colour as #rrggbb, e.g. #1f4e79."),
        ({"logo": b"GIF89a" + b"\0" * 30}, "logo", "Upload a PNG or JPEG image."),
        ({"logo": b"%PDF-1.7 not an image"}, "logo", "Upload a PNG or JPEG image."),
        ({"logo": b"\x89PNG\r\n\x1a\nbroken"}, "logo", "The image is damaged or cannot be read."),
        (
            {"logo": b"\xff\xd8\xff" + b"\0" * (1024 * 1024)},
            "logo",
            "The image is larger than 1 MB.",
        ),
        ({"font": "Comic Sans"}, "font", "Unknown field."),
        # Signatories have their own resource (test_template_signatories.py).
        ({"signatory_name": "Anna Weber"}, "signatory_name", "Unknown field."),
    ],
)
def test_invalid_changes_are_refused_and_nothing_is_stored(
    staff: dict[str, User], payload: dict[str, Any], field: str, message: str | None
) -> None:
    data = {
        name: _upload(value) if isinstance(value, bytes) else value
        for name, value in payload.items()
    }

    response = _client(staff["admin"]).patch(URL, data, format="multipart")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    if message is not None:
        assert response.json()["fields"][field] == [message]
    assert CertificateTemplate.objects.count() == 0


def test_an_image_too_many_pixels_wide_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        certificates_api.normalize_template_image(content=_image("PNG", (4001, 1)))

    assert refused.value.messages == ["The image may be at most 4000 pixels wide and high."]


def test_the_preview_is_a_pdf_with_unsaved_changes_and_saves_nothing(
    staff: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    from certificates import rendering

    rendered: list[Any] = []
    real = rendering.render_certificate_pdf
    monkeypatch.setattr(
        rendering,
        "render_certificate_pdf",
        lambda document: rendered.append(document) or real(document),
    )
    certificates_api.update_certificate_template(
        user=staff["admin"], organization_slug="rhine", changes={"colour": "#112233"}
    )

    response = _client(staff["approver"]).post(
        f"{URL}/preview",
        {"colour": "#334455", "logo": _upload(_image()), "language": "de"},
        format="multipart",
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    (document,) = rendered
    (mark,) = document.institutions
    assert (mark.name, mark.colour, mark.signing) == ("Rhine TU", "#334455", ())
    assert mark.logo_png is not None
    assert mark.logo_png.startswith(b"\x89PNG")
    assert (document.language, document.learner_name) == ("de", "Alex Mustermann")
    assert document.course_title == "Beispielkurs: Digitale Zwillinge in der Produktion"
    stored = CertificateTemplate.objects.get()
    assert (stored.colour, stored.logo.name) == ("#112233", "")


@pytest.mark.parametrize(
    ("accept", "status", "content_type"),
    [
        ("application/pdf, application/json;q=0.9", 200, "application/pdf"),  # the studio's
        ("*/*", 200, "application/pdf"),
        ("application/pdf", 406, "application/json"),  # errors could only be sent as JSON
    ],
)
def test_the_preview_answers_the_accept_header_the_studio_sends(
    staff: dict[str, User], accept: str, status: int, content_type: str
) -> None:
    response = _client(staff["approver"]).post(f"{URL}/preview", headers={"Accept": accept})

    assert (response.status_code, response["Content-Type"]) == (status, content_type)
    if status == 406:
        assert response.json()["code"] == "not_acceptable"


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("outsider", 404), ("author", 403)]
)
def test_the_preview_is_for_admins_and_approvers(
    staff: dict[str, User], who: str, expected: int
) -> None:
    response = _client(None if who == "anonymous" else staff[who]).post(f"{URL}/preview")

    assert response.status_code == expected


def test_previews_are_throttled(staff: dict[str, User], settings: Any) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    monkey_rates = {**ScopedRateThrottle.THROTTLE_RATES, "certificate_preview": "2/min"}
    original = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = monkey_rates
    try:
        client = _client(staff["admin"])
        statuses = [client.post(f"{URL}/preview").status_code for _ in range(3)]
    finally:
        ScopedRateThrottle.THROTTLE_RATES = original

    assert statuses == [200, 200, 429]


def test_issued_certificates_use_the_template_logo_before_the_organisations(
    staff: dict[str, User], institution: Organization
) -> None:
    template = certificates_api.update_certificate_template(
        user=staff["admin"], organization_slug="rhine", changes={"logo": _image()}
    )

    logo = documents._logo_png(institution, template)

    assert logo is not None
    assert logo.startswith(b"\x89PNG")
