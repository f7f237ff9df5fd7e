"""The platform as the cmi5 LMS: a launch writes the launch data, learner preferences and the
"launched" statement and hands the AU its URL; the fetch URL gives the token once; the AU's
statements through the LRS apply moveOn to progress (to the certificate), idempotently."""

import base64
import json
import re
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from devdata.elearning_packages import build_cmi5_package
from enrollment.models import LessonProgress, PackageAttempt
from enrollment.package_cmi5_moveon import apply_move_on, is_satisfied
from lrs.api import store_lms_statements
from lrs.models import Client as LrsClient
from lrs.models import Document, Statement
from tests.elearning import content_client, content_origin, launch, learning, token_of
from tests.enrollment.conftest import _fresh_outline_cache

__all__ = ["_fresh_outline_cache", "content_origin", "learning"]

pytestmark = pytest.mark.django_db

CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
EXT = "https://w3id.org/xapi/cmi5/context/extensions/"
ADL = "http://adlnet.gov/expapi/verbs/"
PUBLISHER_AU = "https://academy.icim.example/packages/fire-cmi5/au1"


def _config(started: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    response = launch(started["learner"], started["enrollment"].pk, started["package"])
    assert response.status_code == 201, response.content
    token = token_of(response.json()["launch_url"])
    page = content_client().get(f"/p/{token}/")
    assert page.status_code == 200
    match = re.search(
        r'<script id="icim-player-config" type="application/json">(.*?)</script>',
        page.content.decode(),
        re.S,
    )
    assert match
    return token, json.loads(match.group(1))


def _params(sco_url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(sco_url).query).items()}


def _fetch(token: str) -> Any:
    return content_client().post(f"/p/{token}/cmi5/fetch")


def _au(auth_token: str) -> Callable[..., Any]:
    http = Client()

    def send(method: str, path: str, body: Any = None, **params: str) -> Any:
        query = "&".join(f"{name}={value}" for name, value in params.items())
        return http.generic(
            method,
            f"/api/xapi/{path}" + (f"?{query}" if query else ""),
            data=json.dumps(body) if body is not None else b"",
            content_type="application/json",
            headers={"Authorization": f"Basic {auth_token}", "X-Experience-API-Version": "1.0.3"},
        )

    return send


@pytest.fixture
def played(learning: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """A launched cmi5 lesson: its token, params, the AU's LRS client and session."""

    def run(**package: Any) -> dict[str, Any]:
        started = learning(build_cmi5_package(**package))
        token, config = _config(started)
        params = _params(config["sco_url"])
        auth = _fetch(token).json()["auth-token"]
        state = json.loads(
            bytes(Document.objects.get(kind="state", document_id="LMS.LaunchData").content)
        )
        return {
            **started,
            "token": token,
            "params": params,
            "send": _au(auth),
            "session": state["contextTemplate"]["extensions"][EXT + "sessionid"],
        }

    return run


def _statement(run: dict[str, Any], verb: str, **result: Any) -> dict[str, Any]:
    categories = [{"id": CMI5}]
    if result:
        categories.append({"id": MOVEON})
    statement: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": json.loads(run["params"]["actor"]),
        "verb": {"id": ADL + verb},
        "object": {"id": run["params"]["activityId"], "objectType": "Activity"},
        "context": {
            "registration": run["params"]["registration"],
            "contextActivities": {"grouping": [{"id": PUBLISHER_AU}], "category": categories},
            "extensions": {EXT + "sessionid": run["session"]},
        },
        "timestamp": "2026-12-07T10:00:00Z",
    }
    if result:
        statement["result"] = result
    return statement


