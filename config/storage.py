"""Where uploaded files live: the filesystem (embedded mode) or one S3-compatible bucket.

settings.py reads the environment and calls `file_storages`; nothing here touches Django's
settings or models, so tests build the same STORAGES for a local S3 server.
"""

from dataclasses import dataclass
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

__all__ = ["FILE_STORAGES", "STORAGE_BACKENDS", "S3Settings", "file_storages", "read_s3_settings"]

STORAGE_BACKENDS = ("filesystem", "s3")
# Every named storage of uploaded files (static files are not uploads and stay with whitenoise).
# With S3 each is a prefix of the one bucket, so a name in one never meets a name in another.
FILE_STORAGES = ("default", "videos", "packages")

_FILESYSTEM = "django.core.files.storage.FileSystemStorage"
_S3 = "config.s3.AppS3Storage"


@dataclass(frozen=True)
class S3Settings:
    """The bucket and how to reach it. Empty keys mean boto3's own credential chain (an instance
    role, AWS_* variables, ~/.aws)."""

    bucket: str
    endpoint_url: str = ""
    region: str = ""
    access_key_id: str = ""
    secret_access_key: str = ""
    addressing_style: str = "auto"
    signed_url_seconds: int = 0


def read_s3_settings(env: environ.Env) -> S3Settings:
    """The S3_* variables (see .env.example). Raises ImproperlyConfigured without S3_BUCKET."""
    bucket = env.str("S3_BUCKET", default="")
    if not bucket:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET.")
    addressing_style = env.str("S3_ADDRESSING_STYLE", default="auto")
    if addressing_style not in {"auto", "path", "virtual"}:
        raise ImproperlyConfigured("S3_ADDRESSING_STYLE must be auto, path or virtual.")
    return S3Settings(
        bucket=bucket,
        endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
        region=env.str("S3_REGION", default=""),
        access_key_id=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_access_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
        addressing_style=addressing_style,
        signed_url_seconds=env.int("S3_SIGNED_URL_SECONDS", default=0),
    )


def _s3_options(s3: S3Settings, prefix: str) -> dict[str, Any]:
    return {
        "bucket_name": s3.bucket,
        "location": prefix,
        "endpoint_url": s3.endpoint_url or None,
        "region_name": s3.region or None,
        "access_key": s3.access_key_id or None,
        "secret_key": s3.secret_access_key or None,
        "addressing_style": s3.addressing_style if s3.addressing_style != "auto" else None,
        "signature_version": "s3v4",
        # No ACL is sent: objects take the bucket's, which must stay private (README). Stores
        # that enforce bucket-owner objects (AWS's default) refuse a canned ACL anyway.
        "default_acl": None,
        # Names are chosen by the app; an existing one gets a suffix, as on the filesystem.
        "file_overwrite": False,
        # Every URL the storage makes is signed and expires (the app serves files itself).
        "querystring_auth": True,
        "querystring_expire": s3.signed_url_seconds or 60,
    }


def file_storages(*, backend: str, s3: S3Settings | None) -> dict[str, dict[str, Any]]:
    """STORAGES entries for every storage of uploads: the filesystem below MEDIA_ROOT, or one
    S3 bucket with a prefix per storage (`default/`, `videos/`, `packages/`). Raises
    ImproperlyConfigured for an unknown backend, or `s3` without its settings."""
    if backend not in STORAGE_BACKENDS:
        raise ImproperlyConfigured(f"STORAGE_BACKEND must be one of {', '.join(STORAGE_BACKENDS)}.")
    if backend == "filesystem":
        return {name: {"BACKEND": _FILESYSTEM} for name in FILE_STORAGES}
    if s3 is None:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET.")
    return {name: {"BACKEND": _S3, "OPTIONS": _s3_options(s3, name)} for name in FILE_STORAGES}
