"""Signals `events` sends to the apps above it (they must not be imported from here)."""

from django.dispatch import Signal

# Sent once per attendance, after the transaction that recorded it commits (a CSV upload or a
# check-in). Argument: registration_id (int).
event_attended = Signal()
