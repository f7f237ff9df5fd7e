"""Events fixtures: an institution with staff in every role, a learner, and an event factory."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from accounts.models import Membership, Organization, User
from events import api as events_api
from events.models import Event
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def organization(db: None) -> Organization:
    return OrganizationFactory(slug="tu-automation", name="TU Automation")


@pytest.fixture
def people(organization: Organization) -> dict[str, User]:
    """author/approver/admin/reviewer of the organisation, a learner, and staff elsewhere."""
    result = {}
    for role in ("author", "reviewer", "approver", "admin"):
        result[role] = MembershipFactory(organization=organization, role=role).user
    result["learner"] = UserFactory(email="learner@example.org", full_name="Li Wei")
    result["other"] = UserFactory(email="other@example.org")
    result["foreign"] = MembershipFactory(
        organization=OrganizationFactory(slug="elsewhere"), role=Membership.Role.ADMIN
    ).user
    return result


def event_fields(**overrides: Any) -> dict[str, Any]:
    start = timezone.now() + timedelta(days=3)
    fields: dict[str, Any] = {
        "kind": "webinar",
        "is_online": True,
        "meeting_url": "https://meet.example.org/opc-ua",
        "primary_language": "en",
        "translations": {
            "en": {"title": "OPC UA in practice", "description": "Live **demo**."},
            "de": {"title": "OPC UA in der Praxis", "description": ""},
        },
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "time_zone": "Europe/Berlin",
        "capacity": None,
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def make_event(people: dict[str, User], organization: Organization) -> Callable[..., Event]:
    def make(*, publish: bool = True, **overrides: Any) -> Event:
        event = events_api.create_event(
            user=people["author"],
            organization_slug=organization.slug,
            fields=event_fields(**overrides),
        )
        if publish:
            event = events_api.publish_event(user=people["approver"], slug=event.slug)
        return event

    return make
