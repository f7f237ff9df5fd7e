"""Signals `lrs` sends to the apps above it (they must not be imported from here)."""

from django.dispatch import Signal

# Sent after the transaction that stored new statements commits. Arguments: organization_id
# (int), statement_ids (list[str], in stored order).
statements_stored = Signal()
