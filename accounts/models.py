"""Users, organisations, memberships with roles, and hashed API tokens."""

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class UserManager(BaseUserManager["User"]):
    """Creates users keyed by a lower-cased e-mail address."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        """A user whose address counts as confirmed: accounts made by staff, `createsuperuser`
        and scripts. Self-registration (`accounts.api.register_user`) leaves it unconfirmed."""
        fields.setdefault("email_confirmed_at", timezone.now())
        user = self.model(email=email.strip().lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: learner, institution staff member, employer verifier or platform admin."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(
        _("full name"), max_length=200, help_text=_("Exactly as it must appear on certificates.")
    )
    native_name = models.CharField(
        _("name in native script"),
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. 张伟 beside Zhang Wei."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    country = CountryField(_("country"), blank=True)
    # Consent to put the name in signed credentials, which travel beyond our control; the
    # default keeps only a salted hash of the e-mail address there.
    is_name_in_credentials = models.BooleanField(
        _("name in digital credentials"),
        default=False,
        help_text=_("Show my name in the signed digital credentials of new certificates."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Null until the owner of the address proves it (the registration e-mail's link, or a
    # password set from an e-mailed link); until then the account cannot sign in. Accounts
    # staff create are confirmed when created.
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints: ClassVar = [
            # E-mail addresses are stored lower-cased; this guards against any path that forgets.
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name


class Organization(models.Model):
    """An institution that authors courses, an employer that verifies, or the coalition itself."""

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Institution")
        EMPLOYER = "employer", _("Employer")
        COALITION = "coalition", _("Coalition")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organizations/logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One role a user holds in one organisation; a user with two roles has two rows."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        REVIEWER = "reviewer", _("Reviewer")
        APPROVER = "approver", _("Approver")
        ADMIN = "admin", _("Administrator")
        VERIFIER = "verifier", _("Verifier")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["organization__name", "role"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role} @ {self.organization}"


class ApiToken(models.Model):
    """A bearer token for machine clients. Only the SHA-256 of the secret is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    # The first characters of the secret, so a user can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class AuditEvent(models.Model):
    """A security-relevant action, kept for platform staff: who did what to what, from where.

    Rows are only ever added (the admin and the API are read-only). The actor's e-mail is copied
    so the record still names them after their account is deleted.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        COURSE_PUBLISHED = "course_published", _("Course version published")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
        CERTIFICATE_REINSTATED = "certificate_reinstated", _("Certificate reinstated")
        CERTIFICATE_REISSUED = "certificate_reissued", _("Certificate re-issued")
        EMAIL_CONFIRMED = "email_confirmed", _("E-mail address confirmed")
        SIGNING_KEY_ROTATED = "signing_key_rotated", _("Credential signing key rotated")
        PRIOR_LEARNING_RECOGNISED = "prior_learning_recognised", _("Prior learning recognised")
        INVITATION_SENT = "invitation_sent", _("Course invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Course invitation accepted")
        INVITATION_WITHDRAWN = "invitation_withdrawn", _("Course invitation withdrawn")
        # One action for every moderator step in discussions; `details` names the step.
        DISCUSSION_MODERATED = "discussion_moderated", _("Discussion moderated")
        EVENT_PUBLISHED = "event_published", _("Event published")
        # A CSV upload by staff (one row per upload) or an attendee's own check-in.
        EVENT_ATTENDANCE_RECORDED = "event_attendance_recorded", _("Event attendance recorded")
        # One action for every review step of a case study; `details.step` names it.
        CASE_STUDY_REVIEWED = "case_study_reviewed", _("Case study review step")
        # Single sign-on: an external identity linked to an account, or an account made for it.
        SSO_ACCOUNT_LINKED = "sso_account_linked", _("Single sign-on identity linked")
        SSO_ACCOUNT_CREATED = "sso_account_created", _("Account created by single sign-on")
        SSO_ROLE_GRANTED = "sso_role_granted", _("Membership granted by single sign-on")
        IDENTITY_PROVIDER_CHANGED = "identity_provider_changed", _("Identity provider changed")
        PROGRAM_PUBLISHED = "program_published", _("Program published")
        PROGRAM_CREDENTIAL_ISSUED = "program_credential_issued", _("Program credential issued")
        SEATS_GRANTED = "seats_granted", _("Seats granted to an employer")
        SEATS_ASSIGNED = "seats_assigned", _("Seats assigned")
        SEAT_CONSENT_CHANGED = "seat_consent_changed", _("Consent to an employer changed")

    created_at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.CharField(_("actor e-mail"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    target_type = models.CharField(_("target type"), max_length=40, blank=True)
    target_id = models.CharField(_("target"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes: ClassVar = [
            # The staff list is read newest first, usually narrowed to one action or target.
            models.Index(fields=["-created_at", "-id"], name="audit_newest_first"),
            models.Index(fields=["action", "-created_at"], name="audit_by_action"),
            models.Index(fields=["target_type", "target_id"], name="audit_by_target"),
        ]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_email or '-'} at {self.created_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """An in-app notice for one user (a reply in a followed thread, a mention, ...), written in
    the user's language when it was posted. Any app posts them through accounts.notifications."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    # The app and kind that posted it (`discussions.reply`): digests and filters group by it.
    topic = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    # A path inside the SPA (`/courses/x/discussions/7`), never an outside address.
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when an e-mail digest has included it, so a digest lists each notice once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [
            # The bell counts a user's unread notices on every page.
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "-created_at", "-id"], name="notification_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} for {self.user_id}"
