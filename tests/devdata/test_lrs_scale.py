"""seed_lrs loads statements with the LRS's own index rows, found by its filters; idempotent."""

import base64
import json
from collections import Counter
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient

from devdata import lrs_scale
from lrs.models import Activity, Statement, StatementActivity, StatementAgent

pytestmark = pytest.mark.django_db


def _credential() -> str:
    out = StringIO()
    call_command("xapi_credentials", lrs_scale.ORGANIZATION_SLUG, stdout=out)
    key_secret = out.getvalue().strip().splitlines()[-1]
    return "Basic " + base64.b64encode(key_secret.encode()).decode()


def _get(credential: str, **params: str) -> dict:
    response = HttpClient().get(
        "/api/xapi/statements?" + urlencode(params),
        headers={"Authorization": credential, "X-Experience-API-Version": "1.0.3"},
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_seed_lrs_loads_statements_with_their_index_rows_and_is_idempotent() -> None:
    call_command("seed_lrs", statements=300, stdout=StringIO())
    call_command("seed_lrs", statements=300, stdout=StringIO())

    rows = list(Statement.objects.order_by("sequence"))
    assert len(rows) == 300
    assert len({row.id for row in rows}) == 300
    assert [row.stored for row in rows] == [lrs_scale.stored_at(n) for n in range(300)]
    counts = lrs_scale.sizes(300)
    assert counts == {"actors": 5, "courses": 2, "registrations": 15}
    assert len({row.actor_key for row in rows}) == 5
    assert len({row.verb_id for row in rows}) > 10
    # Each statement's indexed columns agree with its JSON, and its index rows exist.
    for row in rows:
        statement = row.statement
        assert statement["id"] == str(row.id)
        assert statement["verb"]["id"] == row.verb_id
        assert statement["object"]["id"] == row.object_activity_id
        assert statement["context"]["registration"] == str(row.registration)
        assert lrs_scale.mbox_key(statement["actor"]["mbox"]) == row.actor_key
        assert row.submitted == {
            k: v for k, v in statement.items() if k not in ("stored", "authority", "version")
        }
    agents = StatementAgent.objects.all()
    assert agents.count() == 600
    assert Counter(agent.direct for agent in agents) == {True: 300, False: 300}
    activities = StatementActivity.objects.all()
    cmi5 = sum(1 for row in rows if "category" in row.statement["context"]["contextActivities"])
    assert 0 < cmi5 < 300
    assert activities.count() == 600 + cmi5
    assert Activity.objects.count() == 2 * lrs_scale.LESSONS_PER_COURSE


def test_seeded_statements_are_found_by_the_lrs_filters() -> None:
    call_command("seed_lrs", statements=400, stdout=StringIO())
    credential = _credential()
    first = Statement.objects.order_by("sequence").first()
    assert first is not None
    verb, activity = first.verb_id, first.object_activity_id
    since = lrs_scale.stored_at(0).isoformat()  # after statement 0: it is left out
    expected = list(
        Statement.objects.filter(
            verb_id=verb, object_activity_id=activity, stored__gt=lrs_scale.stored_at(0)
        )
        .order_by("-stored", "-sequence")
        .values_list("id", flat=True)
    )

    page = _get(credential, verb=verb, activity=activity, since=since, limit="50")

    assert [s["id"] for s in page["statements"]] == [str(pk) for pk in expected]
    # By agent (the actor's mbox) and by registration, and a course through related activities.
    mbox = first.statement["actor"]["mbox"]
    by_agent = _get(credential, agent=json.dumps({"mbox": mbox}), limit="100")
    assert {s["id"] for s in by_agent["statements"]} == {
        str(pk)
        for pk in Statement.objects.filter(actor_key=first.actor_key).values_list("id", flat=True)
    }
    registration = str(first.registration)
    by_registration = _get(credential, registration=registration, limit="100")
    assert {s["id"] for s in by_registration["statements"]} == {
        str(pk)
        for pk in Statement.objects.filter(registration=registration).values_list("id", flat=True)
    }
    course = first.statement["context"]["contextActivities"]["parent"][0]["id"]
    in_course = Statement.objects.filter(object_activity_id__startswith=course + "/").count()
    assert in_course > 100
    related = _get(credential, activity=course, related_activities="true", limit="100")
    assert len(related["statements"]) == 100
    assert related["more"]
    assert _get(credential, activity=course)["statements"] == []  # only related to the course
