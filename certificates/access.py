"""Who may act on, or see into, a certificate: its holder, owning staff, approvers, verifiers."""

import uuid

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates.models import Certificate

INSTITUTION_STAFF_ROLES = ("author", "reviewer", "approver", "admin")

NOT_AN_APPROVER = gettext_lazy("Only approvers of an owning institution may do this.")
OWN_CERTIFICATE = gettext_lazy(
    "No one issues, re-issues, revokes or reinstates their own certificate: ask another approver."
)
NOT_A_VERIFIER = gettext_lazy(
    "Bulk verification is for employer accounts: ask your organisation for the verifier role."
)


def may_see_details(*, certificate: Certificate, viewer: User | None) -> bool:
    """Whether `viewer` may see everything about a certificate by its id, private or not: its
    holder, and staff (author, reviewer, approver, administrator) of an owning institution
    (the institutions frozen on it). Anyone else, and no one signed in, may not."""
    if viewer is None or not viewer.is_authenticated:
        return False
    if certificate.user_id == viewer.pk:
        return True
    staff_of = accounts_api.organization_ids_for_user(user=viewer, roles=INSTITUTION_STAFF_ROLES)
    if not staff_of:
        return False
    owners = accounts_api.organizations_by_slug(
        slugs=[item["slug"] for item in certificate.institutions]
    )
    return any(organization.pk in staff_of for organization in owners.values())


def require_verifier(*, user: User) -> None:
    """Raise PermissionDenied unless the user verifies for an employer (bulk verification)."""
    if not accounts_api.organization_ids_for_user(user=user, roles=("verifier",)):
        raise PermissionDenied(NOT_A_VERIFIER)


def certificate_for_approver(*, user: User, certificate_id: uuid.UUID) -> Certificate:
    """The certificate, row-locked, if the user approves for an owning institution and does
    not hold it (separation of duties: no one decides on their own certificate). Raises
    Certificate.DoesNotExist (unknown or not theirs alike) or PermissionDenied."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    slugs = {item["slug"] for item in certificate.institutions}
    approver_of = accounts_api.organization_ids_for_user(user=user, roles=("approver",))
    member_of = accounts_api.organization_ids_for_user(user=user)
    owners = set(accounts_api.organizations_by_slug(slugs=list(slugs)).values())
    owner_ids = {organization.pk for organization in owners}
    if not owner_ids & member_of:
        raise Certificate.DoesNotExist  # not theirs: indistinguishable from unknown
    if not owner_ids & approver_of:
        raise PermissionDenied(NOT_AN_APPROVER)
    if certificate.user_id == user.pk:
        raise PermissionDenied(OWN_CERTIFICATE)
    return certificate
