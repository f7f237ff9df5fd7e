"""The door of lrs: what other apps may call (and `lrs.models` for queries)."""

from lrs.clients import create_client, issue_launch_credential
from lrs.cmi5 import CATEGORY_CMI5, CATEGORY_MOVEON, SESSION_ID, VERBS, RejectedError
from lrs.cmi5_lms import save_lms_document, store_lms_statements
from lrs.cmi5_sessions import abandon_session
from lrs.platform import PLATFORM_KEY, store_platform_statements
from lrs.signals import statements_stored
from lrs.statements import ConflictError, store_statements
from lrs.validation import InvalidError

__all__ = [
    "CATEGORY_CMI5",
    "CATEGORY_MOVEON",
    "PLATFORM_KEY",
    "SESSION_ID",
    "VERBS",
    "ConflictError",
    "InvalidError",
    "RejectedError",
    "abandon_session",
    "create_client",
    "issue_launch_credential",
    "save_lms_document",
    "statements_stored",
    "store_lms_statements",
    "store_platform_statements",
    "store_statements",
]
