"""Course cover images: an author uploads one picture; Pillow checks it and makes responsive sizes.

An upload must be a JPEG, PNG or WebP picture that Pillow decodes whole, at least
MIN_WIDTH × MIN_HEIGHT and at most MAX_PIXELS (a decompression bomb is refused before it is
decoded). It is turned upright (EXIF orientation), cropped to 16:9 around its centre and written
at each width of WIDTHS that it reaches, as AVIF (where this Pillow has the codec), WebP and JPEG,
without metadata. Files go to the default storage under names the server chooses,
`covers/<course id>/<key>/<width>.<extension>`, and leave the server through the one download
view (`open_cover_image`): public once the course is in the catalog, for its staff before.
A new cover gets a new key, so every name is immutable and can be cached for long.
"""

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError, features

from accounts import api as accounts_api
from accounts.models import User
from courses import catalog_cache, staff
from courses.models import Course

__all__ = [
    "COVER_ERRORS",
    "CoverImage",
    "add_course_cover_file",
    "cover_sources",
    "open_cover_image",
    "remove_course_cover",
    "render_cover",
    "set_course_cover",
]

WIDTHS = (480, 960, 1600)
ASPECT = (16, 9)
MIN_WIDTH, MIN_HEIGHT = 480, 270
MAX_PIXELS = 40_000_000  # 8K is 33 MP; a picture larger than this is a bomb, not a cover
_ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
# (Pillow format, extension, content type, quality), best first: browsers take the first they
# know from <picture>, and JPEG is the fallback every browser knows.
_OUTPUTS = (
    ("AVIF", "avif", "image/avif", 55),
    ("WEBP", "webp", "image/webp", 80),
    ("JPEG", "jpg", "image/jpeg", 82),
)
CONTENT_TYPES = {extension: content_type for _, extension, content_type, _ in _OUTPUTS}

COVER_NOT_AN_IMAGE = gettext_lazy("This file is not a picture. Upload a JPEG, PNG or WebP image.")
COVER_TOO_SMALL = gettext_lazy(
    "The picture is %(width)d × %(height)d pixels; a cover needs at least %(min_width)d × "
    "%(min_height)d."
)
COVER_TOO_LARGE = gettext_lazy("The picture is larger than the limit of %(limit)d MB.")
COVER_TOO_MANY_PIXELS = gettext_lazy(
    "The picture has more than %(limit)d million pixels. Upload a smaller one."
)
COVER_ERRORS: dict[str, Any] = {
    "not_an_image": COVER_NOT_AN_IMAGE,
    "too_small": COVER_TOO_SMALL,
    "too_large": COVER_TOO_LARGE,
    "too_many_pixels": COVER_TOO_MANY_PIXELS,
}


@dataclass(frozen=True)
class CoverImage:
    """One written size of a cover: its width and height and the bytes by extension."""

    width: int
    height: int
    files: dict[str, bytes]


def _formats() -> tuple[tuple[str, str, str, int], ...]:
    return tuple(output for output in _OUTPUTS if output[0] != "AVIF" or features.check("avif"))


def _open_checked(data: bytes) -> Image.Image:
    """The decoded, upright picture; raises ValidationError (code says why)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in _ACCEPTED_FORMATS:
                raise ValidationError(COVER_NOT_AN_IMAGE, code="not_an_image")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    COVER_TOO_MANY_PIXELS % {"limit": MAX_PIXELS // 1_000_000},
                    code="too_many_pixels",
                )
            probe.verify()  # the whole file, so a truncated one is refused here
        decoded = Image.open(io.BytesIO(data))
        with _truncated_images_refused():
            decoded.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(COVER_NOT_AN_IMAGE, code="not_an_image") from error
    image = ImageOps.exif_transpose(decoded)
    if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
        raise ValidationError(
            COVER_TOO_SMALL
            % {
                "width": image.width,
                "height": image.height,
                "min_width": MIN_WIDTH,
                "min_height": MIN_HEIGHT,
            },
            code="too_small",
        )
    return image.convert("RGB")


@contextmanager
def _truncated_images_refused() -> Iterator[None]:
    """Decode with Pillow's default, whatever the process set: WeasyPrint, imported by the
    certificate renderer, lets every later decode accept truncated files."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def render_cover(data: bytes) -> list[CoverImage]:
    """The sizes of a cover made from the bytes of an uploaded picture, smallest first: 16:9,
    each width of WIDTHS the picture reaches (at least the smallest), in every output format.
    Pure: no database, no storage. Raises ValidationError with code `not_an_image`,
    `too_small` or `too_many_pixels`."""
    image = _open_checked(data)
    usable = [width for width in WIDTHS if width <= image.width] or [WIDTHS[0]]
    sizes = []
    for width in usable:
        height = width * ASPECT[1] // ASPECT[0]
        fitted = ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS)
        files = {}
        for pillow_format, extension, _, quality in _formats():
            buffer = io.BytesIO()
            # AVIF's default effort costs about six times the CPU for a third fewer bytes.
            options = {"speed": 8} if pillow_format == "AVIF" else {}
            fitted.save(buffer, format=pillow_format, quality=quality, **options)
            files[extension] = buffer.getvalue()
        sizes.append(CoverImage(width=width, height=height, files=files))
    return sizes


