"""Who an identity provider's assertion signs in: the linked account, a link to the signed-in
account, or a new account made just in time with the memberships the provider may grant."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import api as accounts_api
from accounts.models import Membership, User
from sso.models import ExternalIdentity, IdentityProvider

__all__ = [
    "ACCOUNT_CREATION_OFF",
    "ACCOUNT_DISABLED",
    "EMAIL_BELONGS_TO_ANOTHER_ACCOUNT",
    "IDENTITY_LINKED_ELSEWHERE",
    "PROVIDER_DISABLED",
    "Assertion",
    "sign_in_external",
]

PROVIDER_DISABLED = _("Sign-in with this organisation is switched off.")
ACCOUNT_CREATION_OFF = _(
    "Your organisation's account is not linked to an ICIM Academy account, and this "
    "organisation does not create accounts. Sign in with your password, then link it."
)
EMAIL_BELONGS_TO_ANOTHER_ACCOUNT = _(
    "An ICIM Academy account already uses this e-mail address. Sign in with its password "
    "first, then sign in with your organisation to link the two."
)
IDENTITY_LINKED_ELSEWHERE = _(
    "This organisation account is already linked to another ICIM Academy account."
)
ACCOUNT_DISABLED = _("This account is disabled.")


@dataclass(frozen=True)
class Assertion:
    """What a provider said about the person, after its signature was checked. `subject` is the
    provider's stable identifier (OIDC `sub`, SAML NameID); the rest may change between sign-ins."""

    subject: str
    email: str
    full_name: str
    roles: tuple[str, ...] = ()


def sign_in_external(
    *,
    provider: IdentityProvider,
    assertion: Assertion,
    current_user: User | None = None,
    ip_address: str | None = None,
) -> User:
    """The account `assertion` signs in to, linked by `(provider, subject)` only:

    - a linked subject signs in to its account;
    - an unlinked subject with someone signed in (`current_user`) is linked to that account;
    - otherwise, if the provider creates accounts and no account has the asserted e-mail, a new
      confirmed account (no usable password) is made and linked.

    Asserted roles that the provider may grant become memberships of its organisation (never
    removed here: an administrator removes them). Atomic; a concurrent first sign-in of the
    same subject is resolved by the unique constraints. Raises PermissionDenied with one of the
    messages above.
    """
    if not provider.is_enabled:
        raise PermissionDenied(PROVIDER_DISABLED)
    try:
        with transaction.atomic():
            user = _resolve(provider, assertion, current_user, ip_address)
    except IntegrityError:
        # The same subject signed in twice at once: the other request linked it first.
        with transaction.atomic():
            user = _resolve(provider, assertion, current_user, ip_address)
    return user


def _resolve(
    provider: IdentityProvider,
    assertion: Assertion,
    current_user: User | None,
    ip_address: str | None,
) -> User:
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider, subject=assertion.subject)
        .first()
    )
    if identity is not None:
        if current_user is not None and identity.user_id != current_user.pk:
            raise PermissionDenied(IDENTITY_LINKED_ELSEWHERE)
        user = identity.user
        identity.last_sign_in_at = timezone.now()
        identity.save(update_fields=["last_sign_in_at"])
    elif current_user is not None:
        user = current_user
        _link(provider, assertion, user, ip_address)
    else:
        user = _create_account(provider, assertion, ip_address)
    if not user.is_active:
        raise PermissionDenied(ACCOUNT_DISABLED)
    _grant_roles(provider, assertion, user, ip_address)
    return user


def _link(
    provider: IdentityProvider, assertion: Assertion, user: User, ip_address: str | None
) -> None:
    ExternalIdentity.objects.create(
        provider=provider, subject=assertion.subject, user=user, last_sign_in_at=timezone.now()
    )
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.SSO_ACCOUNT_LINKED,
        actor=user,
        target_type="identity_provider",
        target_id=provider.slug,
        ip_address=ip_address,
        details={"subject": assertion.subject},
    )


def _create_account(
    provider: IdentityProvider, assertion: Assertion, ip_address: str | None
) -> User:
    email = assertion.email.strip().lower()
    if not provider.creates_accounts or not email:
        raise PermissionDenied(ACCOUNT_CREATION_OFF)
    if User.objects.filter(email=email).exists():
        # Never linked by e-mail: whoever controls the IdP could otherwise take the account.
        raise PermissionDenied(EMAIL_BELONGS_TO_ANOTHER_ACCOUNT)
    user = User(
        email=email,
        full_name=(assertion.full_name.strip() or email)[:200],
        email_confirmed_at=timezone.now(),
    )
    user.set_unusable_password()
    user.save()
    _link(provider, assertion, user, ip_address)
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.SSO_ACCOUNT_CREATED,
        actor=user,
        target_type="identity_provider",
        target_id=provider.slug,
        ip_address=ip_address,
    )
    return user


def _grant_roles(
    provider: IdentityProvider, assertion: Assertion, user: User, ip_address: str | None
) -> None:
    allowed = set(provider.grantable_roles) & set(Membership.Role.values)
    for role in sorted(set(assertion.roles) & allowed):
        _membership, created = Membership.objects.get_or_create(
            user=user, organization_id=provider.organization_id, role=role
        )
        if created:
            accounts_api.record_audit_event(
                action=accounts_api.AuditAction.SSO_ROLE_GRANTED,
                actor=user,
                target_type="organization",
                target_id=str(provider.organization_id),
                ip_address=ip_address,
                details={"role": role, "provider": provider.slug},
            )
