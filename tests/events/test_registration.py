"""Registering, the waitlist and cancelling (events.registration)."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from events import api as events_api
from events.models import Event, Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_registering_twice_is_refused_and_nothing_changes(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    first = events_api.register_for_event(user=people["learner"], slug=event.slug)

    with pytest.raises(ValidationError) as error:
        events_api.register_for_event(user=people["learner"], slug=event.slug)

    assert (error.value.code, error.value.messages) == (
        "already_registered",
        ["You are already registered for this event."],
    )
    assert list(Registration.objects.values_list("pk", "status", "registered_at")) == [
        (first.pk, "registered", first.registered_at)
    ]


def test_past_capacity_goes_to_the_waitlist_and_a_cancellation_promotes_the_first(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event(capacity=1)
    second, third = UserFactory(), UserFactory()
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    waiting = events_api.register_for_event(user=second, slug=event.slug)
    events_api.register_for_event(user=third, slug=event.slug)
    assert waiting.status == "waitlisted"

    events_api.cancel_registration(user=people["learner"], slug=event.slug)

    assert dict(Registration.objects.values_list("user_id", "status")) == {
        people["learner"].pk: "cancelled",
        second.pk: "registered",
        third.pk: "waitlisted",
    }


def test_registering_for_a_draft_is_not_found(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event(publish=False)

    with pytest.raises(Event.DoesNotExist):
        events_api.register_for_event(user=people["learner"], slug=event.slug)


def test_registering_again_after_cancelling_reuses_the_row(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    registration = events_api.register_for_event(user=people["learner"], slug=event.slug)
    events_api.cancel_registration(user=people["learner"], slug=event.slug)

    again = events_api.register_for_event(user=people["learner"], slug=event.slug)

    assert (again.pk, again.status) == (registration.pk, "registered")
