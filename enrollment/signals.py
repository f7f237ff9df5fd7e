"""Signals `enrollment` sends to the apps above it (they must not be imported from here)."""

from django.dispatch import Signal

# Sent once, after the transaction that completed the enrollment commits. Argument:
# enrollment_id (int).
enrollment_completed = Signal()
