"""Demo catalog: the shipped competency framework and the course packages in devdata/data/."""

import json
from pathlib import Path
from typing import Any

from courses import api as courses_api
from courses.models import Course, CourseVersion

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_framework() -> int:
    """Load (or refresh) the competency framework shipped with the courses app."""
    return courses_api.load_shipped_competency_framework()


def _packages_in_dependency_order() -> list[dict[str, Any]]:
    packages = {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((DATA_DIR / "demo_courses").glob("*.json"))
    }
    ordered: list[dict[str, Any]] = []
    placed: set[str] = set()

    def place(slug: str, trail: tuple[str, ...] = ()) -> None:
        if slug in placed or slug not in packages or slug in trail:
            return
        for prerequisite in packages[slug]["course"].get("prerequisites", []):
            place(prerequisite, (*trail, slug))
        placed.add(slug)
        ordered.append(packages[slug])

    for slug in packages:
        place(slug)
    return ordered


def _publish(slug: str, package: dict[str, Any]) -> None:
    """Walk the course to published, resuming wherever an interrupted earlier run stopped."""
    course = Course.objects.filter(slug=slug).first()
    working = courses_api.working_version(course=course) if course else None
    state = working.state if working else CourseVersion.State.DRAFT
    if state == CourseVersion.State.DRAFT:
        courses_api.import_course_package(user=None, data=package)
    steps = {
        "draft": ("submit", "approve", "publish"),
        "in_review": ("approve", "publish"),
        "approved": ("publish",),
    }[state]
    for action in steps:
        courses_api.transition_version(user=None, slug=slug, action=action, comment="Demo data")


def seed_catalog() -> list[str]:
    """Import and publish every demo course not yet published; return the published slugs."""
    load_framework()
    published = []
    for package in _packages_in_dependency_order():
        slug = package["course"]["slug"]
        if not Course.objects.filter(slug=slug, published_version__isnull=False).exists():
            _publish(slug, package)
        published.append(slug)
    return published
