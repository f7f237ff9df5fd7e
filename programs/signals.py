"""Signals `programs` sends to the apps above it (they must not be imported from here)."""

from django.dispatch import Signal

# Sent once per completed program and learner, after the transaction that recorded the
# completion (with its issued credential) commits. Argument: completion_id (int).
program_completed = Signal()
