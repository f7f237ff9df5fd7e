"""The S3 storage of uploads (STORAGE_BACKEND=s3): links to its files go through the download view.

django-storages would hand out a signed URL of the bucket wherever the code asks a file for its
`url` (a resource's link, a template's logo). Here that URL is the download view's
(`MEDIA_URL` + name), as on the filesystem, so every stored file leaves only after the access
check; `signed_url` is the bucket's own, for the view to redirect to once it has checked.
"""

from typing import Any

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

__all__ = ["AppS3Storage"]


class AppS3Storage(S3Storage):
    """S3Storage whose `url` is the download view's; `signed_url` is the bucket's, expiring."""

    def url(self, name: str, *args: Any, **kwargs: Any) -> str:
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"

    def signed_url(self, name: str, *, content_type: str, cache_control: str) -> str:
        """A GET URL of the object signed for `querystring_expire` seconds, whose answer carries
        the given Content-Type and Cache-Control whatever the object was stored with."""
        return str(
            super().url(
                name,
                parameters={
                    "ResponseContentType": content_type,
                    "ResponseCacheControl": cache_control,
                },
            )
        )
