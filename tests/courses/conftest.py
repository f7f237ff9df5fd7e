"""Fixtures for courses tests: a framework, an institution with staff, a small valid package."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import Organization, User
from courses import api as courses_api
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

FRAMEWORK = [
    {
        "code": "AUT",
        "parent": None,
        "translations": {
            "en": {"name": "Automation and control", "description": "Control."},
            "de": {"name": "Automatisierung", "description": "Steuerung."},
        },
    },
    {
        "code": "AUT.PLC",
        "parent": "AUT",
        "translations": {
            "en": {"name": "PLC programming", "description": "IEC 61131-3."},
            "zh-hans": {"name": "PLC 编程", "description": "IEC 61131-3。"},
        },
    },
    {
        "code": "SEC",
        "parent": None,
        "translations": {"en": {"name": "Industrial cybersecurity", "description": "OT."}},
    },
]


def make_package(slug: str = "plc-basics", institution: str = "rhine", **course: Any) -> dict:
    """A small valid icim-course/1 package in English and German."""

    def texts(**values: str) -> dict[str, dict[str, str]]:
        return {"en": dict(values), "de": {key: f"{value} (de)" for key, value in values.items()}}

    package = {
        "format": "icim-course/1",
        "course": {
            "slug": slug,
            "code": "PLC-101",
            "primary_language": "en",
            "languages": ["en", "de"],
            "level": "beginner",
            "estimated_hours": 12,
            "institutions": [institution],
            "prerequisites": [],
            "competencies": ["AUT.PLC"],
            "certificate_validity_months": None,
            "pass_mark": 70,
            "show_grade_on_certificate": True,
            "translations": texts(
                title="PLC Basics",
                summary="Learn the scan cycle.",
                description="Timers, counters and **structured text**.",
            ),
            "modules": [
                {
                    "translations": texts(title="The scan cycle"),
                    "lessons": [
                        {
                            "kind": "text",
                            "duration_minutes": 20,
                            "competencies": ["AUT.PLC"],
                            "translations": texts(
                                title="Inputs, logic, outputs", body="A PLC reads."
                            ),
                        },
                        {
                            "kind": "video",
                            "duration_minutes": 8,
                            "competencies": [],
                            "video_url": "https://media.icim.example/plc-1.mp4",
                            "translations": texts(
                                title="Watch a scan", body="Intro", transcript="Hello."
                            ),
                        },
                    ],
                },
                {
                    "translations": texts(title="Check yourself"),
                    "lessons": [
                        {
                            "kind": "quiz",
                            "duration_minutes": 10,
                            "competencies": ["AUT.PLC"],
                            "translations": texts(title="Final quiz", body="Answer all."),
                            "quiz": {
                                "pass_mark": 70,
                                "attempts_allowed": 3,
                                "weight": 1,
                                "questions": [
                                    {
                                        "kind": "single_choice",
                                        "points": 1,
                                        "translations": texts(
                                            prompt="Which language is graphical?",
                                            explanation="LD is.",
                                        ),
                                        "options": [
                                            {
                                                "is_correct": True,
                                                "translations": {"en": "LD", "de": "KOP"},
                                            },
                                            {
                                                "is_correct": False,
                                                "translations": {"en": "ST", "de": "ST"},
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "numeric",
                                        "points": 2,
                                        "answer": 3.3,
                                        "tolerance": 0.05,
                                        "translations": texts(prompt="Scan time in ms?"),
                                    },
                                    {
                                        "kind": "true_false",
                                        "points": 1,
                                        "answer": True,
                                        "translations": texts(prompt="A PLC scans cyclically."),
                                    },
                                    {
                                        "kind": "short_text",
                                        "points": 1,
                                        "accepted_answers": {
                                            "en": ["ladder"],
                                            "de": ["kontaktplan"],
                                        },
                                        "translations": texts(prompt="Name LD in words."),
                                    },
                                ],
                            },
                        },
                    ],
                },
            ],
        },
    }
    package["course"].update(course)
    return copy.deepcopy(package)


@pytest.fixture
def framework(db: None) -> None:
    courses_api.load_competency_framework(entries=FRAMEWORK)


@pytest.fixture
def institution(db: None) -> Organization:
    return OrganizationFactory(slug="rhine", name="Rhine TU", country="DE")


@pytest.fixture
def staff(institution: Organization) -> dict[str, User]:
    """One member per staff role of the institution, its verifier, an author of another
    institution and a learner."""
    people = {}
    for role in ("author", "reviewer", "approver", "admin"):
        people[role] = UserFactory(email=f"{role}@rhine.example")
        MembershipFactory(user=people[role], organization=institution, role=role)
    people["outsider"] = UserFactory(email="author@elsewhere.example")
    MembershipFactory(
        user=people["outsider"],
        role="author",
        organization=OrganizationFactory(slug="elsewhere", country="CN"),
    )
    people["learner"] = UserFactory(email="learner@example.org")
    # A verifier of the institution itself (the employer's role, granted here): checks
    # credentials, never sees courses being made.
    people["verifier"] = UserFactory(email="verifier@rhine.example")
    MembershipFactory(user=people["verifier"], organization=institution, role="verifier")
    return people


@pytest.fixture
def publish(framework: None, staff: dict[str, User]) -> Callable[..., None]:
    """Import a package as the author and walk it through review to published."""

    def run(package: dict[str, Any]) -> None:
        courses_api.import_course_package(user=staff["author"], data=package)
        slug = package["course"]["slug"]
        courses_api.transition_version(user=staff["author"], slug=slug, action="submit")
        courses_api.transition_version(user=staff["reviewer"], slug=slug, action="approve")
        courses_api.transition_version(user=staff["approver"], slug=slug, action="publish")

    return run