def test_a_launch_writes_launch_data_preferences_launched_and_the_au_url(
    learning: Callable[..., dict[str, Any]],
) -> None:
    started = learning(build_cmi5_package(mastery_score="0.8"))
    token, config = _config(started)

    attempt = PackageAttempt.objects.get(enrollment=started["enrollment"])
    registration = attempt.cmi["registration"]
    course_id, lesson_key = started["enrollment"].course_id, started["package"]
    activity = f"{settings.PUBLIC_BASE_URL}/xapi/cmi5/{course_id}/{lesson_key}/au/"
    sco_url = config["sco_url"]
    assert sco_url.startswith(f"http://content.testserver/p/{token}/f/index.html?")
    params = _params(sco_url)
    assert params == {
        "endpoint": f"{settings.PUBLIC_BASE_URL}/api/xapi/",
        "fetch": f"http://content.testserver/p/{token}/cmi5/fetch",
        "registration": registration,
        "activityId": params["activityId"],
        "actor": json.dumps(
            {
                "objectType": "Agent",
                "account": {
                    "homePage": settings.PUBLIC_BASE_URL,
                    "name": str(started["learner"].pk),
                },
            },
            separators=(",", ":"),
        ),
    }
    assert params["activityId"].startswith(activity)
    assert params["activityId"] != PUBLISHER_AU
    assert config["standard"] == "cmi5"
    assert config["cmi"] == {}

    state = Document.objects.get(kind="state", document_id="LMS.LaunchData")
    content = json.loads(bytes(state.content))
    session = content["contextTemplate"]["extensions"][EXT + "sessionid"]
    assert uuid.UUID(session)
    assert content == {
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": PUBLISHER_AU}]},
            "extensions": {EXT + "sessionid": session},
        },
        "launchMode": "Normal",
        "launchMethod": "AnyWindow",
        "moveOn": "CompletedAndPassed",
        "masteryScore": 0.8,
    }
    assert (state.activity_id, state.registration, state.content_type) == (
        params["activityId"],
        registration,
        "application/json",
    )
    profile = Document.objects.get(kind="agent_profile", document_id="cmi5LearnerPreferences")
    assert json.loads(bytes(profile.content)) == {"languagePreference": "en"}
    launched = Statement.objects.get(verb_id=ADL + "launched")
    body = launched.statement
    assert (str(launched.registration), launched.object_activity_id) == (
        registration,
        params["activityId"],
    )
    assert body["context"]["contextActivities"] == {
        "grouping": [{"id": PUBLISHER_AU}],
        "category": [{"id": CMI5}],
    }
    assert body["context"]["extensions"] == {
        EXT + "sessionid": session,
        EXT + "launchmode": "Normal",
        EXT + "moveon": "CompletedAndPassed",
        EXT + "launchurl": f"http://content.testserver/p/{token}/f/index.html",
        EXT + "masteryscore": 0.8,
    }
    assert body["actor"] == json.loads(params["actor"])

    # a second launch: the same registration, a new session
    _token, again = _config(started)
    assert _params(again["sco_url"])["registration"] == registration
    assert Statement.objects.filter(verb_id=ADL + "launched").count() == 2


def test_the_fetch_url_answers_the_token_once(learning: Callable[..., dict[str, Any]]) -> None:
    started = learning(build_cmi5_package())
    token, config = _config(started)

    first = _fetch(token)
    second = _fetch(token)

    assert first.status_code == 200
    assert first["Content-Type"] == "application/json"
    auth = first.json()["auth-token"]
    key, _, _secret = base64.b64decode(auth).decode().partition(":")
    client = LrsClient.objects.get(key=key)
    params = _params(config["sco_url"])
    assert client.scope["registration"] == params["registration"]
    assert client.scope["activity_id"] == params["activityId"]
    assert client.organization_id == started["enrollment"].course.institutions.first().pk
    assert second.status_code == 200
    assert second.json() == {
        "error-code": "1",
        "error-text": "The authorization token has already been returned.",
    }
    assert content_client().get(f"/p/{token}/cmi5/fetch").status_code == 405
    assert _fetch(token[:-2] + "xx").json()["error-code"] == "2"


def _progress(started: dict[str, Any]) -> dict[str, Any]:
    client = APIClient()
    client.force_authenticate(started["learner"])
    return dict(client.get(f"/api/v1/enrollments/{started['enrollment'].pk}/progress/").json())


