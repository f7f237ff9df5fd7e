"""Course invitations: staff invite an e-mail address; a learner signed in with it accepts.

Making an invitation looks nothing up about the address's account and changes nothing for it,
so what staff see (and when the e-mail goes out) is the same whether or not the address has an
account. The e-mail carries server data only: the course's published title, its institutions'
names and a signed link; never text from the uploaded file.
"""

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from enrollment import staff
from enrollment.enrolling import enroll
from enrollment.models import Enrollment, Invitation

__all__ = [
    "ALREADY_INVITED",
    "INVITED",
    "InvitationState",
    "accept_invitation",
    "get_invitation",
    "invitation_state",
    "invitation_token",
    "list_pending_invitations",
    "send_invitation",
    "withdraw_invitation",
]

INVITATION_EXPIRED = gettext_lazy(
    "This invitation has expired: ask the course's staff to send a new one."
)
INVITATION_USED = gettext_lazy("This invitation has already been accepted.")
INVITATION_WITHDRAWN = gettext_lazy("This invitation was withdrawn.")
WRONG_ACCOUNT = gettext_lazy(
    "This invitation is for another e-mail address: sign in with the address it was sent to."
)

# Results of sending one invitation (a bulk-enrolment report row says one of these).
INVITED = "invited"
ALREADY_INVITED = "already_invited"

_TOKEN_SALT = "enrollment.invitation"  # noqa: S105 - a namespace for signing, not a secret
# A signed 32-digit key is 76 characters; anything much longer is not worth a HMAC.
_TOKEN_MAX_LENGTH = 200


class InvitationState:
    OPEN = "open"
    EXPIRED = "expired"
    ACCEPTED = "accepted"
    WITHDRAWN = "withdrawn"
    ALL = (OPEN, EXPIRED, ACCEPTED, WITHDRAWN)


def _signer() -> signing.Signer:
    return signing.Signer(salt=_TOKEN_SALT, sep=".")


def invitation_token(invitation: Invitation) -> str:
    """The token of the invitation's link: its key, signed (so keys cannot be guessed or forged)."""
    return _signer().sign(invitation.key.hex)


