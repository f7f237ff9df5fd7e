"""Discussions fixtures: a published course of one institution, its staff, an enrolled
learner, an outsider, and staff of another institution."""

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import Membership, User
from courses.models import Course, CourseVersion, Lesson, Module
from enrollment.models import Enrollment
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def make_course(institution: Any, slug: str = "plc-basics") -> Course:
    """A published course with one module and one lesson, built directly (no workflow)."""
    course = Course.objects.create(slug=slug)
    course.institutions.add(institution)
    version = CourseVersion.objects.create(
        course=course,
        number=1,
        state=CourseVersion.State.PUBLISHED,
        code=slug.upper(),
        primary_language="en",
        languages=["en"],
        level="beginner",
        pass_mark=60,
        estimated_hours=2,
        translations={"en": {"title": "PLC basics", "summary": "", "description": ""}},
        published_at=timezone.now(),
    )
    course.published_version = version
    course.save(update_fields=["published_version"])
    module = Module.objects.create(version=version, position=1, translations={"en": {"title": "M"}})
    Lesson.objects.create(module=module, position=1, kind="text", translations={"en": {}})
    return course


def enroll(user: User, course: Course, status: str = Enrollment.Status.ACTIVE) -> Enrollment:
    return Enrollment.objects.create(
        user=user,
        course=course,
        version=course.published_version,
        status=status,
        status_changed_at=timezone.now(),
    )


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    """Who is who: `staff` (author at the owning institution), `learner` (enrolled),
    `classmate` (enrolled), `outsider` (signed in, not enrolled), `other_staff` (staff of
    another institution)."""
    institution = OrganizationFactory(slug="tu-lyon")
    other = OrganizationFactory(slug="other-institute")
    course = make_course(institution)
    old = timezone.now() - timezone.timedelta(days=60)
    staff = UserFactory(email="staff@example.org", full_name="Dr. Staff", date_joined=old)
    MembershipFactory(user=staff, organization=institution, role=Membership.Role.AUTHOR)
    other_staff = UserFactory(email="other@example.org", date_joined=old)
    MembershipFactory(user=other_staff, organization=other, role=Membership.Role.ADMIN)
    learner = UserFactory(
        email="learner@example.org",
        full_name="Li Wei",
        preferred_language="zh-hans",
        date_joined=old,
    )
    classmate = UserFactory(email="classmate@example.org", full_name="Anna", date_joined=old)
    outsider = UserFactory(email="outsider@example.org", date_joined=old)
    enroll(learner, course)
    enroll(classmate, course)
    lesson = Lesson.objects.get(module__version__course=course)
    return SimpleNamespace(
        institution=institution,
        other=other,
        course=course,
        lesson=lesson,
        staff=staff,
        other_staff=other_staff,
        learner=learner,
        classmate=classmate,
        outsider=outsider,
    )


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
