"""Issued certificates (frozen at issue, immutable PDF) and per-institution templates."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CertificateTemplate(models.Model):
    """How an institution's certificates look: accent colour and signatory."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="certificate_template"
    )
    colour = models.CharField(max_length=7, default="#1f4e79")
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    signature_image = models.ImageField(upload_to="certificates/signatures/", blank=True)

    def __str__(self) -> str:
        return f"template of {self.organization_id}"


class Certificate(models.Model):
    """A certificate as issued: every field that appears on it is frozen at issue."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")  # recorded, PDF not yet stored
        ISSUED = "issued", _("Issued")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enrollment = models.ForeignKey(
        "enrollment.Enrollment", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey("courses.CourseVersion", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    language = models.CharField(max_length=10)
    learner_name = models.CharField(max_length=200)
    learner_native_name = models.CharField(max_length=200, blank=True)
    course_title = models.CharField(max_length=300)
    course_code = models.CharField(max_length=40)
    # [{"slug", "name", "country"}], frozen: renaming an institution does not change the past.
    institutions = models.JSONField(default=list)
    competencies = models.JSONField(default=list)  # [{"code", "name"}]
    grade = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    show_grade = models.BooleanField(default=True)
    completed_at = models.DateTimeField()
    issued_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    template_version = models.CharField(max_length=20)
    pdf = models.FileField(upload_to="certificates/pdf/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    is_private = models.BooleanField(default=False)
    # Set once the learner was reminded that the certificate expires soon.
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            # Exactly one current certificate per completed enrollment: a redelivered or
            # duplicated issuing task finds the existing one instead of making a second.
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_certificate_per_enrollment",
            ),
            models.CheckConstraint(
                condition=Q(state="pending") | Q(pdf_sha256__regex=r"^[0-9a-f]{64}$"),
                name="issued_certificate_has_pdf_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.course_title})"
