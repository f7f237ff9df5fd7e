"""Tests of the catalog and authoring HTTP API: languages, filters, query counts, permissions."""

import copy
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import Course
from tests.courses.conftest import make_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(publish: Callable[..., None]) -> None:
    publish(make_package())
    publish(
        make_package(
            slug="ot-security",
            code="SEC-1",
            competencies=[],
            languages=["en"],
            level="advanced",
            estimated_hours=30,
            translations={
                "en": {
                    "title": "OT Security",
                    "summary": "Zones.",
                    "description": "IEC 62443 conduits.",
                }
            },
            modules=_english_only(make_package()["course"]["modules"]),
        )
    )


def _english_only(modules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            if "en" in value and set(value) <= {"en", "de"}:
                return {"en": strip(value["en"])}
            return {
                key: strip(item) for key, item in value.items() if key != "competencies" or not item
            }
        if isinstance(value, list):
            return [strip(item) for item in value]
        return value

    stripped = strip(modules)
    for module in stripped:
        for lesson in module["lessons"]:
            lesson["competencies"] = []
    return stripped


def test_catalog_serves_each_course_in_the_asked_language_or_its_primary(
    api_client: APIClient, catalog: None
) -> None:
    response = api_client.get("/api/v1/courses/", {"lang": "de"})

    assert response.status_code == 200
    assert [
        (item["slug"], item["served_language"], item["title"])
        for item in response.json()["results"]
    ] == [
        ("ot-security", "en", "OT Security"),
        ("plc-basics", "de", "PLC Basics (de)"),
    ]
    first = response.json()["results"][1]
    assert first["institutions"] == [{"slug": "rhine", "name": "Rhine TU", "country": "DE"}]
    assert first["competencies"] == ["AUT.PLC"]


@pytest.mark.parametrize(
    ("params", "slugs"),
    [
        ({"language": "de"}, ["plc-basics"]),
        ({"level": "advanced"}, ["ot-security"]),
        ({"competency": "AUT"}, ["plc-basics"]),  # a domain includes its competencies
        ({"institution": "rhine"}, ["ot-security", "plc-basics"]),
        ({"country": "CN"}, []),
        ({"search": "conduits"}, ["ot-security"]),
        ({"search": "scan cycle"}, ["plc-basics"]),
        # A competency code matches in any language (German texts say SPS, not PLC).
        ({"search": "PLC", "lang": "de"}, ["plc-basics"]),
        ({"ordering": "-hours"}, ["ot-security", "plc-basics"]),
    ],
)
def test_catalog_filters_and_search(
    api_client: APIClient, catalog: None, params: dict[str, str], slugs: list[str]
) -> None:
    response = api_client.get("/api/v1/courses/", params)

    assert [item["slug"] for item in response.json()["results"]] == slugs


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"level": "expert"}, "level"),
        ({"lang": "tlh"}, "lang"),
        ({"competency": "NOPE"}, "competency"),
        ({"country": "XX"}, "country"),
    ],
)
def test_bad_filter_values_are_a_400_naming_the_parameter(
    api_client: APIClient, catalog: None, params: dict[str, str], field: str
) -> None:
    response = api_client.get("/api/v1/courses/", params)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]


def test_catalog_list_runs_a_fixed_number_of_queries(
    api_client: APIClient, publish: Callable[..., None], django_assert_num_queries: Any
) -> None:
    for number in range(6):
        publish(make_package(slug=f"course-{number}"))

    # count, page, institutions, competencies
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/courses/", {"page_size": 6})

    assert response.json()["count"] == 6


def test_course_detail_has_the_outline_without_answers(
    api_client: APIClient, catalog: None
) -> None:
    response = api_client.get("/api/v1/courses/plc-basics/", HTTP_ACCEPT_LANGUAGE="de")

    body = response.json()
    assert response["Content-Language"] == "de"
    assert (body["served_language"], body["title"]) == ("de", "PLC Basics (de)")
    assert body["description_html"] == (
        "<p>Timers, counters and <strong>structured text</strong>. (de)</p>"
    )
    assert [[lesson["kind"] for lesson in module["lessons"]] for module in body["modules"]] == [
        ["text", "video"],
        ["quiz"],
    ]
    assert body["modules"][1]["lessons"][0]["question_count"] == 4
    assert body["total_duration_minutes"] == 38
    flat = str(body)
    assert "is_correct" not in flat
    assert "accepted_answers" not in flat
    assert "kontaktplan" not in flat


