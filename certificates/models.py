"""Issued certificates (frozen at issue, immutable PDF) and per-institution templates."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CertificateTemplate(models.Model):
    """How an institution's certificates look: accent colour, logo and signatories.

    Read when a certificate is rendered, so a change shows on certificates issued after it;
    issued PDFs are stored and never re-rendered. Images are stored as PNG (the renderer's
    only raster format), re-encoded from the upload.
    """

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="certificate_template"
    )
    colour = models.CharField(max_length=7, default="#1f4e79")
    # Shown instead of the organisation's logo on certificates; empty: the organisation's.
    logo = models.ImageField(upload_to="certificates/logos/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"template of {self.organization_id}"


class CertificateSignatory(models.Model):
    """A person who signs an institution's certificates; printed side by side, by `position`."""

    # More would not fit beside the QR code next to the other co-owners' signatories.
    MAX_PER_TEMPLATE = 3

    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    signature_image = models.ImageField(upload_to="certificates/signatures/", blank=True)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            # Positions are a sort key, renumbered 0..n-1 under the template's row lock on every
            # change (certificates.api); not unique, so a reorder needs no temporary numbers.
            models.CheckConstraint(
                condition=Q(position__lt=3), name="signatory_position_within_maximum"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.template_id})"


class Certificate(models.Model):
    """A certificate as issued: every field that appears on it is frozen at issue."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")  # recorded, PDF not yet stored
        ISSUED = "issued", _("Issued")

    class Basis(models.TextChoices):
        COMPLETION = "completion", _("Completed the course")
        PRIOR_LEARNING = "prior_learning", _("Recognised prior learning")

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
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.COMPLETION)
    # For recognised prior learning: the approver who decided, and on what grounds.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recognition_note = models.TextField(blank=True)
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
    # The signed Open Badges 3.0 credential, byte for byte as issued and served.
    credential = models.BinaryField(blank=True, default=b"", editable=False)
    status_list = models.ForeignKey(
        "StatusList", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_index = models.PositiveIntegerField(null=True, blank=True)
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
            # A status list entry belongs to one certificate: revoking one flips only its bit.
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="one_certificate_per_status_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.course_title})"


class IssuerKey(models.Model):
    """A public key that signed credentials. Never deleted: the DID document lists every key
    ever used, so credentials signed before a rotation still verify."""

    public_key_multibase = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return self.public_key_multibase


class StatusList(models.Model):
    """A W3C Bitstring Status List for revocation, with its signed credential as served."""

    # 16 KB uncompressed: the minimum size the specification sets for herd privacy.
    SIZE = 131_072

    bits = models.BinaryField()
    allocated = models.PositiveIntegerField(default=0)
    # The signed BitstringStatusListCredential, re-signed whenever a bit changes.
    credential = models.BinaryField(blank=True, default=b"")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["id"]

    def __str__(self) -> str:
        return f"status list {self.pk}"


class AttendanceCredential(models.Model):
    """A signed Open Badges 3.0 credential for an achievement that is not one course: that a
    person attended an event (`kind` event_attendance, achievementType "ext:Event") or completed
    a program of courses (`kind` program_completion, achievementType "LearningProgram", with a
    sealed PDF like a certificate's). Verifiable like a certificate and revocable through the
    same status lists.

    `certificates` does not know the apps above it: `source` names what was achieved (e.g.
    "event:<id>", "program:<id>") and everything shown is frozen here at issue, as on a
    certificate.
    """

    class Kind(models.TextChoices):
        EVENT_ATTENDANCE = "event_attendance", _("Attended an event")
        PROGRAM_COMPLETION = "program_completion", _("Completed a program")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EVENT_ATTENDANCE)
    source = models.CharField(max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance_credentials"
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(max_length=10)
    learner_name = models.CharField(max_length=200)
    learner_native_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    # [{"slug", "name", "country"}], frozen like a certificate's.
    institutions = models.JSONField(default=list)
    attended_at = models.DateTimeField()
    issued_at = models.DateTimeField()
    credential = models.BinaryField(editable=False)
    # A program credential's sealed PDF (credential attached), stored once after signing;
    # empty for attendance (no PDF) and for a program credential whose PDF is still rendering.
    pdf = models.FileField(upload_to="certificates/achievements/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    status_list = models.ForeignKey("StatusList", on_delete=models.PROTECT, related_name="+")
    status_index = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            # One credential per attendee and event: a redelivered issuing task finds it.
            models.UniqueConstraint(
                fields=["source", "user"], name="one_credential_per_attendance"
            ),
            # Its own bit in the shared list (certificates' entries are probed too on assignment).
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="one_attendance_per_status_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.title})"
