"""Where uploads live (config/storage.py): the filesystem, or one S3 bucket with a prefix each."""

import dataclasses
from typing import Any

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from config.storage import S3Settings, file_storages, read_s3_settings

S3 = S3Settings(
    bucket="icim-media",
    endpoint_url="https://s3.internal.example",
    region="eu-central-1",
    access_key_id="key",
    secret_access_key="secret",
    addressing_style="path",
)


def test_the_filesystem_is_the_default_for_every_storage_of_uploads() -> None:
    assert file_storages(backend="filesystem", s3=None) == {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "videos": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "packages": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def test_s3_puts_each_storage_under_its_own_prefix_of_one_private_bucket() -> None:
    storages = file_storages(backend="s3", s3=S3)

    assert set(storages) == {"default", "videos", "packages"}
    assert storages["videos"] == {
        "BACKEND": "config.s3.AppS3Storage",
        "OPTIONS": {
            "bucket_name": "icim-media",
            "location": "videos",
            "endpoint_url": "https://s3.internal.example",
            "region_name": "eu-central-1",
            "access_key": "key",
            "secret_key": "secret",
            "addressing_style": "path",
            "signature_version": "s3v4",
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
    assert storages["default"]["OPTIONS"]["location"] == "default"


def test_empty_credentials_leave_them_to_boto3() -> None:
    options = file_storages(backend="s3", s3=S3Settings(bucket="icim-media"))["default"]["OPTIONS"]

    assert (options["access_key"], options["secret_key"], options["endpoint_url"]) == (
        None,
        None,
        None,
    )
    assert options["addressing_style"] is None


def _read(monkeypatch: pytest.MonkeyPatch, **variables: str) -> S3Settings:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return read_s3_settings(environ.Env())


def test_the_s3_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    s3 = _read(
        monkeypatch,
        S3_BUCKET="icim-media",
        S3_ENDPOINT_URL="https://s3.internal.example",
        S3_REGION="eu-central-1",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
        S3_ADDRESSING_STYLE="path",
        S3_SIGNED_URL_SECONDS="120",
    )

    assert s3 == dataclasses.replace(S3, signed_url_seconds=120)


@pytest.mark.parametrize(
    ("arguments", "variables", "message"),
    [
        ({"backend": "ftp", "s3": None}, {}, "STORAGE_BACKEND must be one of filesystem, s3."),
        ({"backend": "s3", "s3": None}, {}, "STORAGE_BACKEND=s3 needs S3_BUCKET."),
        (None, {}, "STORAGE_BACKEND=s3 needs S3_BUCKET."),
        (
            None,
            {"S3_BUCKET": "icim-media", "S3_ADDRESSING_STYLE": "dns"},
            "S3_ADDRESSING_STYLE must be auto, path or virtual.",
        ),
    ],
)
def test_a_wrong_configuration_is_refused(
    monkeypatch: pytest.MonkeyPatch,
    arguments: dict[str, Any] | None,
    variables: dict[str, str],
    message: str,
) -> None:
    for name in ("S3_BUCKET", "S3_ADDRESSING_STYLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)

    def configure() -> Any:
        return read_s3_settings(environ.Env()) if arguments is None else file_storages(**arguments)

    with pytest.raises(ImproperlyConfigured, match=message):
        configure()
