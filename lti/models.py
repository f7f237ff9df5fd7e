"""What the LTI tool keeps beside django-lti's own tables: which organisation a platform
registration belongs to, the OIDC logins in flight, the platform's last good key set, the
accounts LTI users were given, one-time tickets into the SPA and the grades sent back."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlatformRegistration(models.Model):
    """An LMS (Moodle, Canvas...) an organisation registered the tool with."""

    registration = models.OneToOneField(
        "lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When a launch first proved its login through the platform's postMessage storage: from
    # then on this platform's logins must use it (lti/README.md, "Why no cookie in the frame").
    storage_offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("LTI platform")
        verbose_name_plural = _("LTI platforms")

    def __str__(self) -> str:
        return f"{self.registration_id} of {self.organization_id}"


class LoginState(models.Model):
    """An OIDC login the tool started: its state and nonce are each accepted once, within
    LTI_LOGIN_SECONDS. Kept in the database, not in a cookie, because the launch arrives in a
    cross-site iframe where the browser may send no cookie at all (lti/README.md)."""

    state = models.CharField(max_length=100, unique=True)
    nonce = models.CharField(max_length=100, unique=True)
    registration = models.ForeignKey(
        "lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="+"
    )
    # Indexed: each login deletes the rows of logins long over.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    # A login whose platform offered its postMessage storage (`lti_storage_target`): the frame
    # the login page stored a secret in, and the SHA-256 of that secret, which the launch must
    # read back from the same browser's storage. Empty for a login without storage.
    storage_target = models.CharField(max_length=64, blank=True, default="")
    storage_proof_digest = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return self.state


class PlatformKeySet(models.Model):
    """The platform's JWKS as last fetched: used while fresh, refetched for an unknown key id
    (rotation), and still used when the platform's JWKS URL is down."""

    registration = models.OneToOneField(
        "lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="+"
    )
    keys = models.JSONField(default=dict)
    fetched_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"keys of {self.registration_id}"


class LtiAccount(models.Model):
    """The platform account an LMS user (issuer, sub) was given. Never matched by e-mail: an
    LMS may send any address, so an address alone must not open someone's account."""

    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            # One account per LMS user, whatever the number of concurrent first launches.
            models.UniqueConstraint(fields=["issuer", "subject"], name="lti_account_per_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"


class LaunchTicket(models.Model):
    """A one-time, short-lived ticket into the SPA: the launch hands it to the browser, which
    opens it in a first-party window (a cross-site frame may store no session cookie)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    secret_digest = models.CharField(max_length=64, unique=True)
    next_path = models.CharField(max_length=300)
    # Indexed: each login deletes the tickets long expired.
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"ticket {self.pk}"


class GradeLink(models.Model):
    """Where a learner's grade goes: the platform's line item, for their `sub`. A line item of
    a quiz lesson (`lesson_key`) gets that quiz's score, any other the course grade. The last
    score, progress and timestamp sent make sending idempotent and timestamps increasing."""

    registration = models.ForeignKey(
        "lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=255)
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    lesson_key = models.UUIDField(null=True, blank=True)
    lineitem_url = models.URLField(max_length=500)
    scopes = models.JSONField(default=list)
    last_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    last_activity_progress = models.CharField(max_length=20, blank=True, default="")
    last_grading_progress = models.CharField(max_length=20, blank=True, default="")
    # The `timestamp` of the last score sent: the next one is always later (AGS: a platform
    # ignores a score not newer than the one it has).
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            # A launch repeated (or two at once) records the line item once.
            models.UniqueConstraint(fields=["user", "lineitem_url"], name="lti_grade_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.lineitem_url}"


class RegistrationLink(models.Model):
    """A one-time link an organisation's admin makes for LTI Dynamic Registration: the LMS
    opened with it registers the tool for that organisation, and no other. Only the SHA-256 of
    its secret is kept."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    secret_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # What the link registered (kept when the registration goes: the link stays spent).
    registration = models.ForeignKey(
        "lti_tool.LtiRegistration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"registration link {self.pk} of {self.organization_id}"
