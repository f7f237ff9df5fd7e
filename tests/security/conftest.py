"""A small world for security tests: one institution with a member per role, a published course,
a learner holding a certificate, a second learner, a member of another institution, a verifier."""

import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from accounts import api as accounts_api
from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate, StatusList
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from tests import learning
from tests.enrollment.conftest import (
    _fresh_outline_cache,
    course,
    framework,
    institution,
    publish,
    staff,
)
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

__all__ = ["_fresh_outline_cache", "course", "framework", "institution", "publish", "staff"]

ROLES = ("author", "reviewer", "approver", "admin")


@dataclass
class World:
    """Everyone and everything the security tests act on."""

    users: dict[str, User]
    course_slug: str
    lesson_key: str
    quiz_key: str
    video_key: str
    enrollment: Enrollment
    other_enrollment: Enrollment
    certificate: Certificate
    status_list_id: int
    tokens: dict[str, str] = field(default_factory=dict)
    token_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    comment_id: int = 0
    credential: bytes = b""
    signatory_id: int = 0
    invitation_id: int = 0
    invitation_token: str = ""
    # The online exchange (set by the authorization table): an event's draft, a running
    # published event with an attended registration and its credential, case studies by state.
    draft_event_slug: str = ""
    event_slug: str = ""
    check_in_code: str = ""
    attendance_credential_id: str = ""
    # Programs (set by the authorization table): Rhine's draft and published programs over the
    # course, and the learner's credential of the published one.
    draft_program_slug: str = ""
    program_slug: str = ""
    program_credential_id: str = ""

    def bearer(self, identity: str) -> dict[str, str]:
        """Headers that authenticate as `identity` (none for `anonymous`)."""
        if identity == "anonymous":
            return {}
        if identity not in self.tokens:
            token, secret = accounts_api.create_api_token(
                email=self.users[identity].email, password=TEST_PASSWORD, name="security"
            )
            self.tokens[identity] = secret
            self.token_ids[identity] = token.pk
        return {"Authorization": f"Bearer {self.tokens[identity]}"}


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def _no_throttling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Throttles would turn a fuzzer's or a table's many requests into 429s."""
    from config.throttling import ScopedWindowThrottle

    monkeypatch.setattr(ScopedWindowThrottle, "allow_request", lambda self, request, view: True)


def _complete(learner: User, course: dict[str, Any]) -> Enrollment:
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    for kind, key, payload in [
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
        ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
    ]:
        learning.record_event(
            user=learner,
            enrollment_id=enrollment.pk,
            event_id=uuid.uuid4(),
            kind=kind,
            lesson_key=uuid.UUID(key),
            payload=payload,
        )
    enrollment.refresh_from_db()
    return enrollment


@pytest.fixture
def world(
    course: dict[str, Any],
    staff: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> World:
    from certificates.tasks import issue_certificate_task

    # The certificate is issued below, in this process; no task is queued.
    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    users = {role: staff[role] for role in ROLES}
    users["outsider"] = staff["outsider"]
    users["learner"] = staff["learner"]
    users["other_learner"] = UserFactory(email="other-learner@example.org")
    users["verifier"] = UserFactory(email="hr@employer.example")
    MembershipFactory(
        user=users["verifier"],
        role="verifier",
        organization=OrganizationFactory(slug="employer", kind="employer", country="JP"),
    )
    enrollment = _complete(users["learner"], course)
    certificate = certificates_api.issue_certificate(enrollment_id=enrollment.pk)
    other_enrollment = enrollment_api.enroll(user=users["other_learner"], course_slug="plc-basics")
    status_list = StatusList.objects.order_by("pk").first()
    assert status_list is not None
    signatory = certificates_api.add_template_signatory(
        user=users["admin"], organization_slug="rhine", changes={"name": "Dr. Anna Weber"}
    )
    return World(
        users=users,
        course_slug="plc-basics",
        lesson_key=course["text"],
        quiz_key=course["quiz"],
        video_key=course["video"],
        enrollment=enrollment,
        other_enrollment=other_enrollment,
        certificate=certificate,
        status_list_id=status_list.pk,
        signatory_id=signatory.pk,
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how much the fuzzer did, so a run's coverage is visible."""
    test_fuzz = sys.modules.get("tests.security.test_fuzz")
    if test_fuzz is None:
        return
    statistics = test_fuzz.FUZZ_STATISTICS
    if statistics["examples"]:
        terminalreporter.write_line(
            f"API fuzzing: {len(statistics['operations'])} operations, "
            f"{statistics['examples']} examples, "
            f"each sent as {len(test_fuzz.IDENTITIES)} identities"
        )
