"""The events API: permissions per endpoint, error answers, pinned query counts, iCalendar."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Organization, User
from events import api as events_api
from events.calendar import escape_text, fold
from events.models import Event, Registration
from tests.events.conftest import event_fields

pytestmark = pytest.mark.django_db


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _payload(**overrides: Any) -> dict[str, Any]:
    fields = event_fields(**overrides)
    fields["starts_at"] = fields["starts_at"].isoformat()
    fields["ends_at"] = fields["ends_at"].isoformat()
    return {"organization": "tu-automation", **fields}


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("other", 404), ("foreign", 404), ("approver", 403), ("author", 201)],
)
def test_create_permissions(
    people: dict[str, User], organization: Organization, who: str | None, status: int
) -> None:
    response = _client(people.get(who or "")).post("/api/v1/events", _payload(), format="json")

    assert response.status_code == status
    assert Event.objects.count() == (1 if status == 201 else 0)


def test_a_bad_time_zone_answers_400_naming_the_field(people: dict[str, User]) -> None:
    response = _client(people["author"]).post(
        "/api/v1/events", _payload(time_zone="Europe/Atlantis"), format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "time_zone": [
            "“Europe/Atlantis” is not a time zone (use an IANA name, e.g. Europe/Berlin)."
        ]
    }
    assert Event.objects.count() == 0


def test_an_end_before_the_start_answers_400_naming_the_field_on_create_and_edit(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    start = timezone.now() + timedelta(days=2)
    backwards = {"starts_at": start, "ends_at": start - timedelta(hours=1)}
    client = _client(people["author"])

    created = client.post("/api/v1/events", _payload(**backwards), format="json")
    event = make_event()
    edited = client.put(f"/api/v1/events/{event.slug}", _payload(**backwards), format="json")

    for response in (created, edited):
        assert response.status_code == 400
        assert response.json()["fields"] == {"ends_at": ["The event must end after it starts."]}
    assert Event.objects.count() == 1
    assert Event.objects.get().ends_at == event.ends_at


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("other", 404), ("foreign", 404), ("author", 403), ("approver", 200)],
)
def test_publish_permissions(
    people: dict[str, User], make_event: Callable[..., Event], who: str | None, status: int
) -> None:
    event = make_event(publish=False)

    response = _client(people.get(who or "")).post(f"/api/v1/events/{event.slug}/publish")

    assert response.status_code == status
    event.refresh_from_db()
    assert event.state == ("published" if status == 200 else "draft")


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("learner", 404), ("foreign", 404), ("reviewer", 200)],
)
def test_attendance_upload_permissions(
    people: dict[str, User], make_event: Callable[..., Event], who: str | None, status: int
) -> None:
    event = make_event()
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    upload = SimpleUploadedFile("a.csv", b"learner@example.org\n", content_type="text/csv")

    response = _client(people.get(who or "")).post(
        f"/api/v1/events/{event.slug}/attendance", {"file": upload}, format="multipart"
    )

    assert response.status_code == status
    assert Registration.objects.filter(attended_at__isnull=False).count() == (
        1 if status == 200 else 0
    )


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("learner", 404), ("foreign", 404), ("admin", 200)]
)
def test_registrations_list_permissions(
    people: dict[str, User], make_event: Callable[..., Event], who: str | None, status: int
) -> None:
    event = make_event()

    response = _client(people.get(who or "")).get(f"/api/v1/events/{event.slug}/registrations")

    assert response.status_code == status


def test_registering_twice_answers_400_with_the_reason(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    client = _client(people["learner"])
    assert client.post(f"/api/v1/events/{event.slug}/registration").status_code == 201

    response = client.post(f"/api/v1/events/{event.slug}/registration")

    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "You are already registered for this event.",
            "code": "already_registered",
            "fields": {"non_field_errors": ["You are already registered for this event."]},
        },
    )
    assert Registration.objects.count() == 1


def test_registering_past_capacity_answers_201_on_the_waitlist(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event(capacity=1)
    url = f"/api/v1/events/{event.slug}/registration"

    first = _client(people["learner"]).post(url)
    second = _client(people["other"]).post(url)

    assert (first.status_code, first.json()["status"]) == (201, "registered")
    assert (second.status_code, second.json()["status"]) == (201, "waitlisted")
    detail = _client(people["other"]).get(f"/api/v1/events/{event.slug}").json()
    assert (detail["registered_count"], detail["registration_status"]) == (1, "waitlisted")
    assert detail["meeting_url"] is None  # a waitlisted person does not get the link


def test_attendance_for_someone_not_registered_is_an_error_row_and_nothing_is_recorded(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event(capacity=1)
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    events_api.register_for_event(user=people["other"], slug=event.slug)  # waitlisted
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    upload = SimpleUploadedFile(
        "a.csv", b"email\nother@example.org\nnobody@example.org\n", content_type="text/csv"
    )

    uploaded = _client(people["author"]).post(
        f"/api/v1/events/{event.slug}/attendance", {"file": upload}, format="multipart"
    )
    checked_in = _client(people["foreign"]).post(
        f"/api/v1/events/{event.slug}/check-in", {"code": event.check_in_code}, format="json"
    )

    assert uploaded.status_code == 200
    assert [(row["email"], row["result"]) for row in uploaded.json()] == [
        ("other@example.org", "error"),
        ("nobody@example.org", "error"),
    ]
    assert (checked_in.status_code, checked_in.json()["code"]) == (400, "not_registered")
    assert Registration.objects.filter(attended_at__isnull=False).count() == 0
    assert Registration.objects.count() == 2


def test_the_meeting_url_is_shown_only_to_registered_attendees(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    anonymous = _client(None).get(f"/api/v1/events/{event.slug}").json()
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    registered = _client(people["learner"]).get(f"/api/v1/events/{event.slug}").json()

    assert (anonymous["meeting_url"], anonymous["check_in_code"]) == (None, None)
    assert (registered["meeting_url"], registered["registration_status"]) == (
        "https://meet.example.org/opc-ua",
        "registered",
    )
    assert registered["check_in_code"] is None


def test_a_draft_is_not_found_for_the_public(make_event: Callable[..., Event]) -> None:
    event = make_event(publish=False)

    assert _client(None).get(f"/api/v1/events/{event.slug}").status_code == 404


def test_the_list_filters_and_pins_its_queries(
    make_event: Callable[..., Event], django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        make_event()
    make_event(kind="conference", is_online=False, meeting_url="", place="Hall 4")

    with django_assert_num_queries(1):  # a first page shorter than a page needs no count
        everything = _client(None).get("/api/v1/events").json()
    on_site = _client(None).get("/api/v1/events?online=false&kind=conference").json()
    german = _client(None).get("/api/v1/events?language=de").json()
    arabic = _client(None).get("/api/v1/events?language=ar").json()

    assert (everything["count"], on_site["count"], german["count"], arabic["count"]) == (
        4,
        1,
        4,
        0,
    )
    assert on_site["results"][0]["place"] == "Hall 4"


def test_the_ics_of_an_event(make_event: Callable[..., Event]) -> None:
    event = make_event()

    response = _client(None).get(f"/api/v1/events/{event.slug}/event.ics")
    text = response.content.decode()

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "SUMMARY:OPC UA in practice\r\n" in text
    assert f"DTSTART:{event.starts_at.strftime('%Y%m%dT%H%M%SZ')}\r\n" in text
    assert "meet.example.org" not in text  # only for registered attendees
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_organisation_feed_lists_its_published_events(
    make_event: Callable[..., Event],
) -> None:
    make_event()
    make_event(publish=False)

    text = _client(None).get("/api/v1/events/feeds/tu-automation.ics").content.decode()

    assert text.count("BEGIN:VEVENT") == 1


def test_ics_text_is_escaped_and_folded_without_splitting_characters() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("SUMMARY:" + "智能制造" * 20)
    lines = folded.split("\r\n ")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "".join(lines) == "SUMMARY:" + "智能制造" * 20


def test_reminders_are_sent_once_in_the_recipients_language(
    people: dict[str, User],
    make_event: Callable[..., Event],
    tasks_in_process: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    start = timezone.now() + timedelta(hours=5)
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=1))
    people["learner"].preferred_language = "de"
    people["learner"].save(update_fields=["preferred_language"])
    events_api.register_for_event(user=people["learner"], slug=event.slug)

    with django_capture_on_commit_callbacks(execute=True):
        first = events_api.send_event_reminders()
    second = events_api.send_event_reminders()

    assert (first, second, len(mail.outbox)) == (1, 0, 1)
    assert mail.outbox[0].to == ["learner@example.org"]
    assert "OPC UA in der Praxis" in mail.outbox[0].subject


def test_my_registrations_show_the_credential(
    people: dict[str, User],
    make_event: Callable[..., Event],
    tasks_in_process: None,
    django_capture_on_commit_callbacks: Any,
    django_assert_num_queries: Any,
) -> None:
    event = make_event()
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    with django_capture_on_commit_callbacks(execute=True):
        events_api.record_attendance_csv(
            user=people["author"], slug=event.slug, content=b"learner@example.org\n"
        )
    client = _client(people["learner"])

    with django_assert_num_queries(1):  # registrations joined with event and credential
        mine = client.get("/api/v1/events/mine").json()

    credential_id = Registration.objects.get().credential_id
    assert mine["results"][0]["credential_id"] == str(credential_id)
    verified = _client(None).get(f"/api/v1/verify/{credential_id}").json()
    assert (verified["status"], verified["basis"]) == ("valid", "event_attendance")
    assert _client(None).get(f"/api/v1/credentials/{credential_id}").status_code == 200
