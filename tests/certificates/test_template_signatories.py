"""Signatories of certificate templates: who may change them, validation, the limit of three,
ordering, the preview, issued certificates, and the migration from the single signatory."""

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import CertificateSignatory, CertificateTemplate
from enrollment.models import Enrollment
from tests.conftest import need_service
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/institution/rhine/certificate-template"
SIGNATORIES = f"{URL}/signatories"


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _image(kind: str = "PNG", size: tuple[int, int] = (60, 20)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (20, 30, 160)).save(output, format=kind)
    return output.getvalue()


def _upload(content: bytes, name: str = "signature.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _add(user: User, name: str, **changes: Any) -> CertificateSignatory:
    return certificates_api.add_template_signatory(
        user=user, organization_slug="rhine", changes={"name": name, **changes}
    )


def _names() -> list[str]:
    return list(
        CertificateSignatory.objects.filter(template__organization__slug="rhine").values_list(
            "name", flat=True
        )
    )


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    need_service("poppler's pdftotext", shutil.which("pdftotext") is not None)
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    # Poppler wraps right-to-left runs in embedding marks of its own; spaces follow line breaks.
    return "".join(text.translate({ord(c): None for c in "\u202a\u202b\u202c"}).split())


# --- who may ------------------------------------------------------------------------------------

REQUESTS: list[tuple[str, str, str, dict[str, Any] | None]] = [
    ("add", "post", SIGNATORIES, {"name": "Anna Weber"}),
    ("change", "patch", f"{SIGNATORIES}/{{id}}", {"name": "Anna Weber"}),
    ("remove", "delete", f"{SIGNATORIES}/{{id}}", None),
    ("reorder", "put", f"{SIGNATORIES}/order", {"order": ["{id}"]}),
]


@pytest.mark.parametrize(
    ("action", "method", "url", "body"), REQUESTS, ids=[request[0] for request in REQUESTS]
)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 404),
        ("outsider", 404),  # another institution's staff
        ("author", 403),
        ("reviewer", 403),
        ("approver", None),
        ("admin", None),
    ],
)
def test_who_may_change_the_signatories(
    staff: dict[str, User],
    who: str,
    expected: int | None,
    action: str,
    method: str,
    url: str,
    body: dict[str, Any] | None,
) -> None:
    existing = _add(staff["admin"], "Li Ming")
    if body is not None and "order" in body:
        body = {"order": [existing.pk]}
    client = _client(None if who == "anonymous" else staff[who])

    response = getattr(client, method)(
        url.format(id=existing.pk), body, format="json" if action == "reorder" else "multipart"
    )

    allowed = {"add": 201, "change": 200, "remove": 204, "reorder": 200}[action]
    assert response.status_code == (expected or allowed)
    if expected is not None:
        assert _names() == ["Li Ming"]
        assert set(response.json()) <= {"detail", "code"}


def test_another_institutions_signatory_is_not_found_even_for_its_peers(
    staff: dict[str, User],
) -> None:
    danube = OrganizationFactory(slug="danube", name="Danube Institute", country="AT")
    danube_admin = UserFactory(email="admin@danube.example")
    MembershipFactory(user=danube_admin, organization=danube, role="admin")
    theirs = certificates_api.add_template_signatory(
        user=danube_admin, organization_slug="danube", changes={"name": "Eva Huber"}
    )
    _add(staff["admin"], "Li Ming")
    client = _client(staff["admin"])

    through_ours = client.patch(f"{SIGNATORIES}/{theirs.pk}", {"name": "X"}, format="multipart")
    through_theirs = client.delete(
        f"/api/v1/institution/danube/certificate-template/signatories/{theirs.pk}"
    )
    reordered = client.put(f"{SIGNATORIES}/order", {"order": [theirs.pk]}, format="json")

    assert (through_ours.status_code, through_theirs.status_code) == (404, 404)
    assert through_ours.json()["code"] == "not_found"
    assert reordered.status_code == 400
    assert CertificateSignatory.objects.get(pk=theirs.pk).name == "Eva Huber"


def test_an_unknown_signatory_is_not_found(staff: dict[str, User]) -> None:
    client = _client(staff["admin"])

    assert client.patch(f"{SIGNATORIES}/999", {"name": "X"}, format="multipart").status_code == 404
    _add(staff["admin"], "Li Ming")
    assert client.delete(f"{SIGNATORIES}/999").status_code == 404


