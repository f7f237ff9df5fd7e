"""The public door of `accounts`: registration, sign-in, profiles, API tokens, organisations."""

import logging

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import (
    AuditAction,
    client_ip_address,
    list_audit_events,
    record_audit_event,
    record_failed_login,
)
from accounts.mail import queue_email, send_email, single_line
from accounts.models import ApiToken, Membership, Organization, User
from accounts.names import field_error, normalize_person_name, optional_name
from accounts.notifications import (
    list_notifications,
    mark_notifications_emailed,
    mark_notifications_read,
    post_notifications,
    unemailed_notifications,
    unread_notification_count,
)
from accounts.registration import (
    REGISTRATION_RECEIVED,
    confirm_email,
    register_user,
)
from accounts.sessions import log_in, log_out
from accounts.storage import IMMUTABLE_PUBLIC, StoredFile, open_organization_logo
from accounts.tokens import (
    authenticate_token,
    authenticate_token_and_read,
    create_api_token,
    forget_api_tokens,
    list_api_tokens,
    revoke_api_token,
)
from config.tasks import queue_after_commit

logger = logging.getLogger(__name__)

# The roles of an institution's staff: they see its courses as they are made. A verifier (an
# employer's role, which an organisation may also grant) only checks credentials.
STAFF_ROLES = (
    Membership.Role.AUTHOR,
    Membership.Role.REVIEWER,
    Membership.Role.APPROVER,
    Membership.Role.ADMIN,
)

__all__ = [
    "IMMUTABLE_PUBLIC",
    "REGISTRATION_RECEIVED",
    "STAFF_ROLES",
    "AuditAction",
    "StoredFile",
    "authenticate_token",
    "authenticate_token_and_read",
    "client_ip_address",
    "confirm_email",
    "create_api_token",
    "forget_api_tokens",
    "get_institution",
    "get_profile",
    "list_api_tokens",
    "list_audit_events",
    "list_notifications",
    "list_organizations",
    "log_in",
    "log_out",
    "mark_notifications_emailed",
    "mark_notifications_read",
    "normalize_person_name",
    "open_organization_logo",
    "organization_ids_for_user",
    "organizations_by_slug",
    "post_notifications",
    "preferred_languages",
    "queue_email",
    "record_audit_event",
    "record_failed_login",
    "register_user",
    "request_password_reset",
    "reset_password",
    "revoke_api_token",
    "send_email",
    "send_password_reset_email",
    "single_line",
    "unemailed_notifications",
    "unread_notification_count",
    "update_profile",
]

INVALID_RESET_LINK = gettext_lazy("This password reset link is invalid or has expired.")


def get_profile(*, user_id: int) -> User:
    """Load a user with their memberships and organisations in two queries."""
    memberships = Prefetch(
        "memberships", queryset=Membership.objects.select_related("organization")
    )
    return User.objects.prefetch_related(memberships).get(pk=user_id)


def update_profile(
    *,
    user: User,
    full_name: str | None = None,
    native_name: str | None = None,
    preferred_language: str | None = None,
    country: str | None = None,
    is_name_in_credentials: bool | None = None,
) -> User:
    """Change the given profile fields (None leaves a field alone) and return the fresh profile.

    Raises ValidationError per field for an invalid name.
    """
    changed: list[str] = []
    if full_name is not None:
        user.full_name = field_error("full_name", normalize_person_name, full_name)
        changed.append("full_name")
    if native_name is not None:
        user.native_name = field_error("native_name", optional_name, native_name)
        changed.append("native_name")
    if preferred_language is not None:
        user.preferred_language = preferred_language
        changed.append("preferred_language")
    if country is not None:
        user.country = country
        changed.append("country")
    if is_name_in_credentials is not None:
        user.is_name_in_credentials = is_name_in_credentials
        changed.append("is_name_in_credentials")
    if changed:
        user.save(update_fields=changed)
    return get_profile(user_id=user.pk)


def request_password_reset(*, email: str) -> None:
    """Queue a reset e-mail if an active account has this address; silently do nothing otherwise.

    The caller answers the same either way, so the endpoint cannot be used to probe accounts.
    """
    # Imported on call: accounts.tasks imports this module, the door its tasks call (a cycle).
    from accounts.tasks import send_password_reset_email_task

    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is not None:
        queue_after_commit(send_password_reset_email_task, user.pk)


def _password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{settings.PUBLIC_BASE_URL}/reset-password?uid={uid}&token={token}"


def send_password_reset_email(*, user_id: int) -> None:
    """Send the reset link to the user, in their preferred language."""
    user = User.objects.get(pk=user_id, is_active=True)
    link = _password_link(user)
    with translation.override(user.preferred_language):
        subject = _("Reset your ICIM Academy password")
        body = _(
            "Hello %(name)s,\n\nSomeone asked to reset the password of your ICIM Academy "
            "account. If it was you, open this link within 24 hours:\n\n%(link)s\n\n"
            "If it was not you, ignore this message; your password stays unchanged."
        ) % {"name": user.full_name, "link": link}
    send_email(recipient=user.email, subject=subject, body=body)


def reset_password(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password from a reset link and revoke every API token of the account.

    Raises ValidationError (code `invalid_reset_link`) for a bad or expired link, and field
    errors on `new_password` when the validators refuse it. The link works once: changing the
    password invalidates it. The link came by e-mail, so it also confirms the address of an
    account still waiting for that.
    """
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uid))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist) as error:
        raise ValidationError(INVALID_RESET_LINK, code="invalid_reset_link") from error
    if not default_token_generator.check_token(user, token):
        raise ValidationError(INVALID_RESET_LINK, code="invalid_reset_link")
    try:
        validate_password(new_password, user=user)
    except ValidationError as error:
        raise ValidationError({"new_password": error.error_list}) from error
    with transaction.atomic():
        user.set_password(new_password)
        if user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
        # Saving forgets the user's cached tokens (receivers).
        user.save(update_fields=["password", "email_confirmed_at"])
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return user


def list_organizations() -> QuerySet[Organization]:
    """All organisations, by name."""
    return Organization.objects.all()


def get_institution(*, slug: str) -> Organization:
    """The institution with this slug, in one query.

    Raises `Organization.DoesNotExist` for an unknown slug and equally for an employer's or the
    coalition's, so that an institution page reveals nothing about other organisations.
    """
    return Organization.objects.get(slug=slug, kind=Organization.Kind.INSTITUTION)


def organization_ids_for_user(*, user: User, roles: tuple[str, ...] | None = None) -> set[int]:
    """IDs of the organisations where the user holds any of `roles` (any role when None)."""
    if not user.is_authenticated:
        return set()
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("organization_id", flat=True))


def organizations_by_slug(*, slugs: list[str]) -> dict[str, Organization]:
    """The organisations with these slugs, keyed by slug (unknown slugs are simply absent)."""
    return {
        organization.slug: organization
        for organization in Organization.objects.filter(slug__in=slugs)
    }


def preferred_languages(*, emails: list[str]) -> dict[str, str]:
    """The preferred language of each active account among these (lower-cased) addresses, in
    one query; addresses without an account are simply absent. For writing an e-mail in its
    reader's language only: what a caller answers must not depend on it (it reveals accounts).
    """
    return dict(
        User.objects.filter(email__in=emails, is_active=True).values_list(
            "email", "preferred_language"
        )
    )
