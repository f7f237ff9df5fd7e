"""An institution's certificate template (colour and logo) and the images it stores, for the
institution's administrators and approvers. Issued certificates never change with it."""

import hashlib
import io
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from accounts import api as accounts_api
from accounts.models import Organization, User
from certificates.models import CertificateTemplate

TEMPLATE_ROLES = ("admin", "approver")
TEMPLATE_ROLE_REQUIRED = gettext_lazy(
    "Only administrators and approvers of the institution may change its certificates."
)
IMAGE_TOO_LARGE = gettext_lazy("The image is larger than 1 MB.")
IMAGE_TYPE_REFUSED = gettext_lazy("Upload a PNG or JPEG image.")
IMAGE_UNREADABLE = gettext_lazy("The image is damaged or cannot be read.")
IMAGE_TOO_MANY_PIXELS = gettext_lazy("The image may be at most %(limit)d pixels wide and high.")
IMAGE_MAX_BYTES = 1024 * 1024
IMAGE_MAX_SIDE = 4000


def template_organization(*, user: User, organization_slug: str) -> Organization:
    """The institution, if the user may manage its certificates. Raises
    Organization.DoesNotExist for unknown organisations and ones the user is no member of,
    PermissionDenied for members without the admin or approver role."""
    organization = accounts_api.organizations_by_slug(slugs=[organization_slug]).get(
        organization_slug
    )
    if organization is None or organization.kind != Organization.Kind.INSTITUTION:
        raise Organization.DoesNotExist
    if organization.pk not in accounts_api.organization_ids_for_user(user=user):
        raise Organization.DoesNotExist
    if organization.pk not in accounts_api.organization_ids_for_user(
        user=user, roles=TEMPLATE_ROLES
    ):
        raise PermissionDenied(TEMPLATE_ROLE_REQUIRED)
    return organization


def get_certificate_template(*, user: User, organization_slug: str) -> CertificateTemplate:
    """The institution's certificate template (an unsaved one with the defaults when it has
    none yet), for its administrators and approvers. Raises Organization.DoesNotExist (unknown,
    not an institution, or not the user's) or PermissionDenied (a member without the role)."""
    organization = template_organization(user=user, organization_slug=organization_slug)
    template = CertificateTemplate.objects.filter(organization=organization).first()
    if template is None:
        return CertificateTemplate(organization=organization)
    return with_signatories(template)


def normalize_template_image(*, content: bytes) -> bytes:
    """A PNG or JPEG upload checked and re-encoded as PNG (the renderer's format; re-encoding
    also drops metadata and anything hidden after the image data).

    Raises ValidationError when the file is over 1 MB, not PNG/JPEG by its bytes, damaged
    (Pillow's verification), or larger than 4000 pixels on a side.
    """
    if len(content) > IMAGE_MAX_BYTES:
        raise ValidationError(IMAGE_TOO_LARGE, code="too_large")
    # Not libmagic (config.sniffing): Pillow below is the judge, and the signature only chooses
    # the message. A PNG signature over damaged data is "damaged" here, where libmagic would
    # call it application/octet-stream, i.e. "not PNG or JPEG".
    if not (content.startswith(b"\x89PNG\r\n\x1a\n") or content.startswith(b"\xff\xd8\xff")):
        raise ValidationError(IMAGE_TYPE_REFUSED, code="invalid_type")
    try:
        with Image.open(io.BytesIO(content)) as probe:
            if probe.format not in {"PNG", "JPEG"}:
                raise ValidationError(IMAGE_TYPE_REFUSED, code="invalid_type")
            if max(probe.size) > IMAGE_MAX_SIDE:
                raise ValidationError(
                    IMAGE_TOO_MANY_PIXELS % {"limit": IMAGE_MAX_SIDE}, code="too_large"
                )
            probe.verify()
        # verify() leaves the image unusable: decode it again, fully, to re-encode it.
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            mode = "RGBA" if image.mode in {"RGBA", "LA", "P", "PA"} else "RGB"
            output = io.BytesIO()
            image.convert(mode).save(output, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(IMAGE_UNREADABLE, code="invalid_image") from error
    except Image.DecompressionBombError as error:
        raise ValidationError(
            IMAGE_TOO_MANY_PIXELS % {"limit": IMAGE_MAX_SIDE}, code="too_large"
        ) from error
    return output.getvalue()


def apply_template_changes(
    template: CertificateTemplate, changes: dict[str, Any]
) -> dict[str, bytes | None]:
    """Set the plain fields of `changes` on the template and return the images to store
    (`logo`: PNG bytes, or None to remove), all validated first."""
    errors: dict[str, list[Any]] = {}
    images: dict[str, bytes | None] = {}
    if changes.get("clear_logo"):
        images["logo"] = None
    upload = changes.get("logo")
    if upload is not None:
        try:
            images["logo"] = normalize_template_image(content=upload)
        except ValidationError as error:
            errors["logo"] = error.messages
    if "colour" in changes:
        template.colour = changes["colour"].lower()
    if errors:
        raise ValidationError(errors)
    return images


def replace_image(instance: Any, field: str, png: bytes | None, stem: str) -> None:
    """Point the image field at a new stored PNG (or at nothing), without saving the instance.

    The old file is deleted only once the transaction commits: a rollback must still find it.
    """
    old = getattr(instance, field)
    if old:
        transaction.on_commit(partial(old.storage.delete, old.name))
        setattr(instance, field, "")
    if png is not None:
        digest = hashlib.sha256(png).hexdigest()[:12]
        getattr(instance, field).save(f"{stem}-{digest}.png", ContentFile(png), save=False)


@transaction.atomic
def update_certificate_template(
    *, user: User, organization_slug: str, changes: dict[str, Any]
) -> CertificateTemplate:
    """Change the institution's certificate template: any of `colour` (#rrggbb), `logo`
    (PNG/JPEG bytes, stored re-encoded as PNG) and `clear_logo`. Fields left out keep their
    value. Certificates issued from now on use it; issued ones never change. Signatories have
    their own functions (`add_template_signatory` and the ones after it).

    For administrators and approvers of the institution. Locks the template row (created on
    first change). Raises Organization.DoesNotExist, PermissionDenied, or ValidationError with
    the problems per field, in which case nothing changes.
    """
    organization = template_organization(user=user, organization_slug=organization_slug)
    template, _created = CertificateTemplate.objects.select_for_update().get_or_create(
        organization=organization
    )
    images = apply_template_changes(template, changes)
    for field, png in images.items():
        replace_image(template, field, png, f"{organization.slug}-{field}")
    template.updated_by = user
    template.save()
    return with_signatories(template)


def with_signatories(template: CertificateTemplate) -> CertificateTemplate:
    """The template with its signatories fetched (in order) for serializing."""
    if template.pk is not None:
        prefetch_related_objects([template], "signatories")
    return template
