"""Signals `certificates` sends to its own receivers, so its services never import its tasks."""

from django.dispatch import Signal

# Sent once, after the transaction that stored a certificate's PDF commits. Argument:
# certificate_id (uuid.UUID).
certificate_issued = Signal()

# Sent once, after the transaction that revoked a certificate commits. Argument:
# certificate_id (uuid.UUID).
certificate_revoked = Signal()
