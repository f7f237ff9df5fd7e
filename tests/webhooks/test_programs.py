"""`program.completed`: a completed program reaches the program's institutions' receiver,
signed (checked with the reference library), once, and no other organisation's."""

from collections.abc import Callable
from typing import Any

import pytest
from pytest_django.fixtures import Settings as SettingsWrapper
from standardwebhooks.webhooks import Webhook

from accounts.models import User
from certificates.models import Certificate
from programs.models import Program, ProgramCompletion
from tests.factories import OrganizationFactory
from tests.programs.conftest import courses, earn, make_program
from tests.webhooks.conftest import Receiver
from tests.webhooks.test_delivery import _register
from webhooks.models import Delivery, Endpoint

__all__ = ["courses", "earn", "make_program"]


@pytest.mark.usefixtures("tasks_in_process")
def test_a_completed_program_reaches_its_institutions_receiver_signed(
    staff: dict[str, User],
    receiver: Receiver,
    make_program: Callable[..., Program],
    earn: Callable[[User, str], Certificate],
    settings: SettingsWrapper,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    program = make_program(kind="elective", required_count=2)
    endpoint, secret = _register(staff, receiver.url, "program.completed")
    elsewhere = Endpoint.objects.create(
        organization=OrganizationFactory(slug="faraway"),
        url=receiver.url,
        event_types=["program.completed"],
        secret="whsec_AAAA",
    )

    earn(staff["learner"], "plc-basics")
    assert receiver.requests == []
    earn(staff["learner"], "digital-twins")
    earn(staff["learner"], "opc-ua-basics")  # a third course: the program is already complete

    completion = ProgramCompletion.objects.get()
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert Webhook(secret).verify(request.body, request.headers) == request.payload
    credential_id = str(completion.credential_id)
    assert request.payload["type"] == "program.completed"
    assert request.payload["data"] == {
        "program": {
            "slug": program.slug,
            "url": f"{settings.PUBLIC_BASE_URL}/programs/{program.slug}",
        },
        "credential_id": credential_id,
        "verify_url": f"{settings.PUBLIC_BASE_URL}/verify/{credential_id}",
        "learner": {"email": "learner@example.org"},
        "completed_at": completion.completed_at.isoformat(),
    }
    assert list(Delivery.objects.filter(endpoint=endpoint).values_list("event_type", "state")) == [
        ("program.completed", "succeeded")
    ]
    assert elsewhere.deliveries.count() == 0
