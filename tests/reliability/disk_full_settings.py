"""The project's settings with media on DiskFullStorage (tests.reliability.disk_full)."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {**STORAGES, "default": {"BACKEND": "tests.reliability.disk_full.DiskFullStorage"}}
