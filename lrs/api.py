"""The door of lrs: what other apps may call (and `lrs.models` for queries)."""

from lrs.clients import create_client, issue_launch_credential
from lrs.platform import PLATFORM_KEY, store_platform_statements
from lrs.signals import statements_stored
from lrs.statements import ConflictError, store_statements
from lrs.validation import InvalidError

__all__ = [
    "PLATFORM_KEY",
    "ConflictError",
    "InvalidError",
    "create_client",
    "issue_launch_credential",
    "statements_stored",
    "store_platform_statements",
    "store_statements",
]
