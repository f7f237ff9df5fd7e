"""E-learning package lessons in tests: a published course whose one required lesson plays a
package, uploads run through the storing task, and zips made to order."""

import io
import zipfile
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import CourseVersion
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
