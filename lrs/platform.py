"""The platform's own learning records, stored in organisations' LRS in the platform's name."""

from typing import Any

from django.conf import settings

from lrs.models import Client
from lrs.statements import store_statements

__all__ = ["PLATFORM_AUTHORITY_NAME", "PLATFORM_KEY", "store_platform_statements"]

# The authority's account name: never a client's key (those are 32 hex digits), so a reader
# tells the platform's statements from its clients' by `authority.account.name`.
PLATFORM_KEY = "platform"
PLATFORM_AUTHORITY_NAME = "ICIM Academy"


def store_platform_statements(
    *, organization_id: int, statements: list[dict[str, Any]]
) -> list[str]:
    """Store the platform's statements for the organisation, with the platform as authority.

    Validated and stored as any client's batch is (all or nothing; nothing is trusted blindly):
    a replayed id with the same content is accepted and not stored again, so copying twice
    stores once. Raises InvalidError and ConflictError as `store_statements` does.
    """
    # An unsaved client: the platform has no credential, only a name in the authority.
    platform = Client(
        organization_id=organization_id, name=PLATFORM_AUTHORITY_NAME, key=PLATFORM_KEY, scope={}
    )
    return store_statements(
        client=platform, statements=statements, base_url=settings.PUBLIC_BASE_URL
    )
