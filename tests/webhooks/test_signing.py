"""Signatures as the Standard Webhooks reference library checks them."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from webhooks.signing import encode_body, new_message_id, new_secret, signed_headers


def test_a_new_secret_is_32_random_bytes_in_the_whsec_format() -> None:
    secret = new_secret()

    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert new_secret() != secret


def test_the_reference_library_verifies_a_signed_body() -> None:
    secret = new_secret()
    body = encode_body({"type": "webhook.test", "data": {"name": "Zhāng Wěi 张伟"}})
    headers = signed_headers(
        message_id="msg_1", timestamp=timezone.now(), body=body, secrets=[secret]
    )

    assert Webhook(secret).verify(body, headers) == {
        "data": {"name": "Zhāng Wěi 张伟"},
        "type": "webhook.test",
    }
    assert headers["webhook-id"] == "msg_1"
    assert headers["webhook-signature"].startswith("v1,")


def test_two_secrets_give_two_signatures_and_either_verifies() -> None:
    old, new = new_secret(), new_secret()
    body = encode_body({"type": "webhook.test"})
    headers = signed_headers(
        message_id=new_message_id(), timestamp=timezone.now(), body=body, secrets=[new, old]
    )

    assert len(headers["webhook-signature"].split(" ")) == 2
    for secret in (old, new):
        Webhook(secret).verify(body, headers)
    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        Webhook(new_secret()).verify(body, headers)


def test_a_replayed_old_message_is_refused_by_the_reference_library() -> None:
    secret = new_secret()
    body = encode_body({"type": "webhook.test"})
    headers = signed_headers(
        message_id="msg_2",
        timestamp=timezone.now() - timedelta(minutes=10),
        body=body,
        secrets=[secret],
    )

    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(body, headers)


def test_a_changed_body_is_refused() -> None:
    secret = new_secret()
    body = encode_body({"type": "webhook.test", "data": {"grade": 71}})
    headers = signed_headers(
        message_id="msg_3", timestamp=timezone.now(), body=body, secrets=[secret]
    )

    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        Webhook(secret).verify(body.replace(b"71", b"97"), headers)
