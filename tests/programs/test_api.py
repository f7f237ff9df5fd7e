"""programs.api: authoring, the program page with a learner's progress, and the program
credential issued once when the last needed course certificate is issued."""

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent, User
from certificates import api as certificates_api
from certificates.models import AttendanceCredential, Certificate
from courses import api as courses_api
from programs import api as programs_api
from programs.models import Program, ProgramCompletion
from records import api as records_api
from tests.courses.conftest import make_package
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_authoring_publishes_only_a_program_of_published_courses(
    staff: dict[str, User], make_program: Callable[..., Program]
) -> None:
    program = make_program(publish=False)
    courses_api.import_course_package(
        user=staff["author"],
        data=make_package(slug="draft-course"),
    )

    with pytest.raises(PermissionDenied):
        programs_api.publish_program(user=staff["author"], slug=program.slug)
    with pytest.raises(Program.DoesNotExist):
        programs_api.publish_program(user=staff["outsider"], slug=program.slug)
    programs_api.set_program_courses(
        user=staff["author"], slug=program.slug, course_slugs=["plc-basics", "draft-course"]
    )
    with pytest.raises(ValidationError) as refused:
        programs_api.publish_program(user=staff["approver"], slug=program.slug)

    assert refused.value.message_dict == {
        "courses": ["Only published courses can be in a published program: draft-course."]
    }
    assert Program.objects.get(pk=program.pk).state == "draft"
    assert not AuditEvent.objects.filter(action="program_published").exists()


def test_an_elective_required_count_is_checked_against_the_courses_at_publishing(
    staff: dict[str, User], make_program: Callable[..., Program]
) -> None:
    program = make_program(kind="elective", required_count=4, publish=False)

    with pytest.raises(ValidationError) as refused:
        programs_api.publish_program(user=staff["approver"], slug=program.slug)
    programs_api.update_program(
        user=staff["author"], slug=program.slug, fields={"required_count": 2}
    )
    published = programs_api.publish_program(user=staff["admin"], slug=program.slug)

    assert refused.value.message_dict == {
        "required_count": [
            "An elective program requires between 1 and 3 courses (its number of courses)."
        ]
    }
    assert (published.state, published.required_count) == ("published", 2)
    assert list(
        AuditEvent.objects.filter(action="program_published").values_list("target_id", flat=True)
    ) == [program.slug]


def test_the_page_shows_courses_and_the_learners_progress_in_fixed_queries(
    staff: dict[str, User],
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
    django_assert_num_queries: Any,
) -> None:
    program = make_program()
    learner = staff["learner"]
    earn(learner, "plc-basics")

    with django_assert_num_queries(5):
        visitor = programs_api.get_program_page(
            slug=program.slug, user=AnonymousUser(), language="de"
        )
    with django_assert_num_queries(8):
        page = programs_api.get_program_page(slug=program.slug, user=learner, language="en")

    assert [(c.slug, c.status, c.institutions) for c in visitor.courses] == [
        ("plc-basics", None, ("Rhine TU",)),
        ("opc-ua-basics", None, ("Rhine TU",)),
        ("digital-twins", None, ("Rhine TU",)),
    ]
    assert [c.status for c in page.courses] == ["done", "not_started", "not_started"]
    assert page.progress is not None
    assert (page.progress.done_count, page.progress.required_count) == (1, 3)
    assert page.progress.next_course == "opc-ua-basics"
    assert page.credential_id is None
    assert programs_api.program_texts(program, "de")["title"] == "Smart-Factory-Ingenieur"


