"""Catalog pages and course details cached in the shared cache, all dropped on any publication.

Published content changes only when a version is published or archived (`transition_version`)
or the competency framework is reloaded; those invalidate the whole namespace (config.cache: one
generation bump, now and on commit). Institution names (edited in the admin) reach the catalog
within the namespace's timeout.
"""

import hashlib
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from config.cache import GenerationCache
from courses.models import Course

# Version 4: the generation moved under the versioned name (entries of 3 knew another counter).
CATALOG = GenerationCache(name="catalog", version=4, timeout=600, label="Catalog cache")

cached = CATALOG.get_or_build
invalidate = CATALOG.invalidate


def cached_catalog_page(
    *, language: str, query: Iterable[tuple[str, list[str]]], build: Callable[[], bytes]
) -> bytes:
    """A catalog page as rendered for readers of `language` asking `query` (the request's query
    parameters, in any order), else `build()` stored."""
    encoded = urlencode(sorted(query), doseq=True)
    digest = hashlib.sha256(encoded.encode()).hexdigest()
    return CATALOG.get_or_build(f"list:{language}:{digest}", build)


def cached_course_detail(
    *, slug: str, language: str, build: Callable[[], tuple[bytes, str]]
) -> tuple[bytes, str]:
    """A course's detail as rendered for readers of `language`, with the language served, else
    `build()` stored; raises Course.DoesNotExist for a slug no course can have (it must not
    become a cache key either)."""
    if len(slug) > (Course._meta.get_field("slug").max_length or 0):
        raise Course.DoesNotExist()
    return CATALOG.get_or_build(f"detail:{slug}:{language}", build)
