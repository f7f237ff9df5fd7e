"""E-learning package lessons in tests: a published course whose one required lesson plays a
package, uploads run through the storing task, and zips made to order."""

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import CourseVersion
from enrollment import api as enrollment_api
from tests.courses.conftest import make_package

SLUG = "fire-safety"


def package_course(publish: Callable[..., None], *, pass_mark: int = 70) -> dict[str, Any]:
    """Publish a course of one module with a required package lesson and a text lesson; its
    version and lesson keys."""
    package = make_package(slug=SLUG, pass_mark=pass_mark)
    texts = {"en": {"title": "Fire safety"}, "de": {"title": "Brandschutz"}}
    package["course"]["modules"] = [
        {
            "translations": {"en": {"title": "Safety"}, "de": {"title": "Sicherheit"}},
            "lessons": [
                {"kind": "package", "duration_minutes": 15, "translations": texts},
                {
                    "kind": "text",
                    "is_required": False,
                    "translations": {"en": {"title": "Notes"}, "de": {"title": "Notizen"}},
                },
            ],
        }
    ]
    publish(package)
    version = CourseVersion.objects.get(course__slug=SLUG, state="published")
    lessons = {
        lesson.kind: lesson for module in version.modules.all() for lesson in module.lessons.all()
    }
    return {
        "version": version,
        "package": str(lessons["package"].key),
        "text": str(lessons["text"].key),
    }


def package_url(course: dict[str, Any]) -> str:
    return f"/api/v1/authoring/courses/{SLUG}/lessons/{course['package']}/package"


def upload(
    user: User,
    course: dict[str, Any],
    data: bytes,
    capture: Callable[..., Any],
    *,
    name: str = "package.zip",
    language: str = "en",
) -> Any:
    """POST `data` as `user` and run the storing task queued on commit; the answer."""
    client = APIClient()
    client.force_authenticate(user)
    with capture(execute=True):
        return client.post(
            package_url(course),
            {"file": SimpleUploadedFile(name, data, content_type="application/zip")},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE=language,
        )


def make_zip(
    files: dict[str, bytes | str], *, infos: tuple[tuple[zipfile.ZipInfo, bytes], ...] = ()
) -> bytes:
    """A zip of `files` (deflated), then entries with hand-made headers."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        for info, content in infos:
            archive.writestr(info, content)
    return buffer.getvalue()


CONTENT_HOST = "content.testserver"


@pytest.fixture
def content_origin(settings: Settings, tmp_path: Path) -> str:
    """The content origin at its own test host; media in a temp folder."""
    settings.MEDIA_ROOT = tmp_path
    settings.PACKAGE_CONTENT_ORIGIN = f"http://{CONTENT_HOST}"
    settings.PACKAGE_PLATFORM_ORIGIN = "http://testserver"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, CONTENT_HOST]
    return str(settings.PACKAGE_CONTENT_ORIGIN)


@pytest.fixture
def learning(
    publish: Callable[..., None],
    staff: dict[str, User],
    content_origin: str,
    tasks_in_process: None,
    django_capture_on_commit_callbacks: Any,
) -> Callable[..., dict[str, Any]]:
    """A published package course whose lesson plays the package `build()` makes (the author
    uploaded it, the task stored it), and the learner's active enrollment."""

    def run(data: bytes) -> dict[str, Any]:
        course = package_course(publish)
        response = upload(staff["author"], course, data, django_capture_on_commit_callbacks)
        assert response.status_code == 202, response.content
        enrollment = enrollment_api.enroll(user=staff["learner"], course_slug=SLUG)
        return {**course, "enrollment": enrollment, "learner": staff["learner"]}

    return run


def launch(user: User, enrollment_id: int, lesson_key: str) -> Any:
    """POST the launch as the SPA does (session; CSRF is the browser's)."""
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/enrollments/{enrollment_id}/lessons/{lesson_key}/launch")


def token_of(launch_url: str) -> str:
    return launch_url.split("/p/", 1)[1].rstrip("/")


def content_client() -> Client:
    """A browser on the content origin: no session there."""
    return Client(HTTP_HOST=CONTENT_HOST)
