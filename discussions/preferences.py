"""A user's choice of discussion e-mail: at once, a daily digest, or none."""

from accounts.models import User
from discussions.models import Preference

__all__ = ["get_email_mode", "set_email_mode"]


def get_email_mode(*, user: User) -> str:
    """The user's e-mail mode (at once unless they chose otherwise)."""
    found = Preference.objects.filter(user=user).values_list("email_mode", flat=True).first()
    return found or Preference.EmailMode.IMMEDIATE


def set_email_mode(*, user: User, email_mode: str) -> str:
    """Set the user's e-mail mode (an upsert, safe to repeat)."""
    Preference.objects.update_or_create(user=user, defaults={"email_mode": email_mode})
    return email_mode
