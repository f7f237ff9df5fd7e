"""Benchmark settings (`make bench` only): the production settings plus the baseline view's URL.

Everything else, including DEBUG off, persistent database connections and the Redis cache, is
read from the environment exactly as in production, so the figures describe the real setup.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "config.urls_bench"
