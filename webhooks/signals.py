"""Signals `webhooks` sends to its own receivers, so its services never import its tasks."""

from django.dispatch import Signal

# Sent after the transaction that created deliveries commits. Argument: delivery_ids (list[int]).
deliveries_created = Signal()
