"""Writing case studies: loaders that check membership, creating and editing drafts, and
attachments (services)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import Organization, User
from courses import api as courses_api
from courses.models import Competency, Course, Standard
from practices.models import CaseStudy, CaseStudyAttachment

State = CaseStudy.State

ROLE_REQUIRED = gettext_lazy("'%(action)s' needs the %(role)s role in the publishing organisation.")
NOT_A_DRAFT = gettext_lazy("Only a draft can be edited; ask a reviewer to request changes.")
DEAD_COURSE = gettext_lazy("Course '%(slug)s' does not exist or is not published.")
UNKNOWN_CODES = gettext_lazy("Unknown code(s): %(codes)s.")
SLUG_TAKEN = gettext_lazy("A case study with this slug already exists.")
FILE_TOO_LARGE = gettext_lazy("The file is larger than the limit of %(limit)d MB.")
FILE_TYPE_REFUSED = gettext_lazy(
    "This file type is not accepted. Upload PDF, PNG, JPEG, plain text, CSV, or Office "
    "(DOCX, XLSX, PPTX) files."
)
TOO_MANY_ATTACHMENTS = gettext_lazy("A case study has at most %(limit)d attachments.")
MAX_ATTACHMENTS = 10
# The roles that see an organisation's unpublished case studies: its content staff. A verifier
# (an employer's or an institution's checker of credentials) is a member, but not of these.
STAFF_ROLES = ("author", "reviewer", "approver", "admin")


def list_case_studies_for_member(*, user: User) -> QuerySet[CaseStudy]:
    """Case studies of organisations where the user holds a staff role, newest first."""
    organization_ids = accounts_api.organization_ids_for_user(user=user, roles=STAFF_ROLES)
    return (
        CaseStudy.objects.filter(organization_id__in=organization_ids)
        .select_related("organization")
        .order_by("-updated_at", "-id")
    )


def get_case_study_for_member(*, user: User, slug: str) -> CaseStudy:
    """A case study the user may see as staff of its organisation; raises
    CaseStudy.DoesNotExist for unknown and foreign ones alike."""
    return (
        list_case_studies_for_member(user=user)
        .prefetch_related(
            "standards", "competencies", "linked_courses", "attachments", "transitions__actor"
        )
        .get(slug=slug)
    )


def require_role(*, user: User, case_study: CaseStudy, role: str, action: str) -> None:
    """Raises PermissionDenied unless the user holds `role` in the publishing organisation."""
    if case_study.organization_id not in accounts_api.organization_ids_for_user(
        user=user, roles=(role,)
    ):
        raise PermissionDenied(ROLE_REQUIRED % {"action": action, "role": role})


@transaction.atomic
def create_case_study(*, user: User, organization_slug: str, data: dict[str, Any]) -> CaseStudy:
    """A new draft case study published by the organisation (where the user must be an author).

    `data` holds slug, primary_language, languages, translations, sector, country and the codes
    of standards and competencies and the slugs of linked courses (validated by the input
    serializer for shape). Raises Organization.DoesNotExist (unknown, or the user is no member),
    PermissionDenied (not an author), ValidationError (slug taken, unknown codes, a linked course
    that does not exist or is not published; nothing is written).
    """
    member_of = accounts_api.organization_ids_for_user(user=user)
    organization = Organization.objects.get(slug=organization_slug, pk__in=member_of)
    if organization.pk not in accounts_api.organization_ids_for_user(user=user, roles=("author",)):
        raise PermissionDenied(ROLE_REQUIRED % {"action": "create", "role": "author"})
    if CaseStudy.objects.filter(slug=data["slug"]).exists():
        raise ValidationError({"slug": [SLUG_TAKEN]}, code="unique")
    relations = _resolve_relations(data)
    case_study = CaseStudy.objects.create(
        slug=data["slug"],
        organization=organization,
        **_texts(data),
    )
    _set_relations(case_study, relations)
    case_study.editors.add(user)
    return case_study


@transaction.atomic
def update_case_study(*, user: User, slug: str, data: dict[str, Any]) -> CaseStudy:
    """Replace the texts and tags of a draft the user may author (the fields given in `data`).

    Takes a row lock. Raises CaseStudy.DoesNotExist (unknown or not the user's),
    PermissionDenied (not an author), ValidationError (not a draft, unknown codes, a dead linked
    course; nothing is written)."""
    found = get_case_study_for_member(user=user, slug=slug)
    case_study = CaseStudy.objects.select_for_update().get(pk=found.pk)
    require_role(user=user, case_study=case_study, role="author", action="edit")
    if case_study.state != State.DRAFT:
        raise ValidationError(NOT_A_DRAFT, code="not_a_draft")
    relations = _resolve_relations(data)
    for name, value in _texts(data).items():
        setattr(case_study, name, value)
    case_study.save()
    _set_relations(case_study, relations)
    case_study.editors.add(user)
    return case_study


def _texts(data: dict[str, Any]) -> dict[str, Any]:
    names = ("primary_language", "languages", "translations", "sector", "country")
    return {name: data[name] for name in names if name in data}


def _resolve_relations(data: dict[str, Any]) -> dict[str, list[Any]]:
    """The standards, competencies and linked courses `data` names, or ValidationError naming
    every unknown code and every linked course that does not exist or is not published."""
    errors: dict[str, list[str]] = {}
    resolved: dict[str, list[Any]] = {}
    for field, model in (("standards", Standard), ("competencies", Competency)):
        if field not in data:
            continue
        codes = list(dict.fromkeys(data[field]))
        found = {item.code: item for item in model.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            errors[field] = [str(UNKNOWN_CODES % {"codes": ", ".join(unknown)})]
        resolved[field] = [found[code] for code in codes if code in found]
    if "linked_courses" in data:
        slugs = list(dict.fromkeys(data["linked_courses"]))
        published = {
            course.slug: course
            for course in Course.objects.filter(slug__in=slugs, published_version__isnull=False)
        }
        dead = [slug for slug in slugs if slug not in published]
        if dead:
            errors["linked_courses"] = [str(DEAD_COURSE % {"slug": slug}) for slug in dead]
        resolved["linked_courses"] = [published[slug] for slug in slugs if slug in published]
    if errors:
        raise ValidationError(errors, code="invalid")
    return resolved


def _set_relations(case_study: CaseStudy, relations: dict[str, list[Any]]) -> None:
    for field, items in relations.items():
        getattr(case_study, field).set(items)


def add_attachment(*, user: User, slug: str, file: UploadedFile) -> CaseStudyAttachment:
    """Attach a file to a draft the user authors, typed by its bytes as course resources are
    (`courses.api.uploads`). Raises CaseStudy.DoesNotExist, PermissionDenied, ValidationError
    with code `too_large`, `unsupported_type`, `too_many` or `not_a_draft`."""
    case_study = get_case_study_for_member(user=user, slug=slug)
    require_role(user=user, case_study=case_study, role="author", action="upload")
    if case_study.state != State.DRAFT:
        raise ValidationError(NOT_A_DRAFT, code="not_a_draft")
    if case_study.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(TOO_MANY_ATTACHMENTS % {"limit": MAX_ATTACHMENTS}, code="too_many")
    limit = settings.RESOURCE_MAX_BYTES
    if file.size is None or file.size > limit:
        raise ValidationError(FILE_TOO_LARGE % {"limit": limit // (1024 * 1024)}, code="too_large")
    filename = (file.name or "attachment").replace("/", "_").replace("\\", "_")[-200:]
    head = file.read(courses_api.uploads.SNIFF_BYTES)
    accepted = courses_api.uploads.accepted_type(head, filename)
    if accepted is None:
        raise ValidationError(FILE_TYPE_REFUSED, code="unsupported_type")
    file.seek(0)
    content = file.read()
    return CaseStudyAttachment.objects.create(
        case_study=case_study,
        file=ContentFile(content, name=courses_api.uploads.stored_name(accepted)),
        filename=filename,
        content_type=accepted.content_type,
        size=len(content),
        uploaded_by=user,
    )


def open_attachment_file(*, user: User | Any, name: str) -> accounts_api.StoredFile:
    """The attachment stored under `name` (the media download view's opener): for anyone when
    its case study is published, else for its organisation's staff. Raises
    CaseStudyAttachment.DoesNotExist for an unknown file and a forbidden one alike."""
    attachment = CaseStudyAttachment.objects.select_related("case_study").get(file=name)
    case_study = attachment.case_study
    if case_study.state != State.PUBLISHED and (
        not user.is_authenticated
        or case_study.organization_id
        not in accounts_api.organization_ids_for_user(user=user, roles=STAFF_ROLES)
    ):
        raise CaseStudyAttachment.DoesNotExist
    return accounts_api.StoredFile(
        file=attachment.file,
        download_name=attachment.filename,
        content_type=attachment.content_type,
    )
