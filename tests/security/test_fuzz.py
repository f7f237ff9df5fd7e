"""Fuzz every operation of the OpenAPI schema in-process: no 5xx, and every answer is one the
schema documents (status code, content type, body), anonymously, as a learner and as staff.

Each example goes out as each identity. Examples per operation are bounded (FUZZ_EXAMPLES,
default 30) and derandomized, so `make test` is repeatable; set FUZZ_SEED to explore other
inputs, raise FUZZ_EXAMPLES, or set FUZZ_COVERAGE=1 for a longer hunt.
"""

import json
import os
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import strategies
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.factories import MembershipFactory
from tests.security.conftest import ROLES, World

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
SEED = os.environ.get("FUZZ_SEED")
COVERAGE = os.environ.get("FUZZ_COVERAGE", "") in {"1", "true", "yes"}
IDENTITIES = ("anonymous", "learner", "member")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ_STATISTICS: dict[str, Any] = {"operations": set(), "examples": 0}
# A chunk of a resumable video upload is raw bytes: any bytes, of any (small) length.
schemathesis.openapi.media_type("application/offset+octet-stream", strategies.binary(max_size=4096))


def _load_schema() -> Any:
    """The schema /api/schema/ serves, generated in-process: loading it through the WSGI app at
    collection would open a database connection before pytest-django allows one."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    loaded = schemathesis.openapi.from_dict(
        document,
        config=SchemathesisConfig.from_dict(
            {
                "seed": int(SEED) if SEED else 20_251_001,
                "generation": {"max-examples": EXAMPLES, "mode": "all"},
                # The coverage phase walks every enum value and boundary (850 requests for the
                # profile's country list alone); FUZZ_COVERAGE=1 turns it on for a longer hunt.
                "phases": {"coverage": {"enabled": COVERAGE}},
            }
        ),
    )
    loaded.app = application
    return loaded


schema = _load_schema()


@pytest.fixture
def _keep_the_test_connection(identities: Any) -> Iterator[None]:
    """Django closes "old" database connections when a request starts and ends. Its test client
    turns that off around each of its requests (and back on after: hence after `identities`);
    schemathesis calls the WSGI app directly, and on PostgreSQL the close would end the
    connection holding the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def identities(world: World, client: Any) -> dict[str, dict[str, str]]:
    """Headers per identity: its bearer token, plus a CSRF cookie and header, since the
    session-style endpoints (register, login, logout) check CSRF whoever calls them."""
    # The member holds every staff role, so each workflow step is reachable.
    member = world.users["author"]
    organization = member.memberships.get().organization
    for role in ROLES[1:]:
        MembershipFactory(user=member, organization=organization, role=role)
    token = client.get("/api/v1/auth/csrf").json()["csrf_token"]
    csrf = {"X-CSRFToken": token, "Cookie": f"csrftoken={token}"}
    # Schemathesis calls the WSGI app and reads the body as sent: no gzip (config/compression.py,
    # tested in tests/config/test_compression.py), which its HTTP client would ask for.
    identity_encoding = {"Accept-Encoding": "identity"}
    return {
        identity: {
            **world.bearer("author" if identity == "member" else identity),
            **csrf,
            **identity_encoding,
        }
        for identity in IDENTITIES
    }


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
@pytest.mark.usefixtures("_no_throttling", "_keep_the_test_connection")
def test_every_operation_answers_as_documented(
    case: Any, identities: dict[str, dict[str, str]]
) -> None:
    # Each example is sent as every identity: one world per operation, and the same input
    # seen from three sides.
    FUZZ_STATISTICS["operations"].add(f"{case.method} {case.path}")
    FUZZ_STATISTICS["examples"] += 1
    for identity, headers in identities.items():
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except Exception as error:
            error.add_note(f"Operation: {case.operation.label}, sent as: {identity}")
            raise


# --- what the fuzzer found, pinned ---------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_organization_is_the_api_wide_404(api_client: Any) -> None:
    # DRF's generic views raised Http404 naming the model, without the `code` of every error.
    response = api_client.get("/api/v1/organizations/no-such-org/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.django_db
def test_errors_in_list_items_are_flat_field_paths(api_client: Any, world: World) -> None:
    api_client.force_login(world.users["verifier"])

    response = api_client.post(
        "/api/v1/verify/bulk", {"ids": ["ok-id", "", "x" * 65]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "ids.1": ["This field may not be blank."],
        "ids.2": ["Ensure this field has no more than 64 characters."],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", [",", ",,", "hours,", ""])
def test_blank_catalog_ordering_keeps_a_stable_order(
    api_client: Any, world: World, ordering: str
) -> None:
    # `?ordering=,` dropped every ORDER BY: pages of an unordered query may overlap.
    response = api_client.get("/api/v1/courses/", {"ordering": ordering})

    assert response.status_code == 200
    assert [course["slug"] for course in response.json()["results"]] == [world.course_slug]
