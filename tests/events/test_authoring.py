"""Creating, validating and publishing events (events.authoring)."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent, Organization, User
from events import api as events_api
from events.models import Event
from tests.events.conftest import event_fields

pytestmark = pytest.mark.django_db


def test_an_author_creates_a_draft_with_a_check_in_code(
    people: dict[str, User], organization: Organization
) -> None:
    event = events_api.create_event(
        user=people["author"], organization_slug=organization.slug, fields=event_fields()
    )

    assert (event.state, event.organization_id, len(event.check_in_code)) == (
        "draft",
        organization.pk,
        6,
    )
    assert event.slug.startswith("opc-ua-in-practice-")


def test_an_unknown_time_zone_is_refused_naming_the_field(
    people: dict[str, User], organization: Organization
) -> None:
    with pytest.raises(ValidationError) as error:
        events_api.create_event(
            user=people["author"],
            organization_slug=organization.slug,
            fields=event_fields(time_zone="Mars/Olympus_Mons"),
        )

    assert error.value.message_dict == {
        "time_zone": [
            "“Mars/Olympus_Mons” is not a time zone (use an IANA name, e.g. Europe/Berlin)."
        ]
    }
    assert Event.objects.count() == 0


def test_an_end_before_the_start_is_refused(
    people: dict[str, User], organization: Organization
) -> None:
    fields = event_fields()
    fields["ends_at"] = fields["starts_at"] - timedelta(minutes=1)

    with pytest.raises(ValidationError) as error:
        events_api.create_event(
            user=people["author"], organization_slug=organization.slug, fields=fields
        )

    assert error.value.message_dict == {"ends_at": ["The event must end after it starts."]}
    assert Event.objects.count() == 0


def test_an_online_event_needs_a_meeting_url_and_on_site_a_place(
    people: dict[str, User], organization: Organization
) -> None:
    with pytest.raises(ValidationError) as error:
        events_api.create_event(
            user=people["author"],
            organization_slug=organization.slug,
            fields=event_fields(is_online=False, meeting_url="", place=" "),
        )

    assert error.value.message_dict == {"place": ["An event on site needs a place."]}


@pytest.mark.parametrize("role", ["reviewer", "approver"])
def test_only_authors_and_admins_create(
    people: dict[str, User], organization: Organization, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        events_api.create_event(
            user=people[role], organization_slug=organization.slug, fields=event_fields()
        )
    assert Event.objects.count() == 0


def test_another_organisations_staff_cannot_create(
    people: dict[str, User], organization: Organization
) -> None:
    with pytest.raises(Organization.DoesNotExist):
        events_api.create_event(
            user=people["foreign"], organization_slug=organization.slug, fields=event_fields()
        )


def test_an_author_cannot_publish_an_approver_can(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event(publish=False)

    with pytest.raises(PermissionDenied):
        events_api.publish_event(user=people["author"], slug=event.slug)
    event.refresh_from_db()
    assert event.state == "draft"

    published = events_api.publish_event(user=people["approver"], slug=event.slug)
    assert (published.state, published.published_by) == ("published", people["approver"])


def test_publishing_is_audited_once(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event(publish=False)

    with pytest.raises(PermissionDenied):
        events_api.publish_event(user=people["author"], slug=event.slug, ip_address="192.0.2.9")
    assert AuditEvent.objects.filter(action="event_published").count() == 0

    events_api.publish_event(user=people["approver"], slug=event.slug, ip_address="192.0.2.9")
    events_api.publish_event(user=people["admin"], slug=event.slug)  # already published

    rows = list(
        AuditEvent.objects.filter(action="event_published").values(
            "actor", "actor_email", "target_type", "target_id", "ip_address", "details"
        )
    )
    assert rows == [
        {
            "actor": people["approver"].pk,
            "actor_email": people["approver"].email,
            "target_type": "event",
            "target_id": event.slug,
            "ip_address": "192.0.2.9",
            "details": {"organization": "tu-automation", "starts_at": event.starts_at.isoformat()},
        }
    ]


def test_texts_fall_back_to_the_primary_language(make_event: Callable[..., Event]) -> None:
    event = make_event()

    assert events_api.event_texts(event, "de") == {
        "title": "OPC UA in der Praxis",
        "description": "Live **demo**.",
        "language": "de",
    }
    assert events_api.event_texts(event, "ar")["title"] == "OPC UA in practice"
