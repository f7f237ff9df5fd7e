"""The signatories on an institution's certificate template: add, change, remove, reorder."""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates.institution_templates import (
    normalize_template_image,
    replace_image,
    template_organization,
)
from certificates.models import CertificateSignatory, CertificateTemplate

SIGNATORY_LIMIT_REACHED = gettext_lazy(
    "An institution's certificates have at most %(limit)d signatories: remove one first."
)
SIGNATORY_ORDER_MISMATCH = gettext_lazy("List every signatory of the template exactly once.")


def _signatory_changes(changes: dict[str, Any], *, is_new: bool) -> dict[str, Any]:
    """`name` (required for a new signatory) and `title` normalised, `signature_image` as
    re-encoded PNG bytes (None with `clear_signature_image`). Raises ValidationError per field."""
    errors: dict[str, list[Any]] = {}
    result: dict[str, Any] = {}
    if is_new or "name" in changes:
        try:
            result["name"] = accounts_api.normalize_person_name(changes.get("name", ""))
        except ValidationError as error:
            errors["name"] = error.messages
    if "title" in changes:
        result["title"] = " ".join(changes["title"].split())
    if changes.get("clear_signature_image"):
        result["signature_image"] = None
    if changes.get("signature_image") is not None:
        try:
            result["signature_image"] = normalize_template_image(content=changes["signature_image"])
        except ValidationError as error:
            errors["signature_image"] = error.messages
    if errors:
        raise ValidationError(errors)
    return result


def _save_signatory(
    signatory: CertificateSignatory, changes: dict[str, Any], organization_slug: str
) -> None:
    for field in ("name", "title"):
        if field in changes:
            setattr(signatory, field, changes[field])
    if "signature_image" in changes:
        replace_image(
            signatory,
            "signature_image",
            changes["signature_image"],
            f"{organization_slug}-signature",
        )
    signatory.save()


def _touch(template: CertificateTemplate, user: User) -> None:
    template.updated_by = user
    template.save(update_fields=["updated_by", "updated_at"])


@transaction.atomic
def add_template_signatory(
    *, user: User, organization_slug: str, changes: dict[str, Any]
) -> CertificateSignatory:
    """Add a signatory after the template's others: `name` (required), `title`, and
    `signature_image` (PNG/JPEG bytes, stored re-encoded as PNG).

    For administrators and approvers of the institution. Locks the template row (created when
    missing), so two concurrent additions cannot pass the limit of
    `CertificateSignatory.MAX_PER_TEMPLATE`. Raises Organization.DoesNotExist, PermissionDenied,
    or ValidationError (per field; or code `too_many_signatories`), in which case nothing changes.
    """
    organization = template_organization(user=user, organization_slug=organization_slug)
    valid = _signatory_changes(changes, is_new=True)
    template, _created = CertificateTemplate.objects.select_for_update().get_or_create(
        organization=organization
    )
    count = template.signatories.count()
    limit = CertificateSignatory.MAX_PER_TEMPLATE
    if count >= limit:
        raise ValidationError(
            SIGNATORY_LIMIT_REACHED % {"limit": limit}, code="too_many_signatories"
        )
    signatory = CertificateSignatory(template=template, position=count)
    _save_signatory(signatory, valid, organization.slug)
    _touch(template, user)
    return signatory


def _locked_signatory(
    *, user: User, organization_slug: str, signatory_id: int
) -> CertificateSignatory:
    """The signatory with its template row locked. Raises Organization.DoesNotExist,
    PermissionDenied, or CertificateSignatory.DoesNotExist (not this institution's)."""
    organization = template_organization(user=user, organization_slug=organization_slug)
    locked = CertificateTemplate.objects.select_for_update().filter(organization=organization)
    if not list(locked.values_list("pk", flat=True)):
        raise CertificateSignatory.DoesNotExist
    return CertificateSignatory.objects.select_related("template").get(
        pk=signatory_id, template__organization=organization
    )


@transaction.atomic
def update_template_signatory(
    *, user: User, organization_slug: str, signatory_id: int, changes: dict[str, Any]
) -> CertificateSignatory:
    """Change a signatory: any of `name`, `title`, `signature_image` (PNG/JPEG bytes) and
    `clear_signature_image`; fields left out keep their value.

    For administrators and approvers of the institution; locks the template row. Raises
    Organization.DoesNotExist, PermissionDenied, CertificateSignatory.DoesNotExist (unknown, or
    another institution's), or ValidationError per field, in which case nothing changes.
    """
    signatory = _locked_signatory(
        user=user, organization_slug=organization_slug, signatory_id=signatory_id
    )
    valid = _signatory_changes(changes, is_new=False)
    _save_signatory(signatory, valid, organization_slug)
    _touch(signatory.template, user)
    return signatory


@transaction.atomic
def delete_template_signatory(*, user: User, organization_slug: str, signatory_id: int) -> None:
    """Remove a signatory (its signature image once committed); the others close up the gap.

    For administrators and approvers of the institution; locks the template row. Raises
    Organization.DoesNotExist, PermissionDenied or CertificateSignatory.DoesNotExist.
    """
    signatory = _locked_signatory(
        user=user, organization_slug=organization_slug, signatory_id=signatory_id
    )
    template = signatory.template
    if signatory.signature_image:
        image = signatory.signature_image
        transaction.on_commit(partial(image.storage.delete, str(image.name)))
    signatory.delete()
    remaining = list(template.signatories.all())
    for position, other in enumerate(remaining):
        other.position = position
    CertificateSignatory.objects.bulk_update(remaining, ["position"])
    _touch(template, user)


@transaction.atomic
def reorder_template_signatories(
    *, user: User, organization_slug: str, signatory_ids: list[int]
) -> list[CertificateSignatory]:
    """Put the template's signatories in the order of `signatory_ids`, which must list each of
    them exactly once; returns them in their new order.

    For administrators and approvers of the institution; locks the template row. Raises
    Organization.DoesNotExist, PermissionDenied, or ValidationError (`order`), in which case
    nothing changes.
    """
    organization = template_organization(user=user, organization_slug=organization_slug)
    template, _created = CertificateTemplate.objects.select_for_update().get_or_create(
        organization=organization
    )
    signatories = {signatory.pk: signatory for signatory in template.signatories.all()}
    if len(signatory_ids) != len(signatories) or set(signatory_ids) != set(signatories):
        raise ValidationError({"order": [SIGNATORY_ORDER_MISMATCH]}, code="invalid")
    ordered = [signatories[signatory_id] for signatory_id in signatory_ids]
    for position, signatory in enumerate(ordered):
        signatory.position = position
    CertificateSignatory.objects.bulk_update(ordered, ["position"])
    _touch(template, user)
    return ordered