def _folder(course_id: int, key: str) -> str:
    return f"covers/{course_id}/{key}"


def set_course_cover(*, user: User, slug: str, file: UploadedFile) -> Course:
    """Give the course a new cover made from an uploaded picture; the previous cover's files are
    deleted once the transaction commits. The catalog shows it at once.

    Raises Course.DoesNotExist (unknown or not the user's course), PermissionDenied (not an
    author of an owning institution), ValidationError (code `too_large`, `not_an_image`,
    `too_small` or `too_many_pixels`). Locks the course row while it swaps the cover.
    """
    course = staff.get_course_for_member(user=user, slug=slug)
    staff.require_role(user=user, course=course, role="author", action="change the cover")
    limit = settings.COVER_MAX_BYTES
    if file.size is None or file.size > limit:
        raise ValidationError(COVER_TOO_LARGE % {"limit": limit // (1024 * 1024)}, code="too_large")
    return _store_cover(course_id=course.pk, data=file.read())


def add_course_cover_file(*, course_id: int, data: bytes) -> Course:
    """Give a course the cover made from `data` (demo data and tools: no access is checked).
    Raises ValidationError as render_cover does."""
    return _store_cover(course_id=course_id, data=data)


def _store_cover(*, course_id: int, data: bytes) -> Course:
    sizes = render_cover(data)
    key = uuid.uuid4().hex
    for size in sizes:
        for extension, content in size.files.items():
            default_storage.save(
                f"{_folder(course_id, key)}/{size.width}.{extension}", ContentFile(content)
            )
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course_id)
        previous = dict(locked.cover)
        locked.cover = {
            "key": key,
            "widths": [size.width for size in sizes],
            "formats": list(sizes[0].files),
        }
        locked.save(update_fields=["cover"])
        catalog_cache.invalidate()
        if previous:
            transaction.on_commit(lambda: _delete_files(course_id=course_id, cover=previous))
    return locked


def remove_course_cover(*, user: User, slug: str) -> None:
    """Take the course's cover away (its files are deleted after commit). Raises as
    set_course_cover does for the course and the role."""
    course = staff.get_course_for_member(user=user, slug=slug)
    staff.require_role(user=user, course=course, role="author", action="change the cover")
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        previous = dict(locked.cover)
        if not previous:
            return
        locked.cover = {}
        locked.save(update_fields=["cover"])
        catalog_cache.invalidate()
        transaction.on_commit(lambda: _delete_files(course_id=course.pk, cover=previous))


def _delete_files(*, course_id: int, cover: dict[str, Any]) -> None:
    for width in cover.get("widths", []):
        for extension in cover.get("formats", []):
            default_storage.delete(f"{_folder(course_id, cover['key'])}/{width}.{extension}")


def cover_sources(*, course_id: int, cover: dict[str, Any]) -> dict[str, Any] | None:
    """What a page needs to show a course's cover, or None: for each format (best first) a
    `srcset` of its widths, the JPEG fallback `src`, and the picture's intrinsic size."""
    if not cover:
        return None
    base = f"{settings.MEDIA_URL}{_folder(course_id, cover['key'])}"
    widths = cover["widths"]
    largest = widths[-1]
    return {
        "sources": [
            {
                "type": CONTENT_TYPES[extension],
                "srcset": ", ".join(f"{base}/{width}.{extension} {width}w" for width in widths),
            }
            for extension in cover["formats"]
            if extension != "jpg"
        ],
        "src": f"{base}/{widths[min(1, len(widths) - 1)]}.jpg",
        "srcset": ", ".join(f"{base}/{width}.jpg {width}w" for width in widths),
        "width": largest,
        "height": largest * ASPECT[1] // ASPECT[0],
    }


def open_cover_image(*, user: User | Any, name: str) -> accounts_api.StoredFile:
    """A cover file stored under `name`: public while the course is in the catalog, else for
    members of an owning institution. Raises Course.DoesNotExist for unknown names and
    forbidden ones alike."""
    parts = name.split("/")
    if len(parts) != 4 or parts[0] != "covers" or not parts[1].isdigit():
        raise Course.DoesNotExist
    course = Course.objects.filter(pk=int(parts[1])).first()
    width, _, extension = parts[3].partition(".")
    cover = course.cover if course else {}
    if (
        course is None
        or cover.get("key") != parts[2]
        or not width.isdigit()
        or int(width) not in cover.get("widths", [])
        or extension not in cover.get("formats", [])
    ):
        raise Course.DoesNotExist
    is_public = course.published_version_id is not None
    if not is_public and not (
        user.is_authenticated
        and staff.list_courses_for_member(user=user).filter(pk=course.pk).exists()
    ):
        raise Course.DoesNotExist
    stored = accounts_api.StoredFile(
        file=default_storage.open(name),
        download_name=f"{course.slug}-cover.{extension}",
        content_type=CONTENT_TYPES[extension],
    )
    # A new cover gets a new key: a name never changes its bytes.
    return replace(stored, cache_control=accounts_api.IMMUTABLE_PUBLIC) if is_public else stored
