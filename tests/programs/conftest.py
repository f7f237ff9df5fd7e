"""Programs fixtures: three published courses of one institution, its staff, a program over
them, and course certificates earned the way the platform issues them (recognised prior
learning, then the issuing task, its signals run on commit)."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from programs import api as programs_api
from programs.models import Program
from tests.courses.conftest import make_package
from tests.enrollment.conftest import _fresh_outline_cache, framework, institution, publish, staff

__all__ = ["_fresh_outline_cache", "framework", "institution", "publish", "staff"]

COURSES = ("plc-basics", "opc-ua-basics", "digital-twins")


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def courses(publish: Callable[..., None]) -> tuple[str, ...]:
    """Three published courses of the Rhine TU, in this order."""
    for slug in COURSES:
        publish(make_package(slug=slug))
    return COURSES


@pytest.fixture
def make_program(staff: dict[str, User], courses: tuple[str, ...]) -> Callable[..., Program]:
    """A program of the Rhine TU over `course_slugs` (all three by default), published unless
    asked otherwise."""

    def run(
        *,
        kind: str = "ordered",
        required_count: int | None = None,
        course_slugs: tuple[str, ...] = COURSES,
        title: str = "Smart Factory Engineer",
        publish: bool = True,
    ) -> Program:
        program = programs_api.create_program(
            user=staff["author"],
            organization_slugs=["rhine"],
            fields={
                "kind": kind,
                "required_count": required_count,
                "primary_language": "en",
                "translations": {
                    "en": {"title": title, "summary": "Automation to digital twins."},
                    "de": {"title": "Smart-Factory-Ingenieur"},
                },
            },
        )
        programs_api.set_program_courses(
            user=staff["author"], slug=program.slug, course_slugs=list(course_slugs)
        )
        if publish:
            programs_api.publish_program(user=staff["approver"], slug=program.slug)
        program.refresh_from_db()
        return program

    return run


@pytest.fixture
def earn(
    staff: dict[str, User], tasks_in_process: None, django_capture_on_commit_callbacks: Any
) -> Callable[[User, str], Certificate]:
    """The learner earns the course's certificate, issued as the platform issues it; the
    signals sent on commit (and what they queue: the program check) run too."""

    def run(learner: User, course_slug: str) -> Certificate:
        with django_capture_on_commit_callbacks(execute=True):
            certificate = certificates_api.issue_for_prior_learning(
                user=staff["approver"],
                course_slug=course_slug,
                learner_email=learner.email,
                note="Industrial experience, assessed by interview.",
            )
        certificate.refresh_from_db()
        assert certificate.state == "issued"
        return certificate

    return run
