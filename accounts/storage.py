"""Stored files as the one download view (`config.views.MediaDownloadView`) serves them.

Every app that stores uploads offers an opener: given the user and a stored name (a path below
MEDIA_ROOT), it returns a `StoredFile` if that user may read it, and raises the owning model's
DoesNotExist otherwise (unknown and forbidden alike, so a name reveals nothing).
"""

from dataclasses import dataclass
from typing import Any

from accounts.models import Organization, User

__all__ = ["IMMUTABLE_PUBLIC", "INLINE_TYPES", "StoredFile", "open_organization_logo"]

IMMUTABLE_PUBLIC = "public, max-age=31536000, immutable"

# Types a browser may show in the page: images, which cannot run script. Everything else is
# sent as an attachment.
INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/webp", "image/avif"})


@dataclass(frozen=True)
class StoredFile:
    """A file to send: the stored file, the name to offer, its type, inline or attached, and
    how long the browser may keep it."""

    file: Any  # a FieldFile
    download_name: str
    content_type: str
    # What browsers may keep: by default nothing without asking again (access can end);
    # files under immutable names that anyone may read: IMMUTABLE_PUBLIC.
    cache_control: str = "private, max-age=0, must-revalidate"
    # Where the view sends the reader instead of streaming the file itself (a signed, expiring
    # URL of the object store), once the opener has checked access; empty: streamed.
    redirect_url: str = ""

    @property
    def is_inline(self) -> bool:
        return self.content_type in INLINE_TYPES


def open_organization_logo(*, user: User | Any, name: str) -> StoredFile:
    """An organisation's logo: public, as the organisation list shows it to everyone.

    Pillow checked it as an image when it was uploaded (an ImageField, through the admin).
    Raises Organization.DoesNotExist."""
    organization = Organization.objects.get(logo=name)
    extension = name.rsplit(".", 1)[-1].lower()
    if extension not in {"png", "jpg", "jpeg"}:  # anything else is not served at all
        raise Organization.DoesNotExist
    return StoredFile(
        file=organization.logo,
        download_name=f"{organization.slug}-logo.{extension}",
        content_type="image/png" if extension == "png" else "image/jpeg",
    )