def _key(token: str) -> uuid.UUID:
    if len(token) > _TOKEN_MAX_LENGTH:
        raise Invitation.DoesNotExist
    try:
        return uuid.UUID(hex=_signer().unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise Invitation.DoesNotExist from error


def invitation_state(invitation: Invitation) -> str:
    """One of InvitationState: accepted and withdrawn are final; open turns expired with time."""
    if invitation.accepted_at is not None:
        return InvitationState.ACCEPTED
    if invitation.withdrawn_at is not None:
        return InvitationState.WITHDRAWN
    if invitation.expires_at <= timezone.now():
        return InvitationState.EXPIRED
    return InvitationState.OPEN


def send_invitation(
    *,
    course: Any,
    email: str,
    name: str,
    language: str,
    email_language: str,
    invited_by: User,
    ip_address: str | None = None,
) -> str:
    """Invite `email` (lower-cased, valid) to the course by e-mail, unless it has an open or an
    accepted invitation already: returns INVITED or ALREADY_INVITED.

    An expired one is renewed (a new link and expiry) and sent again. The e-mail is written in
    `email_language` and names only the course and its institutions; `name` (already normalised)
    is kept for staff. Audited when sent. The unique constraint on open invitations makes two
    simultaneous calls send one e-mail. The caller checks that `invited_by` staffs the course.
    """
    now = timezone.now()
    expires_at = now + timedelta(days=settings.INVITATION_LIFETIME_DAYS)
    try:
        with transaction.atomic():
            current = (
                Invitation.objects.select_for_update()
                .filter(course=course, email=email)
                .filter(Q(accepted_at__isnull=False) | Q(withdrawn_at__isnull=True))
                .order_by(F("accepted_at").asc(nulls_first=True))  # an open one first
                .first()
            )
            if current is not None and invitation_state(current) != InvitationState.EXPIRED:
                return ALREADY_INVITED
            if current is None or current.accepted_at is not None:
                invitation = Invitation.objects.create(
                    course=course,
                    email=email,
                    name=name,
                    language=language,
                    invited_by=invited_by,
                    sent_at=now,
                    expires_at=expires_at,
                )
            else:
                invitation = current
                invitation.key = uuid.uuid4()  # the expired link stays dead
                invitation.name, invitation.language = name, language
                invitation.invited_by, invitation.sent_at = invited_by, now
                invitation.expires_at = expires_at
                invitation.save(
                    update_fields=["key", "name", "language", "invited_by", "sent_at", "expires_at"]
                )
            accounts_api.record_audit_event(
                action=accounts_api.AuditAction.INVITATION_SENT,
                actor=invited_by,
                target_type="invitation",
                target_id=str(invitation.pk),
                ip_address=ip_address,
                details={"course": course.slug, "email": email},
            )
            _queue_invitation_email(invitation, course=course, language=email_language)
    except IntegrityError:  # a simultaneous call made the open invitation
        return ALREADY_INVITED
    return INVITED


def _queue_invitation_email(invitation: Invitation, *, course: Any, language: str) -> None:
    link = f"{settings.PUBLIC_BASE_URL}/invitations/{invitation_token(invitation)}"
    # all(): bulk_enroll prefetches the institutions once for every row.
    institutions = ", ".join(sorted(str(owner.name) for owner in course.institutions.all()))
    with translation.override(language):
        title = staff.course_title(course, language)
        subject = _("Invitation to “%(course)s” on ICIM Academy") % {"course": title}
        body = _(
            "Hello,\n\n%(institutions)s invites you to the course “%(course)s” on ICIM Academy."
            "\n\nTo accept, open this link and sign in, or create an account, with this e-mail "
            "address (%(email)s):\n\n%(link)s\n\nThe invitation is valid until %(date)s. Nothing "
            "happens unless you accept it; if you did not expect it, ignore this message."
        ) % {
            "institutions": institutions,
            "course": title,
            "email": invitation.email,
            "link": link,
            "date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
        }
    accounts_api.queue_email(recipient=invitation.email, subject=subject, body=body)


def get_invitation(*, token: str, user: User | Any, language: str) -> dict[str, Any]:
    """What the invitation page shows, to anyone holding the link: the course (slug and title in
    `language`), its institutions, the invited address, the state and expiry; for a signed-in
    user also whether they may accept it (`is_for_you`; None for anonymous).

    Names no person (not the inviter, not the name staff gave). Raises Invitation.DoesNotExist
    for a malformed, forged or replaced token.
    """
    invitation = (
        Invitation.objects.select_related("course__published_version")
        .prefetch_related("course__institutions")
        .get(key=_key(token))
    )
    course = invitation.course
    is_for_you = None
    if user.is_authenticated:
        is_for_you = user.email.lower() == invitation.email
    return {
        "course": course.slug,
        "course_title": staff.course_title(course, language),
        "institutions": [
            {"slug": organization.slug, "name": organization.name}
            for organization in sorted(course.institutions.all(), key=lambda o: o.name)
        ],
        "email": invitation.email,
        "state": invitation_state(invitation),
        "expires_at": invitation.expires_at,
        "is_for_you": is_for_you,
    }


@transaction.atomic
def accept_invitation(
    *, user: User, token: str, language: str = "en", ip_address: str | None = None
) -> Enrollment:
    """Enrol the signed-in user in the invitation's course (or its waitlist), through `enroll`.

    Only the account whose e-mail is the invited address (ignoring case) may accept. Idempotent
    for that account: accepting again returns its enrollment. Locks the invitation row. Raises
    Invitation.DoesNotExist (bad token; 404), and ValidationError with code `wrong_account`,
    `invitation_used`, `invitation_withdrawn`, `invitation_expired`, or enroll's own (window
    closed, prerequisite missing), in which case the invitation stays open.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("course")
        .get(key=_key(token))
    )
    if invitation.accepted_at is not None and invitation.accepted_by_id == user.pk:
        return enroll(user=user, course_slug=invitation.course.slug, language=language)
    # The account must own the invited address: the same address, confirmed (unconfirmed
    # accounts cannot sign in at all; this keeps the rule here should another door open).
    if user.email.lower() != invitation.email or user.email_confirmed_at is None:
        raise ValidationError(WRONG_ACCOUNT, code="wrong_account")
    state = invitation_state(invitation)
    if state == InvitationState.ACCEPTED:
        raise ValidationError(INVITATION_USED, code="invitation_used")
    if state == InvitationState.WITHDRAWN:
        raise ValidationError(INVITATION_WITHDRAWN, code="invitation_withdrawn")
    if state == InvitationState.EXPIRED:
        raise ValidationError(INVITATION_EXPIRED, code="invitation_expired")
    enrollment = enroll(user=user, course_slug=invitation.course.slug, language=language)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.INVITATION_ACCEPTED,
        actor=user,
        target_type="invitation",
        target_id=str(invitation.pk),
        ip_address=ip_address,
        details={"course": invitation.course.slug, "enrollment": enrollment.pk},
    )
    return enrollment


def list_pending_invitations(*, user: User, course_slug: str) -> QuerySet[Invitation]:
    """The course's invitations neither accepted nor withdrawn (open and expired), most recently
    sent first, for its staff. Raises Course.DoesNotExist for courses the user does not staff."""
    course = staff.course_for_staff(user=user, course_slug=course_slug)
    return Invitation.objects.filter(
        course=course, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).order_by("-sent_at", "-id")


@transaction.atomic
def withdraw_invitation(
    *, user: User, course_slug: str, invitation_id: int, ip_address: str | None = None
) -> Invitation:
    """Withdraw a pending invitation, so its link no longer enrols anyone; audited. Idempotent.

    Locks the invitation row. Raises Course.DoesNotExist / Invitation.DoesNotExist for courses
    the user does not staff and invitations not of the course (404 alike), and ValidationError
    (`invitation_used`) for an accepted one.
    """
    course = staff.course_for_staff(user=user, course_slug=course_slug)
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id, course=course)
    if invitation.accepted_at is not None:
        raise ValidationError(INVITATION_USED, code="invitation_used")
    if invitation.withdrawn_at is not None:
        return invitation
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.INVITATION_WITHDRAWN,
        actor=user,
        target_type="invitation",
        target_id=str(invitation.pk),
        ip_address=ip_address,
        details={"course": course.slug, "email": invitation.email},
    )
    return invitation