# --- adding and changing ------------------------------------------------------------------------


def test_a_signatory_is_added_with_a_signature_stored_as_png_and_listed_in_the_template(
    staff: dict[str, User],
) -> None:
    client = _client(staff["approver"])

    response = client.post(
        SIGNATORIES,
        {
            "name": "  Prof.  Anna   Weber ",
            "title": " Dean of  Engineering ",
            "signature_image": _upload(_image("JPEG"), "signature.jpg"),
        },
        format="multipart",
    )

    assert response.status_code == 201
    signatory = CertificateSignatory.objects.get()
    assert (signatory.name, signatory.title, signatory.position) == (
        "Prof. Anna Weber",
        "Dean of Engineering",
        0,
    )
    with signatory.signature_image.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert response.json() == {
        "id": signatory.pk,
        "name": "Prof. Anna Weber",
        "title": "Dean of Engineering",
        "signature_image": f"/media/{signatory.signature_image.name}",
    }
    template = client.get(URL).json()
    assert template["signatories"] == [response.json()]
    assert template["updated_by"] == staff["approver"].full_name


def test_signatories_are_listed_in_order_with_a_constant_number_of_queries(
    staff: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    for name in ("Anna Weber", "李明", "ليلى حداد"):
        _add(staff["admin"], name)
    client = _client(staff["admin"])

    with django_assert_max_num_queries(12):
        response = client.get(URL)

    assert [item["name"] for item in response.json()["signatories"]] == [
        "Anna Weber",
        "李明",
        "ليلى حداد",
    ]


def test_a_fourth_signatory_is_refused(staff: dict[str, User]) -> None:
    for name in ("Anna Weber", "Li Ming", "Layla Haddad"):
        _add(staff["admin"], name)

    response = _client(staff["admin"]).post(SIGNATORIES, {"name": "Tom Reed"}, format="multipart")

    assert response.status_code == 400
    message = "An institution's certificates have at most 3 signatories: remove one first."
    assert response.json() == {
        "detail": message,
        "code": "too_many_signatories",
        "fields": {"non_field_errors": [message]},
    }
    assert _names() == ["Anna Weber", "Li Ming", "Layla Haddad"]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"name": ""}, "name", None),
        ({"name": "   "}, "name", "This field may not be blank."),
        ({"name": "\u200d"}, "name", None),  # a joiner alone prints as nothing
        ({"name": "Eve\u202eliA"}, "name", None),
        ({"name": "x" * 201}, "name", None),
        ({"name": "Anna Weber", "title": "x" * 201}, "title", None),
        ({"title": "Dean"}, "name", "This field is required."),
        (
            {"name": "Anna Weber", "signature_image": b"GIF89a" + b"\0" * 30},
            "signature_image",
            "Upload a PNG or JPEG image.",
        ),
        (
            {"name": "Anna Weber", "signature_image": b"\x89PNG\r\n\x1a\nbroken"},
            "signature_image",
            "The image is damaged or cannot be read.",
        ),
        (
            {"name": "Anna Weber", "signature_image": b"\xff\xd8\xff" + b"\0" * (1024 * 1024)},
            "signature_image",
            "The image is larger than 1 MB.",
        ),
        ({"name": "Anna Weber", "position": "1"}, "position", "Unknown field."),
    ],
)
def test_an_invalid_signatory_is_refused_and_nothing_is_stored(
    staff: dict[str, User], payload: dict[str, Any], field: str, message: str | None
) -> None:
    data = {
        name: _upload(value) if isinstance(value, bytes) else value
        for name, value in payload.items()
    }

    response = _client(staff["admin"]).post(SIGNATORIES, data, format="multipart")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    if message is not None:
        assert response.json()["fields"][field] == [message]
    assert CertificateSignatory.objects.count() == 0


