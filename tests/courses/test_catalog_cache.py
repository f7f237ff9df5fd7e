"""Catalog pages and course details come from the cache until a publication changes them."""

import copy
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from tests.courses.conftest import make_package

pytestmark = pytest.mark.django_db


def test_a_repeated_catalog_page_or_course_detail_costs_no_query(
    api_client: APIClient, publish: Callable[..., None], django_assert_num_queries: Any
) -> None:
    publish(make_package())
    first_page = api_client.get("/api/v1/courses/", {"search": "plc"}).json()
    first_detail = api_client.get("/api/v1/courses/plc-basics/").json()

    with django_assert_num_queries(0):
        page = api_client.get("/api/v1/courses/", {"search": "plc"})
        detail = api_client.get("/api/v1/courses/plc-basics/")

    assert (page.json(), detail.json()) == (first_page, first_detail)
    assert detail["Content-Language"] == "en"


def test_signed_in_readers_share_the_anonymous_page(
    api_client: APIClient, publish: Callable[..., None], staff: dict[str, User]
) -> None:
    publish(make_package())
    anonymous = api_client.get("/api/v1/courses/").json()
    api_client.force_authenticate(staff["learner"])

    assert api_client.get("/api/v1/courses/").json() == anonymous


def test_publishing_a_new_version_or_archiving_replaces_the_cached_pages(
    api_client: APIClient, publish: Callable[..., None], staff: dict[str, User]
) -> None:
    package = make_package()
    publish(package)
    assert api_client.get("/api/v1/courses/").json()["results"][0]["title"] == "PLC Basics"
    assert api_client.get("/api/v1/courses/plc-basics/").json()["title"] == "PLC Basics"

    renamed = copy.deepcopy(package)
    renamed["course"]["translations"]["en"]["title"] = "PLC Basics, second edition"
    publish(renamed)

    assert api_client.get("/api/v1/courses/").json()["results"][0]["title"] == (
        "PLC Basics, second edition"
    )
    assert api_client.get("/api/v1/courses/plc-basics/").json()["title"] == (
        "PLC Basics, second edition"
    )

    courses_api.transition_version(user=staff["approver"], slug="plc-basics", action="archive")

    assert api_client.get("/api/v1/courses/").json()["count"] == 0
    assert api_client.get("/api/v1/courses/plc-basics/").status_code == 404


def test_a_language_gets_its_own_page(api_client: APIClient, publish: Callable[..., None]) -> None:
    publish(make_package())

    english = api_client.get("/api/v1/courses/plc-basics/", {"lang": "en"}).json()
    german = api_client.get("/api/v1/courses/plc-basics/", {"lang": "de"}).json()

    assert (english["title"], german["title"]) == ("PLC Basics", "PLC Basics (de)")
