"""cmi5's rules on what an AU writes with its launch credential: 403 and nothing stored for a
broken rule; other credentials and cmi5 allowed statements are not affected."""

import uuid
from datetime import timedelta
from typing import Any

import pytest

from accounts.models import Organization
from lrs.api import issue_launch_credential, store_lms_statements
from lrs.models import Statement
from tests.lrs.conftest import Send, sender

pytestmark = pytest.mark.django_db

ACTOR = {"objectType": "Agent", "account": {"homePage": "https://academy.example", "name": "7"}}
AU = "https://academy.example/xapi/cmi5/au/1"
SESSION = str(uuid.uuid4())
REGISTRATION = str(uuid.uuid4())
ADL = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"


@pytest.fixture
def au(organization: Organization) -> Send:
    token = issue_launch_credential(
        organization_id=organization.id,
        actor=ACTOR,
        registration=REGISTRATION,
        activity_id=AU,
        expires_in=timedelta(hours=1),
        profile={"cmi5": True, "session_id": SESSION, "mastery_score": 0.8},
    )
    return sender("Basic " + token)


def _statement(verb: str, *, obj: str = AU, **result: Any) -> dict[str, Any]:
    categories = [{"id": CMI5}, *([{"id": MOVEON}] if result else [])]
    statement: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": {"id": ADL + verb},
        "object": {"id": obj},
        "context": {
            "registration": REGISTRATION,
            "contextActivities": {"category": categories},
            "extensions": {SESSION_ID: SESSION},
        },
    }
    if result:
        statement["result"] = result
    return statement


def test_a_cmi5_session_is_stored(au: Send) -> None:
    batch = [
        _statement("initialized"),
        _statement("completed", completion=True, duration="PT1M"),
        _statement("passed", success=True, duration="PT2M", score={"scaled": 0.9}),
        _statement("terminated"),
    ]

    response = au("POST", "statements", batch)

    assert response.status_code == 200
    assert response.json() == [item["id"] for item in batch]


def _void(statement: dict[str, Any]) -> dict[str, Any]:
    return {
        **statement,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": str(uuid.uuid4())},
    }


@pytest.mark.parametrize(
    ("statement", "detail"),
    [
        (_void(_statement("completed")), "an AU may not void statements"),
        (
            {**_statement("completed"), "verb": {"id": "https://w3id.org/xapi/adl/verbs/waived"}},
            "only the LMS states https://w3id.org/xapi/adl/verbs/waived",
        ),
        (
            _statement("passed", success=True, score={"scaled": 0.79}),
            "a passed statement's score is below the mastery score",
        ),
        (
            _statement("failed", success=False, score={"scaled": 0.8}),
            "a failed statement's score reaches the mastery score",
        ),
        (
            _statement("completed", completion=True, score={"scaled": 1}),
            "only passed and failed statements carry a score",
        ),
    ],
    ids=["void", "lms-verb", "passed-below", "failed-at", "score-on-completed"],
)
def test_broken_rules_are_forbidden(au: Send, statement: dict[str, Any], detail: str) -> None:
    # Sent in a batch after a valid statement: all or nothing.
    response = au("POST", "statements", [_statement("initialized"), statement])

    assert response.status_code == 403
    assert response.json() == {"detail": detail, "code": "forbidden"}
    assert Statement.objects.count() == 0


def test_the_category_and_session_are_required_on_cmi5_defined_statements(au: Send) -> None:
    no_category = _statement("initialized")
    no_category["context"]["contextActivities"] = {}
    other_session = _statement("initialized")
    other_session["context"]["extensions"] = {SESSION_ID: str(uuid.uuid4())}

    assert au("POST", "statements", no_category).json() == {
        "detail": "a cmi5 defined statement needs the cmi5 category",
        "code": "forbidden",
    }
    assert au("POST", "statements", other_session).status_code == 403
    assert Statement.objects.count() == 0


def test_completed_and_passed_once_and_no_failed_after_passed(au: Send) -> None:
    assert au("POST", "statements", _statement("completed", completion=True)).status_code == 200
    assert au("POST", "statements", _statement("completed", completion=True)).status_code == 403
    passed = _statement("passed", success=True, score={"scaled": 0.9})
    assert au("POST", "statements", passed).status_code == 200
    assert au("POST", "statements", _statement("passed", success=True)).status_code == 403
    assert au("POST", "statements", _statement("failed", success=False)).status_code == 403
    # the same statement again is a replay, not a second "passed"
    assert au("PUT", "statements", passed, params={"statementId": passed["id"]}).status_code == 204
    assert Statement.objects.count() == 2


def test_cmi5_allowed_statements_and_other_clients_are_not_checked(
    au: Send, xapi: Send, organization: Organization
) -> None:
    allowed = {**_statement("experienced"), "context": {"registration": REGISTRATION}}
    about_other = _statement("completed", obj="https://academy.example/page/2")
    about_other["context"] = {"registration": REGISTRATION}
    lms = {**_statement("launched")}

    assert au("POST", "statements", [allowed, about_other]).status_code == 200
    assert (
        xapi("POST", "statements", _statement("passed", score={"scaled": 0.1})).status_code == 200
    )
    assert store_lms_statements(organization_id=organization.id, statements=[lms]) == [lms["id"]]
    assert Statement.objects.count() == 4
