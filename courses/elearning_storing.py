"""Unpacking an accepted e-learning package into the "packages" storage (the task's service),
with progress on its row, and reading its files back for the content origin.

Names are chosen by the server: the uploaded zip waits at `packages/uploads/<id hex>.zip`, and
each file of the package is stored at `packages/<id hex>/<its path in the zip>` (paths were
checked on upload: no `..`, no absolute or backslashed names). The zip's limits are enforced
again on the bytes actually inflated, so a header that lies about sizes fails the package here.
"""

import logging
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils import timezone

from courses.elearning_zip import Limits, UnpackRefusedError, read_listing, unpack_entries
from courses.models import ElearningPackage
from courses.video_storage import storage_errors

__all__ = [
    "open_package_file",
    "packages_storage",
    "source_name",
    "store_elearning_package",
]

logger = logging.getLogger(__name__)

_PROGRESS_INTERVAL_SECONDS = 1.0
# An entry up to this size is buffered in memory on its way to storage; larger ones spill to disk.
_SPOOL_BYTES = 8 * 1024 * 1024


def packages_storage() -> Storage:
    """The "packages" storage of settings.STORAGES."""
    return storages["packages"]


def source_name(package_id: uuid.UUID) -> str:
    """Where an uploaded zip waits to be unpacked."""
    return f"packages/uploads/{package_id.hex}.zip"


def _fail(package_id: uuid.UUID, code: str, path: str | None, params: dict[str, object]) -> None:
    package = ElearningPackage.objects.get(pk=package_id)
    package.state = ElearningPackage.State.FAILED
    package.problems = [*package.problems, {"code": code, "path": path, "params": params}]
    package.save(update_fields=["state", "problems"])


def _remove(storage: Storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s of a failed package", name)


def store_elearning_package(
    *, package_id: uuid.UUID, limits: Limits, is_last_attempt: bool = False
) -> ElearningPackage | None:
    """Unpack an accepted package's zip into its folder of the "packages" storage, reporting
    progress_percent at most once a second, and make it ready (the lesson plays it from then).

    Safe to run twice: a package no longer `storing` is left alone, and files an earlier run
    stored are replaced. Inflated bytes that break `limits` (a lying header) or a damaged entry
    end it `failed` with that problem, its stored files removed. Raises OSError when the storage
    fails, for the task to retry; on the `is_last_attempt` it ends `failed` with
    `storage_unavailable` instead. Returns the package as it ended, or None.
    """
    package = ElearningPackage.objects.filter(
        pk=package_id, state=ElearningPackage.State.STORING
    ).first()
    if package is None:
        return None
    storage = packages_storage()
    stored: list[str] = []
    last_report = [0.0]

    def store(name: str, chunks: Iterator[bytes]) -> None:
        target = f"{package.folder}/{name}"
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as buffer:
            for chunk in chunks:
                buffer.write(chunk)
            buffer.seek(0)
            if storage.exists(target):
                storage.delete(target)
            stored.append(storage.save(target, File(buffer, name=PurePosixPath(name).name)))

    def on_progress(done: int, count: int) -> None:
        now = time.monotonic()
        if now - last_report[0] >= _PROGRESS_INTERVAL_SECONDS:
            last_report[0] = now
            ElearningPackage.objects.filter(pk=package_id).update(
                progress_percent=min(99, done * 100 // max(count, 1))
            )

    try:
        with (
            storage_errors(),
            storage.open(package.source_name, "rb") as source,
            zipfile.ZipFile(source) as archive,
        ):
            listing = read_listing(archive, limits)
            size = unpack_entries(archive, listing.names, limits, store, on_progress)
    except UnpackRefusedError as refused:
        _remove(storage, stored)
        _fail(package_id, refused.problem.code, refused.problem.path, refused.problem.params)
        return _finish_source(storage, package_id)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
        _remove(storage, stored)
        _fail(package_id, "damaged", None, {})
        return _finish_source(storage, package_id)
    except OSError:
        if not is_last_attempt:
            raise
        logger.exception("Package %s could not be stored", package_id)
        _remove(storage, stored)
        _fail(package_id, "storage_unavailable", None, {})
        return ElearningPackage.objects.get(pk=package_id)
    ElearningPackage.objects.filter(pk=package_id, state=ElearningPackage.State.STORING).update(
        state=ElearningPackage.State.READY,
        progress_percent=100,
        size=size,
        ready_at=timezone.now(),
    )
    return _finish_source(storage, package_id)


def _finish_source(storage: Storage, package_id: uuid.UUID) -> ElearningPackage:
    """The zip is not needed once its package is ready or failed."""
    package = ElearningPackage.objects.get(pk=package_id)
    if package.source_name:
        _remove(storage, [package.source_name])
        package.source_name = ""
        package.save(update_fields=["source_name"])
    return package


def open_package_file(*, package: ElearningPackage, path: str) -> File | None:
    """One file of a ready package, opened for reading; None for a path outside the package
    (`..`, absolute, backslashed, empty segments) or one it does not have (a folder too)."""
    parts = path.split("/")
    if (
        not path
        or path.startswith("/")
        or "\\" in path
        or "\x00" in path
        or any(part in {"", ".", ".."} for part in parts)
    ):
        return None
    try:
        with storage_errors():
            return packages_storage().open(f"{package.folder}/{path}", "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None