def test_course_detail_names_competencies_in_the_asked_language_even_when_the_course_is_not(
    api_client: APIClient, catalog: None
) -> None:
    # plc-basics is in English and German only; its competency has a Chinese name.
    response = api_client.get("/api/v1/courses/plc-basics/", {"lang": "zh-hans"})

    body = response.json()
    assert body["served_language"] == "en"
    assert body["competencies"] == [{"code": "AUT.PLC", "name": "PLC 编程"}]


def test_course_detail_runs_a_fixed_number_of_queries(
    api_client: APIClient, publish: Callable[..., None], django_assert_num_queries: Any
) -> None:
    big = make_package(slug="big")
    big["course"]["modules"] = [copy.deepcopy(module) for module in big["course"]["modules"] * 5]
    publish(big)

    # version+course, institutions, competencies, prerequisites, modules, lessons
    with django_assert_num_queries(6):
        response = api_client.get("/api/v1/courses/big/")

    assert len(response.json()["modules"]) == 10


def test_unknown_and_unpublished_courses_are_404(
    api_client: APIClient, framework: None, staff: dict[str, User]
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())

    for slug in ("plc-basics", "no-such-course"):
        response = api_client.get(f"/api/v1/courses/{slug}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_competencies_are_served_in_the_asked_language_with_fallback(
    api_client: APIClient, framework: None
) -> None:
    response = api_client.get("/api/v1/competencies/", {"lang": "zh-hans"})

    assert [(c["code"], c["parent"], c["name"], c["served_language"]) for c in response.json()] == [
        ("AUT", None, "Automation and control", "en"),
        ("AUT.PLC", "AUT", "PLC 编程", "zh-hans"),
        ("SEC", None, "Industrial cybersecurity", "en"),
    ]


def _client_for(staff: dict[str, User], who: str) -> APIClient:
    client = APIClient()
    if who != "anonymous":
        client.force_login(staff[who])
    return client


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 404),
        ("outsider", 404),
        ("verifier", 404),
        ("author", 200),
        ("reviewer", 200),
        ("approver", 200),
        ("admin", 200),
    ],
)
def test_authoring_course_detail_permissions(
    framework: None, staff: dict[str, User], who: str, expected: int
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())

    response = _client_for(staff, who).get("/api/v1/authoring/courses/plc-basics/")

    assert response.status_code == expected
    if expected == 200:
        assert [v["state"] for v in response.json()["versions"]] == ["draft"]
        assert response.json()["completeness"] == {"en": 100, "de": 100}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 403),
        ("outsider", 403),
        ("reviewer", 403),
        ("approver", 403),
        ("author", 201),
    ],
)
def test_import_permissions(
    framework: None, staff: dict[str, User], who: str, expected: int
) -> None:
    response = _client_for(staff, who).post(
        "/api/v1/authoring/courses/", make_package(), format="json"
    )

    assert response.status_code == expected
    assert Course.objects.exists() == (expected == 201)


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        ("anonymous", "submit", 401),
        ("learner", "submit", 404),
        ("outsider", "submit", 404),
        ("reviewer", "submit", 403),
        ("author", "submit", 200),
        ("author", "launch", 400),
    ],
)
def test_transition_permissions(
    framework: None, staff: dict[str, User], who: str, action: str, expected: int
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())

    response = _client_for(staff, who).post(
        "/api/v1/authoring/courses/plc-basics/transitions", {"action": action}, format="json"
    )

    assert response.status_code == expected
    expected_state = "in_review" if expected == 200 else "draft"
    assert Course.objects.get().versions.get().state == expected_state