def test_the_au_statements_complete_the_lesson_and_queue_the_certificate(
    played: Callable[..., dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from certificates.tasks import issue_certificate_task

    queued: list[int] = []
    monkeypatch.setattr(issue_certificate_task, "delay", queued.append)
    run = played(mastery_score="0.5")
    send = run["send"]
    with django_capture_on_commit_callbacks(execute=True):
        assert send("POST", "statements", _statement(run, "initialized")).status_code == 200
        assert (
            send(
                "POST", "statements", _statement(run, "completed", completion=True, duration="PT1M")
            ).status_code
            == 200
        )
    assert LessonProgress.objects.get(enrollment=run["enrollment"]).completed_at is None
    assert _progress(run)["missing"][0]["reason"] == "not_completed"

    passed = _statement(
        run,
        "passed",
        success=True,
        duration="PT2M",
        score={"scaled": 1, "raw": 2, "min": 0, "max": 2},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send("POST", "statements", passed).status_code == 200

    enrollment = run["enrollment"]
    enrollment.refresh_from_db()
    assert (enrollment.status, str(enrollment.final_grade)) == ("completed", "100.00")
    assert queued == [enrollment.pk]
    attempt = PackageAttempt.objects.get(enrollment=enrollment)
    assert (attempt.completion_status, attempt.success_status, attempt.score) == (
        "completed",
        "passed",
        100,
    )
    progress = _progress(run)
    assert (progress["percent"], progress["is_complete"], progress["missing"]) == (100, True, [])
    satisfied = Statement.objects.get(verb_id="https://w3id.org/xapi/adl/verbs/satisfied")
    assert satisfied.statement["object"]["id"].endswith(f"/{run['package']}/course")
    assert satisfied.statement["context"]["extensions"] == {EXT + "sessionid": run["session"]}

    # the same statement again (an AU retrying): nothing changes
    before = (Statement.objects.count(), attempt.updated_at, queued[:])
    with django_capture_on_commit_callbacks(execute=True):
        assert send("PUT", "statements", passed, statementId=passed["id"]).status_code == 204
    attempt.refresh_from_db()
    assert (Statement.objects.count(), attempt.updated_at, queued) == before


@pytest.mark.parametrize(
    ("move_on", "completed", "passed", "expected"),
    [
        ("Completed", True, False, True),
        ("Completed", False, True, False),
        ("Passed", False, True, True),
        ("Passed", True, False, False),
        ("CompletedAndPassed", True, True, True),
        ("CompletedAndPassed", True, False, False),
        ("CompletedOrPassed", False, True, True),
        ("CompletedOrPassed", True, False, True),
        ("CompletedOrPassed", False, False, False),
        ("NotApplicable", False, False, True),
    ],
)
def test_move_on(move_on: str, completed: bool, passed: bool, expected: bool) -> None:
    assert is_satisfied(move_on, completed=completed, passed=passed) is expected


@pytest.mark.parametrize(
    ("move_on", "verbs", "done"),
    [
        ("Completed", ["completed"], True),
        ("Completed", ["passed"], False),
        ("Passed", ["passed"], True),
        ("Passed", ["completed", "failed"], False),
        ("CompletedAndPassed", ["completed"], False),
        ("CompletedAndPassed", ["completed", "passed"], True),
        ("CompletedOrPassed", ["failed", "completed"], True),
        ("CompletedOrPassed", ["failed"], False),
        ("NotApplicable", [], True),
    ],
)
def test_move_on_through_the_lrs(
    played: Callable[..., dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
    move_on: str,
    verbs: list[str],
    done: bool,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = played(move_on=move_on, mastery_score="0.8")
    results = {
        "completed": {"completion": True, "duration": "PT1M"},
        "passed": {"success": True, "duration": "PT1M", "score": {"scaled": 0.9}},
        "failed": {"success": False, "duration": "PT1M", "score": {"scaled": 0.4}},
    }
    for verb in verbs:
        with django_capture_on_commit_callbacks(execute=True):
            response = run["send"]("POST", "statements", _statement(run, verb, **results[verb]))
        assert response.status_code == 200

    progress = LessonProgress.objects.filter(enrollment=run["enrollment"]).first()
    assert (progress is not None and progress.completed_at is not None) is done
    satisfied = Statement.objects.filter(verb_id="https://w3id.org/xapi/adl/verbs/satisfied")
    assert satisfied.count() == (1 if done else 0)


def test_a_launch_alone_decides_nothing_unless_move_on_is_not_applicable(
    learning: Callable[..., dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    started = learning(build_cmi5_package())
    with django_capture_on_commit_callbacks(execute=True):
        _config(started)

    assert LessonProgress.objects.filter(enrollment=started["enrollment"]).count() == 0


def test_a_failed_check_leaves_the_lesson_not_done_with_its_score(
    played: Callable[..., dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    run = played(mastery_score="0.8")
    failed = _statement(
        run,
        "failed",
        success=False,
        duration="PT1M",
        score={"scaled": 0.5, "raw": 1, "min": 0, "max": 2},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert run["send"]("POST", "statements", failed).status_code == 200

    progress = LessonProgress.objects.get(enrollment=run["enrollment"])
    assert (progress.completed_at, progress.best_score) == (None, 50)
    attempt = PackageAttempt.objects.get(enrollment=run["enrollment"])
    assert (attempt.success_status, attempt.is_complete) == ("failed", False)


@pytest.mark.parametrize(
    "change",
    [
        "no_category",
        "wrong_session",
        "passed_below_mastery",
        "failed_at_mastery",
        "lms_verb",
        "score_on_completed",
    ],
)
def test_statements_breaking_cmi5_rules_are_forbidden_and_change_nothing(
    played: Callable[..., dict[str, Any]], django_capture_on_commit_callbacks: Any, change: str
) -> None:
    run = played(mastery_score="0.8")
    score = {"scaled": 0.5, "raw": 1, "min": 0, "max": 2}
    statement = {
        "no_category": _statement(run, "completed", completion=True),
        "wrong_session": _statement(run, "completed", completion=True),
        "passed_below_mastery": _statement(run, "passed", success=True, score=score),
        "failed_at_mastery": _statement(
            run, "failed", success=False, score={**score, "scaled": 0.8}
        ),
        "lms_verb": {
            **_statement(run, "completed"),
            "verb": {"id": "https://w3id.org/xapi/adl/verbs/satisfied"},
        },
        "score_on_completed": _statement(run, "completed", completion=True, score=score),
    }[change]
    if change == "no_category":
        statement["context"]["contextActivities"]["category"] = [{"id": MOVEON}]
    if change == "wrong_session":
        statement["context"]["extensions"][EXT + "sessionid"] = str(uuid.uuid4())
    before = (Statement.objects.count(), LessonProgress.objects.count())

    with django_capture_on_commit_callbacks(execute=True):
        response = run["send"]("POST", "statements", statement)

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert (Statement.objects.count(), LessonProgress.objects.count()) == before


def test_completed_and_passed_only_once_per_registration(
    played: Callable[..., dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    run = played()
    with django_capture_on_commit_callbacks(execute=True):
        first = run["send"]("POST", "statements", _statement(run, "completed", completion=True))
        again = run["send"]("POST", "statements", _statement(run, "completed", completion=True))

    assert (first.status_code, again.status_code) == (200, 403)
    # The AU's, in its registration (the platform's own "completed" of the course, copied into
    # the LRS after the commit, is in the enrollment's registration).
    au_statements = Statement.objects.filter(registration=run["params"]["registration"])
    assert au_statements.filter(verb_id=ADL + "completed").count() == 1


def test_another_learners_token_cannot_write_for_this_one(
    played: Callable[..., dict[str, Any]],
) -> None:
    run = played()
    other = {**json.loads(run["params"]["actor"])}
    other["account"] = {**other["account"], "name": "999999"}
    statement = {**_statement(run, "completed", completion=True), "actor": other}

    response = run["send"]("POST", "statements", statement)

    assert response.status_code == 400
    assert Statement.objects.filter(verb_id=ADL + "completed").count() == 0


def _session_verbs(session: str) -> list[str]:
    return [
        row.statement["verb"]["id"].rsplit("/", 1)[1]
        for row in Statement.objects.order_by("stored", "sequence")
        if row.statement.get("context", {}).get("extensions", {}).get(EXT + "sessionid") == session
    ]


def test_a_relaunch_abandons_the_session_that_never_terminated(
    played: Callable[..., dict[str, Any]],
) -> None:
    run = played()
    assert run["send"]("POST", "statements", _statement(run, "initialized")).status_code == 200

    _config(run)

    # cmi5 9.3.6: the LMS records one "Abandoned" for the old session, with its duration and the
    # cmi5 context, before the new session's "launched"...
    assert _session_verbs(run["session"]) == ["launched", "initialized", "abandoned"]
    abandoned = Statement.objects.get(verb_id="https://w3id.org/xapi/adl/verbs/abandoned")
    assert abandoned.statement["object"]["id"] == run["params"]["activityId"]
    assert abandoned.statement["context"]["registration"] == run["params"]["registration"]
    assert abandoned.statement["context"]["contextActivities"]["grouping"] == [{"id": PUBLISHER_AU}]
    assert {"id": CMI5} in abandoned.statement["context"]["contextActivities"]["category"]
    assert re.fullmatch(r"PT\d+\.\d\dS", abandoned.statement["result"]["duration"])
    # ...and the old session records nothing more (403, nothing stored).
    late = run["send"]("POST", "statements", _statement(run, "completed", completion=True))
    assert late.status_code == 403
    assert late.json()["detail"] == "this AU session was abandoned: it records no more statements"
    assert _session_verbs(run["session"]) == ["launched", "initialized", "abandoned"]
    # A third launch abandons the second session (never fetched), not the first one again.
    _config(run)
    assert Statement.objects.filter(verb_id__endswith="/abandoned").count() == 2


def test_a_terminated_session_is_not_abandoned_and_closes_after_the_grace(
    played: Callable[..., dict[str, Any]],
) -> None:
    run = played()
    batch = [_statement(run, "initialized"), _statement(run, "terminated")]
    assert run["send"]("POST", "statements", batch).status_code == 200
    # A statement already on its way when the AU terminated is still taken...
    straggler = _statement(run, "experienced")
    assert run["send"]("POST", "statements", straggler).status_code == 200

    # ...but not after the grace (cmi5 9.3.8): 31 seconds later.
    credential = LrsClient.objects.get(scope__session_id=run["session"])
    terminated_at = datetime.fromisoformat(credential.scope["terminated_at"])
    credential.scope["terminated_at"] = (terminated_at - timedelta(seconds=31)).isoformat()
    credential.save()
    after = run["send"]("POST", "statements", _statement(run, "completed", completion=True))
    assert after.status_code == 403
    assert after.json()["detail"] == "this AU session has terminated: it records no more statements"

    _config(run)
    assert not Statement.objects.filter(verb_id__endswith="/abandoned").exists()


@pytest.mark.parametrize("registrations", [3, 30])
def test_move_on_asks_for_a_batch_of_registrations_once(
    registrations: int,
    played: Callable[..., dict[str, Any]],
    django_assert_num_queries: Any,
) -> None:
    run = played()
    organization_id = run["enrollment"].course.institutions.first().pk
    # Results of other registrations (no attempt of this platform's) in one stored batch.
    batch = []
    for _ in range(registrations):
        statement = _statement(run, "completed", completion=True)
        statement["context"]["registration"] = str(uuid.uuid4())
        batch.append(statement)
    ids = store_lms_statements(organization_id=organization_id, statements=batch)

    # The stored results, and the attempts of their registrations: none here.
    with django_assert_num_queries(2):
        apply_move_on(organization_id=organization_id, statement_ids=ids)
