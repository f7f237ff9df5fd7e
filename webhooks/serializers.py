"""Shapes of the webhooks API: endpoints (with the secret only when it is new), deliveries."""

from typing import Any

from rest_framework import serializers

from config.api import StrictSerializer
from webhooks.models import Delivery, Endpoint, EventType


class EndpointSerializer(serializers.ModelSerializer[Endpoint]):
    """An endpoint as its administrators see it; the secret is never shown again."""

    event_types = serializers.ListField(child=serializers.ChoiceField(EventType.choices))

    class Meta:
        model = Endpoint
        fields: tuple[str, ...] = (
            "id",
            "url",
            "description",
            "event_types",
            "is_active",
            "disabled_reason",
            "disabled_at",
            "consecutive_failures",
            "failing_since",
            "previous_secret_expires_at",
            "created_at",
            "updated_at",
        )
        read_only_fields: tuple[str, ...] = fields


class EndpointWithSecretSerializer(EndpointSerializer):
    """An endpoint just created, or whose secret was just rotated: the only time the secret is
    shown. Keep it; receivers verify signatures with it."""

    secret = serializers.SerializerMethodField()

    class Meta(EndpointSerializer.Meta):
        fields = (*EndpointSerializer.Meta.fields, "secret")
        read_only_fields = fields

    def get_secret(self, endpoint: Endpoint) -> str:
        return str(self.context["secret"])


class EndpointInputSerializer(StrictSerializer):
    url = serializers.CharField(max_length=2000)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    event_types = serializers.ListField(
        child=serializers.ChoiceField(EventType.choices), max_length=len(EventType.values)
    )


class EndpointUpdateSerializer(StrictSerializer):
    url = serializers.CharField(max_length=2000, required=False)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    event_types = serializers.ListField(
        child=serializers.ChoiceField(EventType.choices),
        max_length=len(EventType.values),
        required=False,
    )
    is_active = serializers.BooleanField(required=False)


class DeliverySerializer(serializers.ModelSerializer[Delivery]):
    """One delivery in the log: what was sent and how its last attempt went."""

    redelivery_of: serializers.PrimaryKeyRelatedField[Delivery] = (
        serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    )

    class Meta:
        model = Delivery
        fields = (
            "id",
            "event_type",
            "message_id",
            "payload",
            "state",
            "attempt_count",
            "next_attempt_at",
            "last_attempt_at",
            "last_response_status",
            "last_response_ms",
            "last_error",
            "redelivery_of",
            "created_at",
        )
        read_only_fields = fields


class DeliveryQuerySerializer(StrictSerializer):
    state = serializers.ChoiceField(Delivery.State.choices, required=False)
    event_type = serializers.CharField(max_length=40, required=False)
    page = serializers.IntegerField(min_value=1, required=False)
    page_size = serializers.IntegerField(min_value=1, required=False)

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value({key: data.get(key) for key in data})
