"""Tests of the public institution page: the institution, its published courses, 404s, queries."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import Organization, User
from courses import api as courses_api
from tests.courses.conftest import make_package
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rhine_courses(
    publish: Callable[..., None], institution: Organization, staff: dict[str, User]
) -> None:
    """Rhine TU publishes two courses and has a draft; another institution publishes one."""
    institution.website = "https://rhine-tu.example"
    institution.save()
    publish(make_package())
    publish(
        make_package(
            slug="ot-security",
            code="SEC-1",
            translations={
                "en": {"title": "OT Security", "summary": "Zones.", "description": "IEC 62443."},
                "de": {"title": "OT-Sicherheit", "summary": "Zonen.", "description": "IEC 62443."},
            },
        )
    )
    courses_api.import_course_package(user=staff["author"], data=make_package(slug="draft-only"))
    elsewhere = Organization.objects.get(slug="elsewhere")
    people = {"author": staff["outsider"]}
    for role in ("reviewer", "approver"):
        people[role] = UserFactory()
        MembershipFactory(user=people[role], organization=elsewhere, role=role)
    courses_api.import_course_package(
        user=people["author"], data=make_package(slug="vision", institution="elsewhere")
    )
    for role, action in (("author", "submit"), ("reviewer", "approve"), ("approver", "publish")):
        courses_api.transition_version(user=people[role], slug="vision", action=action)


def test_institution_page_lists_its_published_courses_in_the_asked_language(
    api_client: APIClient, rhine_courses: None
) -> None:
    response = api_client.get("/api/v1/institutions/rhine/", {"lang": "de"})

    assert response.status_code == 200
    body = response.json()
    courses = body.pop("courses")
    assert body == {
        "slug": "rhine",
        "name": "Rhine TU",
        "country": "DE",
        "website": "https://rhine-tu.example",
        "logo": None,
    }
    assert (courses["count"], courses["next"], courses["previous"]) == (2, None, None)
    assert [
        (item["slug"], item["title"], item["served_language"]) for item in courses["results"]
    ] == [("ot-security", "OT-Sicherheit", "de"), ("plc-basics", "PLC Basics (de)", "de")]
    assert courses["results"][0]["institutions"] == [
        {"slug": "rhine", "name": "Rhine TU", "country": "DE"}
    ]
    # Another institution's published course is on its own page.
    other = api_client.get("/api/v1/institutions/elsewhere/").json()["courses"]
    assert [course["slug"] for course in other["results"]] == ["vision"]


def test_institution_page_pages_its_courses(api_client: APIClient, rhine_courses: None) -> None:
    response = api_client.get("/api/v1/institutions/rhine/", {"page": 2, "page_size": 1})

    courses = response.json()["courses"]
    assert courses["count"] == 2
    assert courses["next"] is None
    assert courses["previous"] == "http://testserver/api/v1/institutions/rhine/?page_size=1"
    assert [course["slug"] for course in courses["results"]] == ["plc-basics"]


def test_institution_without_website_or_courses_says_so(api_client: APIClient) -> None:
    OrganizationFactory(slug="new-institute", name="New Institute", country="CN")

    response = api_client.get("/api/v1/institutions/new-institute/")

    assert response.json() == {
        "slug": "new-institute",
        "name": "New Institute",
        "country": "CN",
        "website": None,
        "logo": None,
        "courses": {"count": 0, "next": None, "previous": None, "results": []},
    }


@pytest.mark.parametrize(
    ("slug", "kind"),
    [("no-such-institution", None), ("acme-employer", "employer"), ("icim", "coalition")],
)
def test_unknown_slugs_and_other_organisations_are_404(
    api_client: APIClient, slug: str, kind: str | None
) -> None:
    if kind is not None:
        OrganizationFactory(slug=slug, kind=kind)

    response = api_client.get(f"/api/v1/institutions/{slug}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_page_past_the_last_is_404_json(api_client: APIClient, rhine_courses: None) -> None:
    response = api_client.get("/api/v1/institutions/rhine/", {"page": 9})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_institution_page_runs_a_fixed_number_of_queries(
    api_client: APIClient,
    rhine_courses: None,
    publish: Callable[..., None],
    django_assert_num_queries: Any,
) -> None:
    for number in range(5):
        publish(make_package(slug=f"extra-{number}", code=f"EX-{number}"))

    # institution, entries with version and course (shorter than a page: their own count),
    # their institutions, competencies
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/institutions/rhine/")

    assert response.json()["courses"]["count"] == 7
