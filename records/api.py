"""The public door of `records`: the learner's own record as a signed CLR 2.0, and the
verification of a presented one. Views and other apps import only this module."""

from records.learner_record import (
    DOWNLOAD_FILENAME,
    Learner,
    NoCredentialsHeld,
    ProgramCredential,
    build_learner_record,
    issue_learner_record,
)
from records.verification import MAX_EMBEDDED, RecordVerification, verify_learner_record

__all__ = [
    "DOWNLOAD_FILENAME",
    "MAX_EMBEDDED",
    "Learner",
    "NoCredentialsHeld",
    "ProgramCredential",
    "RecordVerification",
    "build_learner_record",
    "issue_learner_record",
    "verify_learner_record",
]
