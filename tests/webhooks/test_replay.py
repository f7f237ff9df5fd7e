"""A replayed webhook on the receiver's side: a message the receiver really got, sent again
minutes later, is refused by the reference library's timestamp tolerance, and it cannot be made
fresh by rewriting its timestamp (the timestamp is part of what is signed)."""

from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from accounts.models import User
from tests.webhooks.conftest import Receiver
from webhooks import api as webhooks_api

# The reference library accepts a timestamp within 5 minutes of the receiver's clock.
LATER = timedelta(minutes=6)


class _ReceiverClockLater(datetime):
    """The receiver's clock, LATER than the sender's: the only thing faked here (the receiver
    is the outside world)."""

    @classmethod
    def now(cls, tz: object = None) -> "datetime":  # type: ignore[override]
        return datetime.now(tz=UTC) + LATER


def test_a_delivered_message_replayed_later_is_refused_even_with_a_fresh_timestamp(
    staff: dict[str, User], receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    endpoint, secret = webhooks_api.create_endpoint(
        user=staff["admin"],
        organization_slug="rhine",
        url=receiver.url,
        event_types=["certificate.issued"],
    )
    delivery = webhooks_api.send_test_delivery(
        user=staff["admin"], organization_slug="rhine", endpoint_id=endpoint.pk
    )
    attempted = webhooks_api.attempt_delivery(delivery_id=delivery.pk)
    assert attempted is not None
    assert attempted.state == "succeeded"
    [received] = receiver.requests
    # Now, it verifies.
    assert Webhook(secret).verify(received.body, received.headers) == received.payload

    monkeypatch.setattr("standardwebhooks.webhooks.datetime", _ReceiverClockLater)

    # The same request, replayed six minutes later.
    with pytest.raises(WebhookVerificationError, match="Message timestamp too old"):
        Webhook(secret).verify(received.body, received.headers)
    # The replayer rewrites the timestamp to the receiver's now: the signature no longer matches.
    fresh = int(_ReceiverClockLater.now().timestamp())
    rewritten = {**received.headers, "webhook-timestamp": str(fresh)}
    with pytest.raises(WebhookVerificationError, match="No matching signature found"):
        Webhook(secret).verify(received.body, rewritten)
    assert len(receiver.requests) == 1
