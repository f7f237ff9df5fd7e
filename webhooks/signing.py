"""Standard Webhooks signatures: pure functions over a secret, a message and its time.

The `standardwebhooks` library computes each `v1,<base64 HMAC-SHA256>` signature of
"<id>.<timestamp>.<body>"; several secrets give several signatures, space separated, which the
specification allows and receivers accept when any one matches (secret rotation).
"""

import base64
import json
import secrets
import uuid
from datetime import datetime
from typing import Any

from standardwebhooks.webhooks import Webhook

__all__ = ["encode_body", "new_message_id", "new_secret", "signed_headers"]

SECRET_PREFIX = "whsec_"  # noqa: S105  (the format's prefix)
# The specification asks for 24 to 64 random bytes.
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh `whsec_<base64>` secret."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_message_id() -> str:
    """A unique `webhook-id`."""
    return f"msg_{uuid.uuid4().hex}"


def encode_body(payload: dict[str, Any]) -> bytes:
    """The body as sent and signed: compact JSON, UTF-8, keys in a stable order."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signed_headers(
    *, message_id: str, timestamp: datetime, body: bytes, secrets: list[str]
) -> dict[str, str]:
    """The three Standard Webhooks headers for `body`, signed with each of `secrets`."""
    signatures = [
        Webhook(secret).sign(msg_id=message_id, timestamp=timestamp, data=body)
        for secret in secrets
    ]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": " ".join(signatures),
    }
