"""Course covers: Pillow's checks and sizes, the authoring endpoint, the catalog, who may read."""

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from courses.covers import COVER_NOT_AN_IMAGE, render_cover
from courses.models import Course
from tests.courses.conftest import make_package

COVER_URL = "/api/v1/authoring/courses/plc-basics/cover"


def _picture(width: int, height: int, *, format: str = "JPEG", **options: Any) -> bytes:
    """A picture whose left half is red and right half blue, so crops can be told apart."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def _rgb(image: Image.Image, where: tuple[int, int]) -> tuple[int, ...]:
    pixel = image.getpixel(where)
    assert isinstance(pixel, tuple)
    return pixel


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def course(publish: Callable[..., None]) -> dict[str, Any]:
    publish(make_package())
    return {"slug": "plc-basics"}


@pytest.fixture
def draft(framework: None, staff: dict[str, User]) -> Course:
    courses_api.import_course_package(user=staff["author"], data=make_package())
    return Course.objects.get(slug="plc-basics")


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _put(user: User, content: bytes, name: str = "cover.jpg") -> Any:
    return _client(user).put(
        COVER_URL, {"file": SimpleUploadedFile(name, content)}, format="multipart"
    )


# --- the picture ------------------------------------------------------------------------------


def test_a_large_picture_gives_three_16_9_sizes_in_every_format_without_metadata() -> None:
    sizes = render_cover(_picture(2400, 1600, exif=Image.Exif()))

    assert [(size.width, size.height) for size in sizes] == [(480, 270), (960, 540), (1600, 900)]
    for size in sizes:
        assert set(size.files) == {"avif", "webp", "jpg"}
        for extension, content in size.files.items():
            with Image.open(io.BytesIO(content)) as written:
                assert written.format == {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG"}[extension]
                assert written.size == (size.width, size.height)
                assert "exif" not in written.info
    # Cropped around the centre: both halves are still there.
    with Image.open(io.BytesIO(sizes[0].files["jpg"])) as small:
        left, right = _rgb(small, (10, 135)), _rgb(small, (470, 135))
    assert left[0] > 150 > left[2]
    assert right[2] > 150 > right[0]


def test_a_picture_is_turned_upright_by_its_exif_orientation() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: shown rotated 90° clockwise
    sizes = render_cover(_picture(1200, 2000, exif=exif))

    # 2000 × 1200 once upright: the red half (stored left) is now on top.
    with Image.open(io.BytesIO(sizes[0].files["jpg"])) as small:
        top, bottom = _rgb(small, (240, 10)), _rgb(small, (240, 260))
    assert top[0] > 150 > top[2]
    assert bottom[2] > 150 > bottom[0]
    assert [size.width for size in sizes] == [480, 960, 1600]


def test_a_picture_between_sizes_gets_only_the_widths_it_reaches() -> None:
    assert [size.width for size in render_cover(_picture(1000, 700, format="PNG"))] == [480, 960]
    assert [size.width for size in render_cover(_picture(480, 270, format="WEBP"))] == [480]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.4\n1 0 obj <<>> endobj\n", "not_an_image"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "not_an_image",
        ),
        (_picture(800, 600, format="GIF"), "not_an_image"),
        (
            _picture(1600, 900, quality=95)[: len(_picture(1600, 900, quality=95)) // 2],
            "not_an_image",
        ),
        (b"", "not_an_image"),
        (_picture(400, 300), "too_small"),
        # 50 million pixels in a few kilobytes: refused before it is decoded.
        (_picture(10_000, 5_000, format="PNG"), "too_many_pixels"),
    ],
    ids=["pdf", "svg", "gif", "truncated", "empty", "small", "bomb"],
)
def test_what_is_not_a_usable_picture_is_refused_with_its_reason(
    content: bytes, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a worker that has rendered a certificate: WeasyPrint lets Pillow accept truncation.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(courses_api.covers.ValidationError) as refused:
        render_cover(content)
    assert refused.value.code == code


# --- the endpoint -----------------------------------------------------------------------------


def test_an_author_sets_a_cover_and_the_catalog_and_course_page_show_it(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    catalog_before = _client().get("/api/v1/courses/").json()
    assert catalog_before["results"][0]["cover"] is None

    response = _put(staff["author"], _picture(1920, 1080))

    assert response.status_code == 200, response.content
    cover = response.json()
    course_row = Course.objects.get(slug="plc-basics")
    key = course_row.cover["key"]
    base = f"/media/covers/{course_row.pk}/{key}"
    assert cover == {
        "sources": [
            {
                "type": "image/avif",
                "srcset": f"{base}/480.avif 480w, {base}/960.avif 960w, {base}/1600.avif 1600w",
            },
            {
                "type": "image/webp",
                "srcset": f"{base}/480.webp 480w, {base}/960.webp 960w, {base}/1600.webp 1600w",
            },
        ],
        "src": f"{base}/960.jpg",
        "srcset": f"{base}/480.jpg 480w, {base}/960.jpg 960w, {base}/1600.jpg 1600w",
        "width": 1600,
        "height": 900,
    }
    # The cached catalog and course page change at once.
    assert _client().get("/api/v1/courses/").json()["results"][0]["cover"] == cover
    assert _client().get("/api/v1/courses/plc-basics/").json()["cover"] == cover
    assert (
        _client(staff["reviewer"]).get("/api/v1/authoring/courses/plc-basics/").json()["cover"]
        == cover
    )

    # Anyone may read a published course's cover; its name never changes its bytes.
    served = _client().get(f"{base}/480.webp")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/webp"
    assert served["Cache-Control"] == "public, max-age=31536000, immutable"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in served.get("Content-Disposition", "")
    with Image.open(io.BytesIO(served.getvalue())) as image:
        assert image.size == (480, 270)


def test_a_new_cover_replaces_the_old_and_its_files_are_deleted(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    _put(staff["author"], _picture(1920, 1080))
    first = dict(Course.objects.get(slug="plc-basics").cover)
    course_id = Course.objects.get(slug="plc-basics").pk
    old_name = f"covers/{course_id}/{first['key']}/960.jpg"
    assert default_storage.exists(old_name)

    with django_capture_on_commit_callbacks(execute=True):
        assert (
            _put(staff["author"], _picture(1000, 600, format="PNG"), "new.png").status_code == 200
        )

    second = Course.objects.get(slug="plc-basics").cover
    assert second["key"] != first["key"]
    assert second["widths"] == [480, 960]
    assert not default_storage.exists(old_name)
    assert _client().get(f"/media/{old_name}").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        assert _client(staff["author"]).delete(COVER_URL).status_code == 204
    assert Course.objects.get(slug="plc-basics").cover == {}
    assert not default_storage.exists(f"covers/{course_id}/{second['key']}/480.jpg")
    assert _client().get("/api/v1/courses/plc-basics/").json()["cover"] is None


def test_a_refused_picture_answers_400_with_the_reason_and_keeps_the_old_cover(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    _put(staff["author"], _picture(1920, 1080))
    before = dict(Course.objects.get(slug="plc-basics").cover)

    response = _put(staff["author"], b"GIF89a not really", "cover.jpg")

    assert response.status_code == 400
    assert response.json()["detail"] == str(COVER_NOT_AN_IMAGE)
    assert Course.objects.get(slug="plc-basics").cover == before


def test_a_picture_over_the_limit_answers_413(
    course: dict[str, Any], staff: dict[str, User], settings: Settings
) -> None:
    settings.COVER_MAX_BYTES = 1024 * 1024
    response = _put(staff["author"], _picture(2400, 1600, quality=100, subsampling=0) * 20)
    assert response.status_code == 413
    assert response.json()["detail"] == "The picture is larger than the limit of 1 MB."
    assert Course.objects.get(slug="plc-basics").cover == {}


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("learner", 404), ("outsider", 404), ("reviewer", 403), ("author", 200)],
)
def test_only_an_author_of_an_owning_institution_changes_the_cover(
    course: dict[str, Any], staff: dict[str, User], who: str, status: int
) -> None:
    user = None if who == "anonymous" else staff[who]
    client = _client(user)
    response = client.put(
        COVER_URL,
        {"file": SimpleUploadedFile("cover.jpg", _picture(960, 540))},
        format="multipart",
    )
    assert response.status_code == status
    assert bool(Course.objects.get(slug="plc-basics").cover) is (status == 200)


def test_a_draft_courses_cover_is_shown_to_its_staff_only(
    draft: Course, staff: dict[str, User]
) -> None:
    assert _put(staff["author"], _picture(960, 540)).status_code == 200
    name = f"/media/covers/{draft.pk}/{Course.objects.get(pk=draft.pk).cover['key']}/480.jpg"

    assert _client().get(name).status_code == 404
    assert _client(staff["learner"]).get(name).status_code == 404
    assert _client(staff["outsider"]).get(name).status_code == 404
    seen = _client(staff["reviewer"]).get(name)
    assert seen.status_code == 200
    assert seen["Cache-Control"] == "private, max-age=0, must-revalidate"


@pytest.mark.parametrize(
    "name",
    ["covers/1/x/480.jpg", "covers/abc/def/480.jpg", "covers/1/2/3/480.jpg", "covers/../x.jpg"],
)
def test_names_that_are_not_a_cover_file_are_404(course: dict[str, Any], name: str) -> None:
    assert _client().get(f"/media/{name}").status_code == 404


def test_a_cover_file_of_a_width_or_format_it_does_not_have_is_404(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    _put(staff["author"], _picture(1000, 600))
    cover = Course.objects.get(slug="plc-basics").cover
    base = f"/media/covers/{Course.objects.get(slug='plc-basics').pk}/{cover['key']}"
    assert _client().get(f"{base}/960.jpg").status_code == 200
    assert _client().get(f"{base}/1600.jpg").status_code == 404
    assert _client().get(f"{base}/960.png").status_code == 404
