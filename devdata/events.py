"""Demo events: an upcoming webinar of Rhine Valley TU, drafted by its author and published by
its approver through the events API (so the events page of a fresh `make run` is not empty)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from events import api as events_api
from events.models import Event

TITLE = "OPC UA in the field: a live commissioning session"
TIME_ZONE = "Europe/Berlin"


def _start() -> datetime:
    """Three weeks from today at 15:00 in Berlin (22:00 in Shanghai in winter)."""
    day = (timezone.now() + timedelta(days=21)).astimezone(ZoneInfo(TIME_ZONE)).date()
    return datetime(day.year, day.month, day.day, 15, 0, tzinfo=ZoneInfo(TIME_ZONE))


def seed_events() -> int:
    """Publish the demo webinar unless it exists (idempotent); returns how many are published."""
    if not Event.objects.filter(translations__en__title=TITLE).exists():
        starts = _start()
        event = events_api.create_event(
            user=User.objects.get(email="author@icim.example"),
            organization_slug="rhine-valley-tu",
            fields={
                "kind": Event.Kind.WEBINAR,
                "is_online": True,
                "meeting_url": "https://meet.example.org/icim-opc-ua-field",
                "primary_language": "en",
                "translations": {
                    "en": {
                        "title": TITLE,
                        "description": "Engineers of the coalition commission an **OPC UA** "
                        "server on a packaging cell, live, and answer questions.",
                    },
                    "zh-hans": {
                        "title": "现场 OPC UA：一次在线调试直播",
                        "description": "联盟工程师现场调试包装单元上的 **OPC UA** 服务器并答疑。",
                    },
                    "de": {
                        "title": "OPC UA im Feld: eine Inbetriebnahme live",
                        "description": "Ingenieure der Allianz nehmen einen **OPC-UA**-Server "
                        "an einer Verpackungszelle live in Betrieb und beantworten Fragen.",
                    },
                },
                "starts_at": starts,
                "ends_at": starts + timedelta(minutes=90),
                "time_zone": TIME_ZONE,
                "capacity": 200,
            },
        )
        events_api.publish_event(
            user=User.objects.get(email="approver@icim.example"), slug=event.slug
        )
    return Event.objects.filter(state=Event.State.PUBLISHED).count()
