"""Who may manage an organisation's webhooks: its administrators only."""

import uuid

from accounts.models import Membership, Organization, User
from webhooks.models import Endpoint

__all__ = ["get_endpoint_for_admin", "get_organization_for_admin"]


def get_organization_for_admin(*, user: User, slug: str) -> Organization:
    """The organisation with this slug, if `user` is one of its administrators.

    Raises Organization.DoesNotExist for an unknown slug and equally for any other caller, so
    that the webhook pages reveal nothing about organisations one does not administer."""
    if not user.is_authenticated:
        raise Organization.DoesNotExist
    return Organization.objects.get(
        slug=slug,
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
    )


def get_endpoint_for_admin(
    *, user: User, organization_slug: str, endpoint_id: uuid.UUID, for_update: bool = False
) -> Endpoint:
    """One endpoint of an organisation `user` administers (locked with `for_update`, inside
    the caller's transaction). Raises Endpoint.DoesNotExist when missing or not theirs."""
    try:
        organization = get_organization_for_admin(user=user, slug=organization_slug)
    except Organization.DoesNotExist as error:
        raise Endpoint.DoesNotExist from error
    endpoints = Endpoint.objects.filter(organization=organization)
    if for_update:
        endpoints = endpoints.select_for_update()
    return endpoints.get(pk=endpoint_id)
