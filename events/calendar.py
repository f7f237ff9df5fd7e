"""iCalendar (RFC 5545) for one event and an organisation's feed, written by hand: CRLF line
ends, text escaping, lines folded at 75 octets."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from events.authoring import event_texts
from events.models import Event

PRODUCT = "-//ICIM Academy//Events//EN"


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets continue on lines starting with a space,
    never splitting a UTF-8 character."""
    parts: list[str] = []
    current = ""
    size = 0
    limit = 75
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with one space
        current += character
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, *, language: str | None, include_meeting_url: bool) -> list[str]:
    texts = event_texts(event, language)
    url = f"{settings.PUBLIC_BASE_URL}/events/{event.slug}"
    description = f"{texts['description']}\n\n{url}" if texts["description"] else url
    location = event.meeting_url if event.is_online and include_meeting_url else ""
    if not event.is_online:
        location = ", ".join(part for part in (event.place, event.address) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{settings.PUBLIC_BASE_URL.split('://')[-1]}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{escape_text(texts['title'])}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
        f"ORGANIZER;CN={escape_text(event.organization.name)}:{settings.PUBLIC_BASE_URL}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar_document(
    events: Iterable[Event], *, language: str | None, name: str, meeting_urls_for: set[int]
) -> bytes:
    """A VCALENDAR with one VEVENT per event (times in UTC, so no VTIMEZONE is needed; the
    event's own zone is named in X-WR-TIMEZONE for a single event). `meeting_urls_for`: ids
    of events whose meeting URL the reader may see (registered)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(
            event, language=language, include_meeting_url=event.pk in meeting_urls_for
        )
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
