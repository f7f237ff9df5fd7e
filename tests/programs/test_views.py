"""The programs API over HTTP: the public catalog and page, a learner's progress and credential,
and staff authoring answers (the authorization table covers every caller)."""

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from certificates.models import AttendanceCredential, Certificate
from programs.models import Program

pytestmark = pytest.mark.django_db


def test_the_catalog_lists_published_programs_only_in_the_requested_language(
    make_program: Callable[..., Program], api_client: APIClient
) -> None:
    published = make_program()
    make_program(title="Hidden draft", publish=False)

    answer = api_client.get("/api/v1/programs", HTTP_ACCEPT_LANGUAGE="de")

    assert answer.status_code == 200
    assert answer.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": published.slug,
                "title": "Smart-Factory-Ingenieur",
                "summary": "Automation to digital twins.",
                "language": "de",
                "kind": "ordered",
                "required_count": 3,
                "course_count": 3,
                "state": "published",
                "institutions": [{"slug": "rhine", "name": "Rhine TU"}],
            }
        ],
    }


def test_a_visitor_sees_the_courses_and_a_draft_is_unknown(
    make_program: Callable[..., Program], api_client: APIClient
) -> None:
    program = make_program()
    draft = make_program(title="Hidden draft", publish=False)

    page = api_client.get(f"/api/v1/programs/{program.slug}").json()
    hidden = api_client.get(f"/api/v1/programs/{draft.slug}")

    assert [(c["slug"], c["status"], c["is_available"]) for c in page["courses"]] == [
        ("plc-basics", None, True),
        ("opc-ua-basics", None, True),
        ("digital-twins", None, True),
    ]
    assert (page["progress"], page["credential"], page["can_edit"]) == (None, None, False)
    assert hidden.status_code == 404


def test_a_learner_sees_progress_then_the_credential_and_downloads_its_pdf(
    staff: dict[str, User],
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
) -> None:
    program = make_program(kind="elective", required_count=2)
    client = APIClient()
    client.force_login(staff["learner"])
    earn(staff["learner"], "opc-ua-basics")

    halfway = client.get(f"/api/v1/programs/{program.slug}").json()
    earn(staff["learner"], "plc-basics")
    complete = client.get(f"/api/v1/programs/{program.slug}").json()
    credential = AttendanceCredential.objects.get(kind="program_completion")
    pdf = client.get(complete["credential"]["pdf_url"])
    mine = client.get("/api/v1/programs/credentials").json()

    assert halfway["progress"] == {
        "done_count": 1,
        "required_count": 2,
        "is_complete": False,
        "is_completable": True,
        "next_course": "plc-basics",
        "retired_missing": [],
    }
    assert halfway["credential"] is None
    assert complete["progress"]["is_complete"] is True
    assert complete["credential"]["id"] == str(credential.pk)
    assert complete["credential"]["verification_url"].endswith(f"/verify/{credential.pk}")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF-")
    assert [(c["credential_id"], c["program_slug"]) for c in mine["results"]] == [
        (str(credential.pk), program.slug)
    ]


def test_staff_are_refused_an_unpublished_course_in_a_published_program(
    staff: dict[str, User], make_program: Callable[..., Program]
) -> None:
    program = make_program()
    client = APIClient()
    client.force_login(staff["author"])

    answer = client.put(
        f"/api/v1/programs/{program.slug}/courses", {"courses": ["no-such-course"]}, format="json"
    )

    assert answer.status_code == 400
    assert answer.json()["fields"] == {"courses": ["No course has these slugs: no-such-course."]}
    assert list(program.entries.values_list("course__slug", flat=True)) == [
        "plc-basics",
        "opc-ua-basics",
        "digital-twins",
    ]


def test_staff_rename_a_draft_and_unknown_fields_are_refused(
    staff: dict[str, User], make_program: Callable[..., Program]
) -> None:
    program = make_program(publish=False)
    client = APIClient()
    client.force_login(staff["author"])

    renamed = client.patch(
        f"/api/v1/programs/{program.slug}/staff",
        {"translations": {"en": {"title": "Smart Factory Engineer II"}}},
        format="json",
    )
    unknown_field = client.patch(
        f"/api/v1/programs/{program.slug}/staff", {"colour": "red"}, format="json"
    )

    assert renamed.status_code == 200
    assert renamed.json()["translations"]["en"]["title"] == "Smart Factory Engineer II"
    assert unknown_field.status_code == 400
