"""A resource link launch from the test platform, end to end over real HTTP."""

from typing import Any

import pytest
from django.test import Client
from lti_tool.models import LtiRegistration

from accounts.models import AuditEvent, User
from courses.models import CourseVersion
from enrollment.models import Enrollment
from lrs.models import Statement
from lti.models import GradeLink, LtiAccount
from tests.lti.conftest import launch
from tests.lti.platform import Platform

pytestmark = pytest.mark.django_db


def test_a_learner_launch_creates_the_account_enrols_and_opens_the_course(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    response = launch(client, platform)

    assert response.status_code == 200, response.content
    account = LtiAccount.objects.get()
    assert (account.issuer, account.subject) == (platform.issuer, "sub-1")
    user = account.user
    assert user.full_name == "Ada Lovelace"
    assert user.email.endswith("@lti.invalid")
    enrollment = Enrollment.objects.get(user=user)
    assert enrollment.course.slug == "plc-basics"
    link = GradeLink.objects.get()
    assert (link.user, link.lineitem_url, link.subject) == (user, platform.lineitem_url, "sub-1")
    assert "frame-ancestors" in response["Content-Security-Policy"]
    assert platform.base_url in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    open_url = response.context["open_url"]

    opened = Client().get(open_url.removeprefix("http://testserver"))

    assert opened.status_code == 302
    assert opened["Location"] == f"/learn/{enrollment.pk}"
    assert (
        AuditEvent.objects.filter(action="login", actor=user, details={"via": "lti"}).count() == 1
    )


def test_a_second_launch_reuses_the_account_and_the_enrolment(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    launch(client, platform)
    launch(Client(), platform)

    assert LtiAccount.objects.count() == 1
    assert Enrollment.objects.count() == 1
    assert GradeLink.objects.count() == 1


def test_an_existing_account_with_the_lms_address_is_never_taken_over(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    owner = User.objects.create_user("ada@example.org", password="x")

    launch(client, platform)

    assert LtiAccount.objects.get().user != owner
    assert not Enrollment.objects.filter(user=owner).exists()


def test_a_launch_of_a_lesson_opens_that_lesson(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    lesson = str(
        CourseVersion.objects.get(state="published").modules.first().lessons.first().key  # type: ignore[union-attr]
    )
    platform.next_claims = {
        "https://purl.imsglobal.org/spec/lti/claim/custom": {
            "icim_course": "plc-basics",
            "icim_lesson": lesson,
        }
    }

    response = launch(client, platform)

    enrollment = Enrollment.objects.get()
    opened = Client().get(response.context["open_url"].removeprefix("http://testserver"))
    assert opened["Location"] == f"/learn/{enrollment.pk}/{lesson}"


def test_a_ticket_opens_once(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    response = launch(client, platform)
    path = response.context["open_url"].removeprefix("http://testserver")
    assert Client().get(path).status_code == 302

    again = Client().get(path)

    assert again.status_code == 403
    assert b"already used" in again.content


def _audited_refusals() -> list[Any]:
    return list(
        AuditEvent.objects.filter(action="login_failed", target_type="lti_launch").values_list(
            "details__reason", flat=True
        )
    )


def test_a_learner_launch_is_kept_as_an_xapi_statement_with_the_lms_context(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    launch(client, platform)

    enrollment = Enrollment.objects.get()
    launched = list(
        Statement.objects.filter(verb_id="http://adlnet.gov/expapi/verbs/launched").values_list(
            "statement", flat=True
        )
    )
    assert len(launched) == 1
    statement = launched[0]
    assert statement["actor"]["account"] == {
        "homePage": "http://127.0.0.1:8000",
        "name": str(enrollment.user_id),
    }
    assert statement["object"]["id"] == "http://127.0.0.1:8000/courses/plc-basics"
    assert statement["context"]["registration"] == str(enrollment.registration)
    extensions = statement["context"]["extensions"]
    assert extensions["https://purl.imsglobal.org/spec/lti/claim/context"]["id"] == "course-101"
    assert extensions["https://purl.imsglobal.org/spec/lti/claim/tool_platform"] == {
        "issuer": platform.issuer
    }


def test_the_launch_page_may_be_framed_by_the_origins_the_signed_launch_names(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    platform.next_claims = {
        "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {
            "return_url": "https://school.instructure.example/courses/1/external_content/success"
        },
        "https://purl.imsglobal.org/spec/lti/claim/tool_platform": {
            "guid": "g",
            "url": "https://canvas.school.example/",
        },
    }

    response = launch(client, platform)

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-ancestors"].split() == [
        platform.base_url,
        "https://canvas.school.example",
        "https://school.instructure.example",
    ]
