"""Benchmark settings (`make bench` only): the production settings plus the baseline view's URL
and the devdata app, whose `seed_scale` loads the data measured.

Everything else, including DEBUG off, persistent database connections and the Redis cache, is
read from the environment exactly as in production, so the figures describe the real setup.
"""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS as _APPS

ROOT_URLCONF = "config.urls_bench"
DEVDATA_ENABLED = True
# Before "config", the last app, as config/settings.py places it when DEBUG is on.
INSTALLED_APPS = _APPS if "devdata" in _APPS else [*_APPS[:-1], "devdata", _APPS[-1]]
