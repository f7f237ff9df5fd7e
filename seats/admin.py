"""Django admin for seat pools: platform staff grant seats (or record a purchase) here."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from seats import api as seats_api
from seats.models import SeatAssignment, SeatPool


class SeatPoolForm(forms.ModelForm):
    class Meta:
        model = SeatPool
        fields = (
            "organization",
            "course",
            "program",
            "seat_count",
            "source",
            "order_reference",
            "valid_from",
            "valid_until",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None and data.get("organization"):
            seats_api.check_seat_pool(
                organization=data["organization"],
                course=data.get("course"),
                program=data.get("program"),
                source=data.get("source", ""),
                order_reference=data.get("order_reference", ""),
                valid_from=data.get("valid_from"),
                valid_until=data.get("valid_until"),
            )
        return data


@admin.register(SeatPool)
class SeatPoolAdmin(admin.ModelAdmin):
    form = SeatPoolForm
    list_display = (
        "organization",
        "course",
        "program",
        "seat_count",
        "source",
        "order_reference",
        "created_at",
    )
    list_filter = ("source",)
    search_fields = ("organization__name", "course__slug", "program__slug", "order_reference")
    raw_id_fields = ("course", "program")
    readonly_fields = ("created_by", "created_at")

    def get_readonly_fields(self, request: HttpRequest, obj: SeatPool | None = None) -> Any:
        # A pool's employer and target are fixed once seats may have been given from it.
        if obj is not None:
            return (*self.readonly_fields, "organization", "course", "program", "source")
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: SeatPool, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # The form checked what the service checks (seats_api.check_seat_pool).
        pool = seats_api.grant_seat_pool(
            organization=obj.organization,
            course=obj.course,
            program=obj.program,
            seat_count=obj.seat_count,
            source=obj.source,
            order_reference=obj.order_reference,
            valid_from=obj.valid_from,
            valid_until=obj.valid_until,
            created_by=request.user,  # type: ignore[arg-type]
        )
        obj.pk = pool.pk


@admin.register(SeatAssignment)
class SeatAssignmentAdmin(admin.ModelAdmin):
    list_display = ("email", "pool", "consent", "assigned_at", "released_at")
    list_filter = ("consent",)
    search_fields = ("email",)
    readonly_fields = tuple(field.name for field in SeatAssignment._meta.fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
