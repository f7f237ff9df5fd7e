"""The public door of `events` (see events/README.md): authoring, registration, attendance and
its credentials, calendars and reminders. Each function lives in a module of its own concern."""

from events.attendance import (
    AttendanceRow,
    check_in,
    issue_credential_for_registration,
    record_attendance_csv,
)
from events.authoring import (
    EDITOR_ROLES,
    PUBLISHER_ROLES,
    STAFF_ROLES,
    create_event,
    event_texts,
    get_event_for_staff,
    local_time,
    publish_event,
    update_event,
)
from events.calendar import calendar_document
from events.registration import cancel_registration, register_for_event
from events.reminders import send_event_reminders
from events.revocation import revoke_attendance
from events.selectors import (
    event_roles,
    get_event_for_user,
    is_event_staff,
    list_events_for_staff,
    list_my_registrations,
    list_registrations,
    list_upcoming_events,
    organization_feed_events,
    registration_of,
)
from events.signals import event_attended

__all__ = [
    "EDITOR_ROLES",
    "PUBLISHER_ROLES",
    "STAFF_ROLES",
    "AttendanceRow",
    "calendar_document",
    "cancel_registration",
    "check_in",
    "create_event",
    "event_attended",
    "event_roles",
    "event_texts",
    "get_event_for_staff",
    "get_event_for_user",
    "is_event_staff",
    "issue_credential_for_registration",
    "list_events_for_staff",
    "list_my_registrations",
    "list_registrations",
    "list_upcoming_events",
    "local_time",
    "organization_feed_events",
    "publish_event",
    "record_attendance_csv",
    "register_for_event",
    "registration_of",
    "revoke_attendance",
    "send_event_reminders",
    "update_event",
]
