"""A media storage whose disk is full while a flag file exists, for a worker in a test.

`DISK_FULL_FLAG` names the flag file; every attempt to store a file appends its time to
`DISK_FULL_ATTEMPTS`.
"""

import errno
import os
import time
from typing import Any

from django.core.files.storage import FileSystemStorage


class DiskFullStorage(FileSystemStorage):
    """FileSystemStorage that raises ENOSPC, as a full disk does, while the flag file exists."""

    def _save(self, name: str, content: Any) -> str:
        with open(os.environ["DISK_FULL_ATTEMPTS"], "a") as attempts:
            attempts.write(f"{time.monotonic()}\n")
        if os.path.exists(os.environ["DISK_FULL_FLAG"]):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        return str(super()._save(name, content))
