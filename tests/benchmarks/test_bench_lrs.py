"""The xAPI parts of the bench scripts: the batch the wrk script sends, headers, the LRS table."""

import json
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import bench
import bench_scale

from lrs.validation import validate_statement


def test_xapi_batch_puts_a_new_id_into_each_valid_statement() -> None:
    templates = bench.xapi_templates(100)
    ids = [str(uuid.uuid4()) for _ in templates]

    batch = json.loads(bench.xapi_batch(templates, ids))

    assert [statement["id"] for statement in batch] == ids
    for statement in batch:
        validate_statement(statement)  # raises InvalidError on any broken rule
    assert {s["verb"]["id"].rsplit("/", 1)[1] for s in batch} == {
        "experienced",
        "completed",
        "passed",
        "attempted",
        "answered",
    }
    assert batch[2]["result"] == {"score": {"scaled": 0.8}, "success": True}
    assert len({s["object"]["id"] for s in batch}) == 100
    # The ids go in only where "@ID@" stands: nothing else of a statement changes.
    assert all(template.count("@ID@") == 1 for template in templates)


def test_headers_of_xapi_and_bearer_requests() -> None:
    xapi = bench.Request("GET", "/api/xapi/statements?limit=1", "Basic a2V5OnNlY3JldA==")
    bearer = bench.Request("GET", "/api/v1/certificates/", "token-1")

    assert bench._headers(xapi) == {
        "Authorization": "Basic a2V5OnNlY3JldA==",
        "X-Experience-API-Version": "1.0.3",
    }
    assert bench._headers(bearer) == {"Authorization": "Bearer token-1"}
    assert bench._headers(bench.Request("GET", "/bench/baseline")) == {}


def test_parse_fails_on_responses_without_their_ids() -> None:
    output = (
        "  Latency Distribution\n     50%   10.00ms\n     99%   90.00ms\n"
        "  1000 requests in 10.00s, 1.00MB read\nRequests/sec:    100.00\n"
    )
    assert bench._parse(output, "batch") == {
        "rate": 100.0,
        "p50": 10.0,
        "p99": 90.0,
        "requests": 1000,
        "timeouts": 0,
    }
    timed_out = output + "  Socket errors: connect 0, read 0, write 0, timeout 7\n"
    assert bench._parse(timed_out, "batch")["timeouts"] == 7
    with pytest.raises(RuntimeError, match=r"^batch: 3 responses without their ids"):
        bench._parse(output + "Unexpected responses: 3\n", "batch")


def test_lrs_table_shows_each_size_with_its_budget() -> None:
    def endpoint(name: str, rate: float, p99: float, budget: float | None) -> dict:
        return {
            "name": name,
            "rate": rate,
            "ratio": rate / 1000,
            "p50": 5.0,
            "p99": p99,
            "queries": "2",
            "budget": budget,
            "p99_budget": 100.0,
            "min_rate": None,
        }

    runs = {
        "1x": {
            "endpoints": [
                endpoint("baseline", 1000, 40, None),
                endpoint("xAPI GET filtered", 400, 80, 0.30),
            ]
        }
    }
    rows = bench_scale.compare(runs)

    assert bench_scale.lrs_gets(rows) == ["xAPI GET filtered"]
    assert bench_scale.lrs_table({"sizes": {"1x": {}}, "endpoints": rows}).splitlines()[2:] == [
        "| xAPI GET filtered | 1x | 400 | 0.40 | ≥ 0.30, p99 < 100: met | 5.0 | 80.0 | 2 |"
    ]
