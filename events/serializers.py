"""Input and output serializers of the events API."""

from typing import Any

from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from courses import api as courses_api
from events import api as events_api
from events.models import Event, Registration


class EventTextSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=300, allow_blank=True)
    description = serializers.CharField(max_length=20_000, allow_blank=True, required=False)


class EventDraftSerializer(serializers.Serializer[Any]):
    organization = serializers.SlugField(required=False)
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    is_online = serializers.BooleanField()
    meeting_url = serializers.URLField(max_length=500, allow_blank=True, required=False)
    place = serializers.CharField(max_length=200, allow_blank=True, required=False)
    address = serializers.CharField(max_length=300, allow_blank=True, required=False)
    primary_language = serializers.CharField(max_length=10)
    translations = serializers.DictField(child=EventTextSerializer())
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField(max_length=64)
    capacity = serializers.IntegerField(min_value=1, allow_null=True, required=False)


class EventSummarySerializer(serializers.Serializer[Any]):
    """An event as its viewer may see it: texts in the request's language (primary as
    fallback); the meeting URL only for registered attendees and staff; the check-in code only
    for staff."""

    slug = serializers.CharField()
    organization = serializers.CharField(source="organization.slug")
    organization_name = serializers.CharField(source="organization.name")
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    state = serializers.ChoiceField(choices=Event.State.choices)
    is_online = serializers.BooleanField()
    place = serializers.CharField()
    address = serializers.CharField()
    title = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    description_html = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    primary_language = serializers.CharField()
    languages = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)

    def _texts(self, event: Event) -> dict[str, str]:
        return events_api.event_texts(event, translation.get_language())

    def get_title(self, event: Event) -> str:
        return self._texts(event)["title"]

    def get_description(self, event: Event) -> str:
        return self._texts(event)["description"]

    def get_description_html(self, event: Event) -> str:
        return courses_api.render_markdown(self._texts(event)["description"])

    def get_language(self, event: Event) -> str:
        return self._texts(event)["language"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_languages(self, event: Event) -> list[str]:
        return sorted(event.translations)


class EventSerializer(EventSummarySerializer):
    registered_count = serializers.IntegerField()


class EventDetailSerializer(EventSerializer):
    registration_status = serializers.SerializerMethodField()
    attended = serializers.SerializerMethodField()
    credential_id = serializers.SerializerMethodField()
    meeting_url = serializers.SerializerMethodField()
    check_in_code = serializers.SerializerMethodField()
    is_staff = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField(
        help_text="Whether the user may change the event (author or admin of its organisation)."
    )
    can_publish = serializers.SerializerMethodField(
        help_text="Whether the user may publish it (approver or admin of its organisation)."
    )
    translations = serializers.SerializerMethodField()

    def _registration(self) -> Registration | None:
        registration: Registration | None = self.context.get("registration")
        return registration

    @extend_schema_field(
        serializers.ChoiceField(choices=Registration.Status.choices, allow_null=True)
    )
    def get_registration_status(self, event: Event) -> str | None:
        registration = self._registration()
        return registration.status if registration else None

    def get_attended(self, event: Event) -> bool:
        registration = self._registration()
        return bool(registration and registration.attended_at)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_credential_id(self, event: Event) -> str | None:
        registration = self._registration()
        return (
            str(registration.credential_id) if registration and registration.credential_id else None
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_meeting_url(self, event: Event) -> str | None:
        registration = self._registration()
        registered = registration is not None and registration.status == "registered"
        return event.meeting_url if registered or self.context.get("is_staff") else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_check_in_code(self, event: Event) -> str | None:
        return event.check_in_code if self.context.get("is_staff") else None

    def get_is_staff(self, event: Event) -> bool:
        return bool(self.context.get("is_staff"))

    def get_can_edit(self, event: Event) -> bool:
        return bool(self.context.get("can_edit"))

    def get_can_publish(self, event: Event) -> bool:
        return bool(self.context.get("can_publish"))

    @extend_schema_field(serializers.DictField(child=EventTextSerializer(), allow_null=True))
    def get_translations(self, event: Event) -> dict[str, Any] | None:
        return event.translations if self.context.get("is_staff") else None


class RegistrationSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    registered_at = serializers.DateTimeField()
    attended_at = serializers.DateTimeField(allow_null=True)


class StaffRegistrationSerializer(RegistrationSerializer):
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.full_name")
    credential_id = serializers.UUIDField(allow_null=True)


class MyRegistrationSerializer(RegistrationSerializer):
    event = EventSummarySerializer()
    credential_id = serializers.UUIDField(allow_null=True)


class RevocationInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500)


class RevokedCredentialSerializer(serializers.Serializer[Any]):
    """An attendance credential after its revocation (verifiers see it revoked at once)."""

    credential_id = serializers.UUIDField()
    email = serializers.EmailField(source="user.email")
    revoked_at = serializers.DateTimeField(source="credential.revoked_at")
    reason = serializers.CharField(source="credential.revocation_reason")


class AttendanceUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()


class AttendanceRowSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    email = serializers.CharField()
    result = serializers.ChoiceField(choices=["recorded", "already_recorded", "error"])
    error = serializers.CharField()


class CheckInSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(max_length=20)