def test_the_last_certificate_completes_the_program_with_one_credential(
    staff: dict[str, User],
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
) -> None:
    program = make_program()
    learner = staff["learner"]
    completed: list[int] = []

    def heard(sender: object, completion_id: int, **kwargs: object) -> None:
        completed.append(completion_id)

    programs_api.program_completed.connect(heard, weak=False, dispatch_uid="test-heard")
    try:
        for slug in ("plc-basics", "opc-ua-basics"):
            earn(learner, slug)
        assert not ProgramCompletion.objects.exists()
        last = earn(learner, "digital-twins")
        # The task runs again (a redelivery): nothing new.
        again = programs_api.complete_programs_for_certificate(certificate_id=last.pk)
    finally:
        programs_api.program_completed.disconnect(dispatch_uid="test-heard")

    completion = ProgramCompletion.objects.get()
    credential = AttendanceCredential.objects.get(kind="program_completion")
    document = json.loads(bytes(credential.credential))
    assert completed == [completion.pk]
    assert again == [completion.pk]
    assert (completion.program_id, completion.user_id, completion.credential_id) == (
        program.pk,
        learner.pk,
        credential.pk,
    )
    assert document["credentialSubject"]["achievement"]["achievementType"] == "LearningProgram"
    assert document["credentialSubject"]["achievement"]["name"] == "Smart Factory Engineer"
    assert document["credentialSubject"]["achievement"]["id"].endswith(f"/programs/{program.slug}")
    assert len(credential.pdf_sha256) == 64
    assert AuditEvent.objects.filter(action="program_credential_issued").count() == 1

    listed = programs_api.list_program_credentials_for_user(user_id=learner.pk)
    assert [(c.credential_id, c.program_slug, c.program_title, c.has_pdf) for c in listed] == [
        (credential.pk, program.slug, "Smart Factory Engineer", True)
    ]
    assert listed[0].credential == document
    pdf = programs_api.read_program_credential_pdf(user=learner, credential_id=credential.pk)
    assert pdf.startswith(b"%PDF-")
    with pytest.raises(AttendanceCredential.DoesNotExist):
        programs_api.read_program_credential_pdf(user=staff["author"], credential_id=credential.pk)


def test_the_program_credential_verifies_on_the_platform_and_independently(
    tmp_path: Path,
    staff: dict[str, User],
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
) -> None:
    make_program(kind="elective", required_count=1)
    earn(staff["learner"], "opc-ua-basics")
    credential = AttendanceCredential.objects.get(kind="program_completion")

    by_id = certificates_api.verify_certificate(certificate_id=str(credential.pk))
    as_json = certificates_api.verify_credential(content=bytes(credential.credential))
    independent = _independent_verifier(tmp_path, credential)

    assert (by_id["status"], by_id["basis"], by_id["course_title"]) == (
        "valid",
        "program_completion",
        "Smart Factory Engineer",
    )
    assert as_json["status"] == "valid"
    assert {c["name"]: c["result"] for c in as_json["checks"]}["credential_proof"] == "passed"
    assert independent == {
        "verified": True,
        "proofVerified": True,
        "statusChecked": True,
        "revoked": False,
        "expired": False,
        "errors": [],
    }


