"""Signed statements (xAPI 1.0.3 Data 2.6): the JWS attachment's shape and payload."""

import base64
import json
from typing import Any

from lrs.validation import InvalidError

__all__ = ["SIGNATURE", "check_signature"]

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"
ALGORITHMS = ("RS256", "RS384", "RS512")
# Properties the LRS or the signer's attachment adds after signing.
NOT_SIGNED = ("attachments", "stored", "authority", "version", "id")


def _segment(text: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except ValueError as error:
        raise InvalidError("the signature is not a valid JWS") from error


def check_signature(statement: dict[str, Any], attachment: dict[str, Any], content: bytes) -> None:
    """Refuse a signature attachment that is not a compact JWS with an RS algorithm whose
    payload is this statement (the RSA signature itself is the relying party's to verify
    against the signer it trusts)."""
    if attachment["contentType"].split(";")[0].strip() != "application/octet-stream":
        raise InvalidError("a signature attachment's contentType must be application/octet-stream")
    try:
        parts = content.decode("ascii").strip().split(".")
    except UnicodeDecodeError as error:
        raise InvalidError("the signature is not a valid JWS") from error
    if len(parts) != 3:
        raise InvalidError("the signature is not a valid JWS")
    header, payload = _segment(parts[0]), _segment(parts[1])
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise InvalidError("the signature must use RS256, RS384 or RS512")
    if not isinstance(payload, dict):
        raise InvalidError("the signature's payload must be the statement")
    signed = {key: value for key, value in payload.items() if key not in NOT_SIGNED}
    sent = {key: value for key, value in statement.items() if key not in NOT_SIGNED}
    if signed != sent:
        raise InvalidError("the signature's payload differs from the statement")
