"""Who may manage an employer's seats: its administrators only."""

from accounts.models import Membership, Organization, User
from seats.models import SeatPool

__all__ = ["get_employer_for_admin", "get_pool_for_admin"]


def get_employer_for_admin(*, user: User, slug: str) -> Organization:
    """The employer organisation with this slug, if `user` is one of its administrators.

    Raises Organization.DoesNotExist for an unknown slug, a slug of an organisation that is not
    an employer, and equally for any other caller, so the seat pages reveal nothing."""
    if not user.is_authenticated:
        raise Organization.DoesNotExist
    return Organization.objects.get(
        slug=slug,
        kind=Organization.Kind.EMPLOYER,
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
    )


def get_pool_for_admin(
    *, user: User, organization_slug: str, pool_id: int, for_update: bool = False
) -> SeatPool:
    """One pool of an employer `user` administers, with its course (locked with `for_update`,
    inside the caller's transaction). Raises SeatPool.DoesNotExist when missing or not theirs."""
    try:
        organization = get_employer_for_admin(user=user, slug=organization_slug)
    except Organization.DoesNotExist as error:
        raise SeatPool.DoesNotExist from error
    pools = SeatPool.objects.filter(organization=organization)
    if for_update:
        pools = pools.select_for_update(of=("self",))
    return pools.select_related("organization", "course__published_version").get(pk=pool_id)
