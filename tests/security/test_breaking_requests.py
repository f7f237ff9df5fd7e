"""Requests that used to break a worker: each is a clear 400 (or safe text), never a 500."""

import uuid
from typing import Any

import pytest
from rest_framework.test import APIClient

from enrollment.models import LearningEvent
from tests.security.conftest import World

pytestmark = pytest.mark.usefixtures("_no_throttling")

NUMERIC_OUT_OF_RANGE = (
    "A numeric answer must be a number below 10^13 in size, written in at most 40 characters."
)


@pytest.mark.parametrize(
    "answer", ["1e999999999", "1e1000000", "-1e13", 1e300, "1" * 41, "0." + "0" * 39 + "1"]
)
def test_a_numeric_answer_beyond_range_is_a_clear_400_and_records_nothing(
    world: World, course: dict[str, Any], answer: object
) -> None:
    client = APIClient()
    client.force_login(world.users["other_learner"])
    numeric_key = str(course["questions"]["numeric"].key)

    response = client.post(
        f"/api/v1/enrollments/{world.other_enrollment.pk}/events/",
        {
            "id": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": course["quiz"],
            "answers": {**course["correct_answers"], numeric_key: answer},
        },
        format="json",
    )

    assert response.status_code == 400, response.content[:500]
    assert response.json()["fields"] == {f"answers.{numeric_key}": [NUMERIC_OUT_OF_RANGE]}
    assert not LearningEvent.objects.filter(
        enrollment=world.other_enrollment, kind="quiz_submitted"
    ).exists()
