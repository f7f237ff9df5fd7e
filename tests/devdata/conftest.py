"""devdata fixtures: media in a temp folder and a fresh outline cache, as for certificates."""

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from tests.enrollment.conftest import _fresh_outline_cache

__all__ = ["_fresh_outline_cache"]


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