def test_import_with_problems_lists_them_and_writes_nothing(
    framework: None, staff: dict[str, User]
) -> None:
    package = make_package(level="expert")

    response = _client_for(staff, "author").post(
        "/api/v1/authoring/courses/", package, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The course package has 1 problem(s).",
        "code": "invalid_package",
        "problems": [
            {
                "location": "course.level",
                "message": "must be one of: beginner, intermediate, advanced",
            }
        ],
    }
    assert not Course.objects.exists()


def test_export_then_put_round_trips_through_the_api(
    framework: None, staff: dict[str, User]
) -> None:
    client = _client_for(staff, "author")
    client.post("/api/v1/authoring/courses/", make_package(), format="json")

    exported = client.get("/api/v1/authoring/courses/plc-basics/package")
    replaced = client.put(
        "/api/v1/authoring/courses/plc-basics/package", exported.json(), format="json"
    )
    again = client.get("/api/v1/authoring/courses/plc-basics/package")

    assert exported["Content-Disposition"] == 'attachment; filename="plc-basics-v1.json"'
    assert replaced.status_code == 200
    assert again.json() == exported.json()


def test_put_with_a_different_slug_is_refused(framework: None, staff: dict[str, User]) -> None:
    client = _client_for(staff, "author")
    client.post("/api/v1/authoring/courses/", make_package(), format="json")

    response = client.put(
        "/api/v1/authoring/courses/plc-basics/package", make_package(slug="other"), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["course.slug"]
    assert not Course.objects.filter(slug="other").exists()


def test_workflow_refusals_are_in_the_users_language(
    framework: None, staff: dict[str, User]
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())
    staff["author"].preferred_language = "de"
    staff["author"].save()

    response = _client_for(staff, "author").post(
        "/api/v1/authoring/courses/plc-basics/transitions", {"action": "approve"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Eine Version im Status „Entwurf“ kann nicht mit „approve“ weitergeführt werden."
    )


AUTHORING_READS = [
    "/api/v1/authoring/courses/plc-basics/",
    "/api/v1/authoring/courses/plc-basics/package",
    "/api/v1/authoring/courses/plc-basics/archive",
    "/api/v1/authoring/courses/plc-basics/diff",
]


@pytest.mark.parametrize("path", AUTHORING_READS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 404),
        ("outsider", 404),
        ("verifier", 404),
        ("author", 200),
        ("reviewer", 200),
        ("approver", 200),
        ("admin", 200),
    ],
)
def test_every_authoring_read_is_for_staff_only_and_404_for_others(
    framework: None, staff: dict[str, User], path: str, who: str, expected: int
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())

    response = _client_for(staff, who).get(path)

    assert response.status_code == expected
    if expected == 404:
        assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 404),
        ("outsider", 404),
        ("reviewer", 403),
        ("approver", 403),
        ("author", 200),
    ],
)
def test_replacing_the_draft_is_for_authors_only(
    framework: None, staff: dict[str, User], who: str, expected: int
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())

    response = _client_for(staff, who).put(
        "/api/v1/authoring/courses/plc-basics/package",
        make_package(estimated_hours=40),
        format="json",
    )

    assert response.status_code == expected
    hours = Course.objects.get().versions.get().estimated_hours
    assert hours == (40 if expected == 200 else 12)


def test_the_authoring_list_shows_only_my_institutions_courses(
    framework: None, staff: dict[str, User]
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())

    mine = _client_for(staff, "reviewer").get("/api/v1/authoring/courses/").json()
    theirs = _client_for(staff, "outsider").get("/api/v1/authoring/courses/").json()

    assert [(course["slug"], course["title"]) for course in mine] == [("plc-basics", "PLC Basics")]
    assert theirs == []


def test_a_verifier_of_the_institution_lists_none_of_its_courses(
    framework: None, staff: dict[str, User]
) -> None:
    from courses import api as courses_api

    courses_api.import_course_package(user=staff["author"], data=make_package())

    listed = _client_for(staff, "verifier").get("/api/v1/authoring/courses/").json()
    staff_listed = _client_for(staff, "reviewer").get("/api/v1/authoring/courses/").json()

    assert listed == []
    assert [course["slug"] for course in staff_listed] == ["plc-basics"]
