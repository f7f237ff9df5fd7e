"""Refusals that more than one concern of `enrollment` gives, worded once."""

from django.utils.translation import gettext_lazy

__all__ = ["NOT_ACTIVE", "WRONG_LESSON_KIND"]

NOT_ACTIVE = gettext_lazy("This enrolment is not active: enrol again to continue.")
WRONG_LESSON_KIND = gettext_lazy("A %(kind)s lesson cannot receive a “%(event)s” event.")