def _independent_verifier(tmp_path: Path, credential: AttendanceCredential) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not (ROOT / "interop" / "node_modules").is_dir():
        pytest.fail("The independent verifier is not installed: run `make setup`.")
    (tmp_path / "credential.json").write_bytes(bytes(credential.credential))
    (tmp_path / "did.json").write_text(json.dumps(certificates_api.did_document()))
    (tmp_path / "status.json").write_bytes(
        certificates_api.read_status_list(status_list_id=credential.status_list_id)
    )
    completed = subprocess.run(
        [
            node,
            str(ROOT / "interop" / "verify.mjs"),
            "--credential",
            str(tmp_path / "credential.json"),
            "--did-document",
            str(tmp_path / "did.json"),
            "--status-list",
            str(tmp_path / "status.json"),
            "--max-clock-skew",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def test_a_retired_course_not_done_blocks_an_ordered_program_but_earned_ones_count(
    staff: dict[str, User],
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
) -> None:
    program = make_program()
    earlier = UserFactory(email="earlier@example.org")
    earn(earlier, "digital-twins")
    courses_api.transition_version(user=staff["approver"], slug="digital-twins", action="archive")
    newcomer = staff["learner"]
    for slug in ("plc-basics", "opc-ua-basics"):
        earn(newcomer, slug)
        earn(earlier, slug)

    page = programs_api.get_program_page(slug=program.slug, user=newcomer, language="en")

    assert [(c.slug, c.is_available) for c in page.courses][2] == ("digital-twins", False)
    assert page.progress is not None
    assert (page.progress.is_completable, page.progress.retired_missing) == (
        False,
        ("digital-twins",),
    )
    assert list(ProgramCompletion.objects.values_list("user__email", flat=True)) == [
        "earlier@example.org"
    ]


def test_a_revoked_certificate_does_not_count(
    staff: dict[str, User],
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
) -> None:
    program = make_program(kind="elective", required_count=2)
    certificate = earn(staff["learner"], "plc-basics")
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Issued in error"
    )
    earn(staff["learner"], "opc-ua-basics")

    page = programs_api.get_program_page(slug=program.slug, user=staff["learner"], language="en")

    assert page.progress is not None
    assert page.progress.done_count == 1
    assert not ProgramCompletion.objects.exists()


def test_the_learner_record_holds_the_program_linked_to_its_courses(
    tmp_path: Path,
    staff: dict[str, User],
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
) -> None:
    program = make_program()
    learner = staff["learner"]
    for slug in ("plc-basics", "opc-ua-basics", "digital-twins"):
        earn(learner, slug)
    credential = AttendanceCredential.objects.get(kind="program_completion")

    listed = programs_api.list_program_credentials_for_user(user_id=learner.pk)
    record = json.loads(records_api.issue_learner_record(user=User.objects.get(pk=learner.pk)))

    assert listed[0].course_slugs == ("plc-basics", "opc-ua-basics", "digital-twins")
    embedded = [item["id"] for item in record["credentialSubject"]["verifiableCredential"]]
    assert embedded.count(f"urn:uuid:{credential.pk}") == 1
    assert len(embedded) == 4  # the program, then its three courses
    program_achievement = f"{settings.PUBLIC_BASE_URL}/programs/{program.slug}"
    parents = sorted(
        (link["sourceId"], link["targetId"])
        for link in record["credentialSubject"]["association"]
        if link["associationType"] == "isParentOf"
    )
    assert parents == sorted(
        (program_achievement, f"{settings.PUBLIC_BASE_URL}/courses/{slug}")
        for slug in ("plc-basics", "opc-ua-basics", "digital-twins")
    )
    assert records_api.verify_learner_record(document=record)["status"] == "valid"
    independent = _independent_record_verifier(tmp_path, record, credential.status_list_id)
    assert independent["verified"] is True, independent
    assert [(item["id"], item["verified"]) for item in independent["embedded"]] == [
        (item_id, True) for item_id in embedded
    ]


def _independent_record_verifier(
    tmp_path: Path, record: dict[str, Any], status_list_id: int
) -> dict[str, Any]:
    """The CLR and each credential in it, checked by the independent verifier in interop/."""
    node = shutil.which("node")
    if node is None or not (ROOT / "interop" / "node_modules").is_dir():
        pytest.fail("The independent verifier is not installed: run `make setup`.")
    (tmp_path / "record.json").write_text(json.dumps(record))
    (tmp_path / "did.json").write_text(json.dumps(certificates_api.did_document()))
    (tmp_path / "status.json").write_bytes(
        certificates_api.read_status_list(status_list_id=status_list_id)
    )
    clr_context = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
    clr_file = ROOT / "certificates" / "contexts" / "clr-v2p0-context-2.0.1.json"
    completed = subprocess.run(
        [
            node,
            str(ROOT / "interop" / "verify.mjs"),
            "--credential",
            str(tmp_path / "record.json"),
            "--did-document",
            str(tmp_path / "did.json"),
            "--status-list",
            str(tmp_path / "status.json"),
            "--context",
            f"{clr_context}={clr_file}",
            "--embedded",
            "--max-clock-skew",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result
