"""What the cmi5 LMS writes into the LRS itself (launched and satisfied statements, the launch
data and learner preferences documents), as the organisation's "cmi5 LMS" client."""

import hashlib
import json
import secrets
from typing import Any

from django.conf import settings

from lrs.documents import save_document
from lrs.models import Client, Document
from lrs.statements import store_statements
from lrs.validation import agent_key

__all__ = ["lms_client", "save_lms_document", "store_lms_statements"]


def lms_client(*, organization_id: int) -> Client:
    """The organisation's "cmi5 LMS" client, the authority of what the LMS states. Its secret
    is never shown: nobody authenticates as it over HTTP."""
    key = f"cmi5-lms-{organization_id}"
    client = Client.objects.filter(key=key).first()
    if client is None:
        secret = secrets.token_urlsafe(32)
        client, _created = Client.objects.get_or_create(
            key=key,
            defaults={
                "organization_id": organization_id,
                "name": "cmi5 LMS",
                "secret_hash": hashlib.sha256(secret.encode()).hexdigest(),
            },
        )
    return client


def store_lms_statements(*, organization_id: int, statements: list[dict[str, Any]]) -> list[str]:
    """Store statements the LMS makes (launched, satisfied) in the organisation's LRS."""
    return store_statements(
        client=lms_client(organization_id=organization_id),
        statements=statements,
        base_url=settings.PUBLIC_BASE_URL,
    )


def save_lms_document(
    *,
    organization_id: int,
    kind: str,
    document_id: str,
    content: dict[str, Any],
    agent: dict[str, Any],
    activity_id: str = "",
    registration: str = "",
) -> None:
    """Create or replace a JSON state (kind "state") or agent profile ("agent_profile")
    document as the LMS."""
    keys = {"agent_key": agent_key(agent)}
    if kind == Document.Kind.STATE:
        keys.update(activity_id=activity_id, registration=registration)
    save_document(
        organization_id=organization_id,
        kind=kind,
        document_id=document_id,
        content=json.dumps(content).encode(),
        content_type="application/json",
        merge=False,
        if_match=None,
        if_none_match=None,
        require_precondition=False,
        **keys,
    )
