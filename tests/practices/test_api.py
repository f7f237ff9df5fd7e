"""The best-practice library: authoring, review with separation of duties, the public library
and its search, linked courses (practices/api.py through its endpoints)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import AuditEvent, User
from courses import api as courses_api
from practices import api as practices_api
from practices.models import CaseStudy, CaseStudyAttachment

AUTHORING = "/api/v1/authoring/practices/"


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def create(staff: dict[str, User], body: dict[str, Any]) -> dict[str, Any]:
    response = client_for(staff["author"]).post(AUTHORING, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def walk_to_published(staff: dict[str, User], slug: str = "twin-line") -> None:
    for role, action in (("author", "submit"), ("reviewer", "approve"), ("approver", "publish")):
        response = client_for(staff[role]).post(
            f"{AUTHORING}{slug}/transitions", {"action": action}, format="json"
        )
        assert response.status_code == 200, response.json()


@pytest.fixture
def published(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> dict[str, User]:
    create(staff, case_study_body)
    walk_to_published(staff)
    return staff


def test_an_author_creates_a_draft(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    data = create(staff, case_study_body)

    assert data["state"] == "draft"
    assert data["title"] == "A digital twin for a bottling line"
    assert data["standards"] == ["ISO 23247"]
    assert data["competencies"] == ["AUT.PLC"]
    assert data["organization"]["slug"] == "rhine"


def test_a_dead_linked_course_is_refused_naming_it_and_nothing_is_written(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    case_study_body["linked_courses"] = ["no-such-course"]

    response = client_for(staff["author"]).post(AUTHORING, case_study_body, format="json")

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "linked_courses": ["Course 'no-such-course' does not exist or is not published."]
    }
    assert not CaseStudy.objects.exists()


def test_an_unpublished_linked_course_is_refused_on_edit_and_the_draft_is_unchanged(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    create(staff, case_study_body)
    courses_api.import_course_package(user=staff["author"], data=make_draft_package())
    body = {
        key: value for key, value in case_study_body.items() if key not in ("slug", "organization")
    }
    body["linked_courses"] = ["draft-course"]

    response = client_for(staff["author"]).put(f"{AUTHORING}twin-line/", body, format="json")

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "linked_courses": ["Course 'draft-course' does not exist or is not published."]
    }
    assert list(CaseStudy.objects.get().linked_courses.all()) == []


def make_draft_package() -> dict[str, Any]:
    from tests.courses.conftest import make_package

    return make_package(slug="draft-course")


def test_a_linked_course_archived_later_is_shown_as_unavailable(
    framework: None,
    staff: dict[str, User],
    case_study_body: dict[str, Any],
    publish: Callable[..., None],
) -> None:
    from tests.courses.conftest import make_package

    publish(make_package(slug="plc-basics"))
    case_study_body["linked_courses"] = ["plc-basics"]
    create(staff, case_study_body)
    walk_to_published(staff)
    courses_api.transition_version(user=staff["approver"], slug="plc-basics", action="archive")

    response = APIClient().get("/api/v1/practices/twin-line/")

    assert response.status_code == 200
    assert response.json()["linked_courses"] == [
        {"slug": "plc-basics", "title": "PLC Basics", "is_available": False}
    ]


def test_the_workflow_needs_a_reviewer_then_a_different_approver(
    published: dict[str, User],
) -> None:
    case_study = CaseStudy.objects.get()

    assert case_study.state == "published"
    assert [step.action for step in case_study.transitions.all()] == [
        "submit",
        "approve",
        "publish",
    ]


def test_an_author_cannot_approve_their_own_case_study(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    from accounts.models import Membership, Organization

    Membership.objects.create(
        user=staff["author"], organization=Organization.objects.get(slug="rhine"), role="reviewer"
    )
    create(staff, case_study_body)
    client = client_for(staff["author"])
    client.post(f"{AUTHORING}twin-line/transitions", {"action": "submit"}, format="json")

    response = client.post(
        f"{AUTHORING}twin-line/transitions", {"action": "approve"}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "separation_of_duties"
    assert CaseStudy.objects.get().state == "in_review"


def test_each_user_is_offered_only_the_review_steps_they_may_take(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    from accounts.models import Membership, Organization

    # The author also reviews: once they submitted, they may not approve their own work.
    Membership.objects.create(
        user=staff["author"], organization=Organization.objects.get(slug="rhine"), role="reviewer"
    )

    def offered(role: str) -> list[str]:
        answer = client_for(staff[role]).get(f"{AUTHORING}twin-line/")
        assert answer.status_code == 200
        return list(answer.json()["allowed_actions"])

    assert create(staff, case_study_body)["allowed_actions"] == ["submit"]
    assert (offered("reviewer"), offered("approver")) == ([], [])
    client_for(staff["author"]).post(
        f"{AUTHORING}twin-line/transitions", {"action": "submit"}, format="json"
    )
    assert offered("author") == ["request_changes"]
    assert offered("reviewer") == ["request_changes", "approve"]
    assert offered("approver") == []
    client_for(staff["reviewer"]).post(
        f"{AUTHORING}twin-line/transitions", {"action": "approve"}, format="json"
    )
    assert offered("approver") == ["publish"]


def test_a_reviewer_requests_changes_with_a_comment(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    create(staff, case_study_body)
    client_for(staff["author"]).post(
        f"{AUTHORING}twin-line/transitions", {"action": "submit"}, format="json"
    )

    response = client_for(staff["reviewer"]).post(
        f"{AUTHORING}twin-line/transitions",
        {"action": "request_changes", "comment": "Add the OEE figures."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["state"] == "draft"
    assert response.json()["transitions"][-1]["comment"] == "Add the OEE figures."


def test_each_review_step_is_audited_and_a_refused_one_is_not(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    create(staff, case_study_body)
    steps = [
        ("author", "submit", ""),
        ("reviewer", "request_changes", "Add the OEE figures."),
        ("author", "submit", ""),
        ("reviewer", "approve", ""),
        ("author", "publish", ""),  # refused: not an approver
        ("approver", "publish", "Good."),
    ]
    for role, action, comment in steps:
        client_for(staff[role]).post(
            f"{AUTHORING}twin-line/transitions",
            {"action": action, "comment": comment},
            format="json",
            REMOTE_ADDR="192.0.2.4",
        )

    rows = list(
        AuditEvent.objects.filter(action="case_study_reviewed")
        .order_by("pk")
        .values_list("actor", "target_type", "target_id", "ip_address", "details")
    )
    assert rows == [
        (
            staff[role].pk,
            "case_study",
            "twin-line",
            "192.0.2.4",
            {"step": action, "from": before, "to": after, "comment": comment},
        )
        for role, action, before, after, comment in [
            ("author", "submit", "draft", "in_review", ""),
            ("reviewer", "request_changes", "in_review", "draft", "Add the OEE figures."),
            ("author", "submit", "draft", "in_review", ""),
            ("reviewer", "approve", "in_review", "approved", ""),
            ("approver", "publish", "approved", "published", "Good."),
        ]
    ]


def test_publishing_before_approval_is_refused(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    create(staff, case_study_body)

    response = client_for(staff["approver"]).post(
        f"{AUTHORING}twin-line/transitions", {"action": "publish"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "A Draft case study cannot be moved with 'publish'."
    assert CaseStudy.objects.get().state == "draft"


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 401), ("outsider", 404), ("learner", 404), ("reviewer", 403), ("author", 200)],
)
def test_editing_a_draft_permission_matrix(
    framework: None,
    staff: dict[str, User],
    case_study_body: dict[str, Any],
    who: str | None,
    expected: int,
) -> None:
    create(staff, case_study_body)
    body = {
        key: value for key, value in case_study_body.items() if key not in ("slug", "organization")
    }
    body["sector"] = "energy"

    response = client_for(staff[who] if who else None).put(
        f"{AUTHORING}twin-line/", body, format="json"
    )

    assert response.status_code == expected
    assert CaseStudy.objects.get().sector == ("energy" if expected == 200 else "food")


@pytest.mark.parametrize(
    ("who", "expected"), [("outsider", 404), ("learner", 404), ("author", 201)]
)
def test_creating_for_an_organisation_permission_matrix(
    framework: None,
    staff: dict[str, User],
    case_study_body: dict[str, Any],
    who: str,
    expected: int,
) -> None:
    response = client_for(staff[who]).post(AUTHORING, case_study_body, format="json")

    assert response.status_code == expected
    assert CaseStudy.objects.count() == (1 if expected == 201 else 0)


def test_drafts_are_not_in_the_public_library(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    create(staff, case_study_body)

    assert APIClient().get("/api/v1/practices/").json()["count"] == 0
    assert APIClient().get("/api/v1/practices/twin-line/").status_code == 404


def test_the_detail_is_in_the_readers_language_with_fallback_and_sanitised(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    case_study_body["translations"]["en"]["results"] = "Done <script>alert(1)</script>"
    create(staff, case_study_body)
    walk_to_published(staff)

    data = APIClient().get("/api/v1/practices/twin-line/", {"lang": "zh-Hans"}).json()

    assert data["title"] == "灌装线的数字孪生应用"
    assert data["served_language"] == "zh-hans"
    assert data["problem_html"] == "<p>调试需要六周。</p>"
    assert data["solution_html"] == "<p>A twin per ISO 23247.</p>"  # the primary language's
    assert data["results_html"] == "<p>Done </p>"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"search": "数字孪生"}, 1),
        ({"search": "bottling twin"}, 1),
        ({"search": "robot"}, 0),
        ({"standard": "ISO 23247"}, 1),
        ({"standard": "IEC 62443"}, 0),
        ({"competency": "AUT.PLC"}, 1),
        ({"competency": "AUT"}, 1),
        ({"competency": "SEC"}, 0),
        ({"sector": "food", "country": "DE"}, 1),
    ],
)
def test_the_library_searches_and_filters(
    api_client: APIClient, published: dict[str, User], query: dict[str, str], expected: int
) -> None:
    assert api_client.get("/api/v1/practices/", query).json()["count"] == expected


def test_a_standard_filter_finds_case_studies_through_their_competencies(
    api_client: APIClient, published: dict[str, User]
) -> None:
    from courses.models import Competency, Standard

    Competency.objects.get(code="AUT.PLC").standards.add(Standard.objects.get(code="IEC 61131-3"))

    results = api_client.get("/api/v1/practices/", {"standard": "IEC 61131-3"}).json()["results"]

    assert [item["slug"] for item in results] == ["twin-line"]


def test_the_library_list_runs_a_fixed_number_of_queries(
    api_client: APIClient,
    framework: None,
    staff: dict[str, User],
    case_study_body: dict[str, Any],
    django_assert_num_queries: Any,
) -> None:
    for number in range(5):
        create(staff, {**case_study_body, "slug": f"case-{number}"})
        walk_to_published(staff, f"case-{number}")

    # count, page with organisations, standards, competencies
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/practices/", {"page_size": 5})

    assert response.json()["count"] == 5


def test_an_attachment_goes_through_the_upload_checks(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    create(staff, case_study_body)
    client = client_for(staff["author"])
    disguised = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")

    refused = client.post(
        f"{AUTHORING}twin-line/attachments", {"file": disguised}, format="multipart"
    )
    accepted = client.post(
        f"{AUTHORING}twin-line/attachments",
        {"file": SimpleUploadedFile("figures.csv", b"line,oee\nA,0.81\n")},
        format="multipart",
    )

    assert refused.status_code == 400
    assert refused.json()["code"] == "unsupported_type"
    assert accepted.status_code == 201
    assert accepted.json()["filename"] == "figures.csv"
    assert CaseStudyAttachment.objects.count() == 1


def test_an_attachment_of_a_draft_is_not_served_to_others(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    create(staff, case_study_body)
    client_for(staff["author"]).post(
        f"{AUTHORING}twin-line/attachments",
        {"file": SimpleUploadedFile("figures.csv", b"line,oee\nA,0.81\n")},
        format="multipart",
    )
    name = CaseStudyAttachment.objects.get().file.name

    with pytest.raises(CaseStudyAttachment.DoesNotExist):
        practices_api.open_attachment_file(user=staff["outsider"], name=name)
    assert practices_api.open_attachment_file(user=staff["reviewer"], name=name).download_name == (
        "figures.csv"
    )


def test_a_verifier_of_the_organisation_sees_no_unpublished_case_study(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    from accounts.models import Organization
    from tests.factories import MembershipFactory, UserFactory

    verifier = UserFactory(email="registrar@rhine.example")
    MembershipFactory(
        user=verifier, organization=Organization.objects.get(slug="rhine"), role="verifier"
    )
    create(staff, case_study_body)
    client_for(staff["author"]).post(
        f"{AUTHORING}twin-line/attachments",
        {"file": SimpleUploadedFile("figures.csv", b"line,oee\nA,0.81\n")},
        format="multipart",
    )
    name = CaseStudyAttachment.objects.get().file.name
    client = client_for(verifier)

    detail = client.get(f"{AUTHORING}twin-line/")
    unknown = client.get(f"{AUTHORING}no-such-case-study/")

    assert (detail.status_code, detail.json()) == (404, unknown.json())
    assert client.get(AUTHORING).json()["count"] == 0
    with pytest.raises(CaseStudyAttachment.DoesNotExist):
        practices_api.open_attachment_file(user=verifier, name=name)
    assert CaseStudy.objects.get().state == "draft"


def test_a_dead_linked_course_is_named_in_the_readers_language(
    framework: None, staff: dict[str, User], case_study_body: dict[str, Any]
) -> None:
    case_study_body["linked_courses"] = ["gone"]

    response = client_for(staff["author"]).post(
        AUTHORING, case_study_body, format="json", HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.json()["fields"] == {
        "linked_courses": ["Der Kurs „gone“ existiert nicht oder ist nicht veröffentlicht."]
    }
