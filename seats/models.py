"""Seat pools an employer holds on a course or a program, the seats it assigned, and its
monthly reports."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SeatPool(models.Model):
    """N seats an employer organisation bought or was granted on one course or one program:
    exactly one of `course` and `program` is set (check `seat_pool_has_one_target`)."""

    class Source(models.TextChoices):
        GRANTED = "granted", _("Granted by the platform")
        PURCHASED = "purchased", _("Purchased")

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="seat_pools"
    )
    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    seat_count = models.PositiveIntegerField(_("seats"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # The buyer's order number; no payment is processed here.
    order_reference = models.CharField(_("order reference"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("seat pool")
        verbose_name_plural = _("seat pools")
        constraints: ClassVar = [
            # Exactly one target: a course or a program.
            models.CheckConstraint(
                condition=Q(course__isnull=False, program__isnull=True)
                | Q(course__isnull=True, program__isnull=False),
                name="seat_pool_has_one_target",
            ),
            models.CheckConstraint(condition=Q(seat_count__gte=1), name="seat_pool_has_seats"),
            # A purchase is traceable to its order.
            models.CheckConstraint(
                condition=~Q(source="purchased") | ~Q(order_reference=""),
                name="seat_pool_purchase_has_order",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="seat_pool_valid_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        target = f"course {self.course_id}" if self.course_id else f"program {self.program_id}"
        return f"{self.organization_id}: {self.seat_count} seats on {target}"


class SeatAssignment(models.Model):
    """One seat of a pool given to a person: a learner's account, or an e-mail address that has
    none yet (`learner` is set when the account holder first answers the consent question)."""

    class Consent(models.TextChoices):
        PENDING = "pending", _("Awaiting consent")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    pool = models.ForeignKey(SeatPool, on_delete=models.PROTECT, related_name="assignments")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seat_assignments",
    )
    # Lower-cased: the address the employer assigned (the account's address for a learner).
    email = models.EmailField()
    full_name = models.CharField(max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    consent = models.CharField(max_length=20, choices=Consent.choices, default=Consent.PENDING)
    consent_changed_at = models.DateTimeField(null=True, blank=True)
    consent_granted_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A released seat the learner had started stays used: it does not return to the pool.
    is_consumed = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar = ["-assigned_at", "-id"]
        constraints: ClassVar = [
            # One active seat per pool and person, by address and by account.
            models.UniqueConstraint(
                fields=["pool", "email"],
                condition=Q(released_at__isnull=True),
                name="seat_active_once_per_email",
            ),
            models.UniqueConstraint(
                fields=["pool", "learner"],
                condition=Q(released_at__isnull=True, learner__isnull=False),
                name="seat_active_once_per_learner",
            ),
            models.CheckConstraint(
                condition=Q(consent="pending") | Q(consent_changed_at__isnull=False),
                name="seat_consent_decision_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(consent="granted") | Q(consent_granted_at__isnull=False),
                name="seat_consent_granted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(is_consumed=False) | Q(released_at__isnull=False),
                name="seat_consumed_only_when_released",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["email"], name="seat_assignment_email")]

    def __str__(self) -> str:
        return f"{self.email} in pool {self.pool_id}"


class SeatReport(models.Model):
    """The monthly report of one organisation, made once: the row makes the task idempotent."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()  # the first day of the month reported on
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organization", "month"], name="seat_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.month:%Y-%m}"