def test_a_change_keeps_what_it_leaves_out_and_a_refused_change_changes_nothing(
    staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    signatory = _add(staff["admin"], "Anna Weber", title="Dean", signature_image=_image())
    image = signatory.signature_image
    client = _client(staff["admin"])
    url = f"{SIGNATORIES}/{signatory.pk}"

    renamed = client.patch(url, {"name": "Anna Weber-Kraus"}, format="multipart")
    refused = client.patch(url, {"name": "Eve\u202eliA", "title": "Rector"}, format="multipart")
    with django_capture_on_commit_callbacks(execute=True):
        cleared = client.patch(url, {"clear_signature_image": True}, format="multipart")

    assert renamed.status_code == 200
    assert renamed.json()["title"] == "Dean"
    assert renamed.json()["signature_image"] == f"/media/{image.name}"
    assert refused.status_code == 400
    assert cleared.json() == {
        "id": signatory.pk,
        "name": "Anna Weber-Kraus",
        "title": "Dean",
        "signature_image": None,
    }
    assert not image.storage.exists(image.name)


def test_a_new_signature_image_replaces_the_old_file_once_committed(
    staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    signatory = _add(staff["admin"], "Anna Weber", signature_image=_image())
    old = signatory.signature_image

    with django_capture_on_commit_callbacks(execute=True):
        response = _client(staff["admin"]).patch(
            f"{SIGNATORIES}/{signatory.pk}",
            {"signature_image": _upload(_image("PNG", (80, 30)))},
            format="multipart",
        )

    signatory.refresh_from_db()
    assert response.status_code == 200
    assert signatory.signature_image.name != old.name
    assert signatory.signature_image.storage.exists(signatory.signature_image.name)
    assert not old.storage.exists(old.name)


# --- order and removal --------------------------------------------------------------------------


def test_signatories_are_reordered(staff: dict[str, User]) -> None:
    first, second, third = (_add(staff["admin"], n) for n in ("Anna", "Li Ming", "Layla"))

    response = _client(staff["admin"]).put(
        f"{SIGNATORIES}/order", {"order": [third.pk, first.pk, second.pk]}, format="json"
    )

    assert response.status_code == 200
    assert [item["name"] for item in response.json()] == ["Layla", "Anna", "Li Ming"]
    assert _names() == ["Layla", "Anna", "Li Ming"]
    assert list(CertificateSignatory.objects.values_list("position", flat=True)) == [0, 1, 2]


@pytest.mark.parametrize(
    "order",
    [
        pytest.param(lambda a, b: [a], id="one-left-out"),
        pytest.param(lambda a, b: [a, a], id="one-twice"),
        pytest.param(lambda a, b: [b, a, 999], id="an-unknown-one"),
        pytest.param(lambda a, b: [b, "a"], id="not-an-id"),
        pytest.param(lambda a, b: f"{b},{a}", id="not-a-list"),
    ],
)
def test_a_wrong_order_is_refused_and_changes_nothing(
    staff: dict[str, User], order: Callable[[int, int], Any]
) -> None:
    first, second = (_add(staff["admin"], n) for n in ("Anna", "Li Ming"))

    response = _client(staff["admin"]).put(
        f"{SIGNATORIES}/order", {"order": order(first.pk, second.pk)}, format="json"
    )

    assert response.status_code == 400
    assert [field.split(".")[0] for field in response.json()["fields"]] == ["order"]
    assert _names() == ["Anna", "Li Ming"]


def test_removing_a_signatory_closes_the_gap_and_deletes_its_image_once_committed(
    staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    first = _add(staff["admin"], "Anna", signature_image=_image())
    _add(staff["admin"], "Li Ming")
    _add(staff["admin"], "Layla")
    image = first.signature_image

    with django_capture_on_commit_callbacks(execute=True):
        response = _client(staff["admin"]).delete(f"{SIGNATORIES}/{first.pk}")

    assert response.status_code == 204
    assert list(CertificateSignatory.objects.values_list("name", "position")) == [
        ("Li Ming", 0),
        ("Layla", 1),
    ]
    assert not image.storage.exists(image.name)
    # A place was freed: a third one fits again.
    assert (
        _client(staff["admin"]).post(SIGNATORIES, {"name": "Tom"}, format="multipart").status_code
        == 201
    )


# --- preview and issued certificates -------------------------------------------------------------


def test_the_preview_prints_every_signatory_in_latin_chinese_and_arabic(
    staff: dict[str, User], tmp_path: Path
) -> None:
    _add(staff["admin"], "Prof. Dr. Anna Weber", title="Dean", signature_image=_image())
    _add(staff["admin"], "李明", title="院长")
    _add(staff["admin"], "ليلى حداد", title="عميدة الكلية")

    response = _client(staff["admin"]).post(
        f"{URL}/preview", {"language": "en"}, format="multipart"
    )

    assert response.status_code == 200
    text = _pdf_text(response.content, tmp_path)
    for expected in ("Prof.Dr.AnnaWeber", "Dean", "李明", "院长", "ليلىحداد", "عميدةالكلية"):
        assert expected in text
    # Each signatory is named with the institution under the signature.
    assert text.count("RhineTU") == 1 + 3


def test_the_preview_takes_the_signatories_as_edited_without_saving_them(
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
    saved = _add(staff["admin"], "Anna Weber", signature_image=_image())
    edited = [
        {"name": "Li Ming", "title": "Rector"},
        {"id": saved.pk, "name": "Anna Weber-Kraus", "title": ""},
        {"name": ""},  # a row being typed
    ]

    response = _client(staff["admin"]).post(
        f"{URL}/preview", {"signatories": json.dumps(edited)}, format="multipart"
    )

    assert response.status_code == 200
    (mark,) = rendered[0].institutions
    assert [(s.name, s.title, s.signature_png is not None) for s in mark.signing] == [
        ("Li Ming", "Rector", False),
        ("Anna Weber-Kraus", "", True),
        ("", "", False),
    ]
    assert _names() == ["Anna Weber"]


@pytest.mark.parametrize(
    ("signatories", "message"),
    [
        ("not json", 'Expected a list of items but got type "str".'),
        ([{"id": 999, "name": "X"}], "The template has no signatory with the id 999."),
        ([{"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "D"}], None),
        ([{"name": "A", "signature": "x"}], None),
    ],
)
def test_a_wrong_signatory_list_in_a_preview_is_refused(
    staff: dict[str, User], signatories: Any, message: str | None
) -> None:
    body = signatories if isinstance(signatories, str) else json.dumps(signatories)

    response = _client(staff["admin"]).post(
        f"{URL}/preview", {"signatories": body}, format="multipart"
    )

    assert response.status_code == 400
    assert [field.split(".")[0] for field in response.json()["fields"]] == ["signatories"]
    if message is not None:
        assert response.json()["fields"]["signatories"] == [message]


def test_an_issued_certificate_prints_every_signatory_in_order(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    _add(staff["admin"], "Anna Weber", title="Dean", signature_image=_image())
    _add(staff["admin"], "Li Ming")
    enrollment = complete(staff["learner"])

    certificate = certificates_api.issue_certificate(enrollment_id=enrollment.pk)
    document = certificates_api.certificate_document(certificate=certificate)

    (mark,) = document.institutions
    assert [(s.name, s.title) for s in mark.signing] == [("Anna Weber", "Dean"), ("Li Ming", "")]
    assert mark.signing[0].signature_png is not None
    assert mark.signing[0].signature_png.startswith(b"\x89PNG")


# --- migration ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_single_signatory_into_the_list(
    staff: dict[str, User],
) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("certificates", "0004_template_logo")]
    after = [("certificates", "0005_template_signatories")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_template = old_apps.get_model("certificates", "CertificateTemplate")
    old_template.objects.create(
        organization_id=staff["admin"].memberships.get().organization_id,
        signatory_name="Prof. Anna Weber",
        signatory_title="Dean",
        signature_image="certificates/signatures/rhine-signature.png",
    )
    old_template.objects.create(
        organization_id=OrganizationFactory(slug="danube").pk, signatory_name=""
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    try:
        executor.migrate(after)

        new_apps = executor.loader.project_state(after).apps
        new_signatory = new_apps.get_model("certificates", "CertificateSignatory")
        assert list(
            new_signatory.objects.values_list(
                "template__organization__slug", "position", "name", "title", "signature_image"
            )
        ) == [
            ("rhine", 0, "Prof. Anna Weber", "Dean", "certificates/signatures/rhine-signature.png")
        ]
        assert CertificateTemplate.objects.count() == 2
    finally:
        # Back to the latest schema: going back to 0004 also unapplied every later migration
        # that depends on certificates (0006 and the apps above it), which later tests need.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
