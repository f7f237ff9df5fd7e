"""The review of a case study: draft → in review → approved → published, with the roles and
the separation of duties of courses' workflow (services)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from practices.authoring import get_case_study_for_member, require_role
from practices.library import write_search_text
from practices.models import CaseStudy, CaseStudyTransition

State = CaseStudy.State

INVALID_TRANSITION = gettext_lazy("A %(state)s case study cannot be moved with '%(action)s'.")
OWN_WORK = gettext_lazy(
    "No one approves or publishes a case study they edited or submitted themselves: a colleague "
    "who did not work on it must."
)

# action: (states it applies to, resulting state, role needed) — the roles of courses' workflow.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "submit": ((State.DRAFT,), State.IN_REVIEW, "author"),
    "request_changes": ((State.IN_REVIEW, State.APPROVED), State.DRAFT, "reviewer"),
    "approve": ((State.IN_REVIEW,), State.APPROVED, "reviewer"),
    "publish": ((State.APPROVED,), State.PUBLISHED, "approver"),
}
SIGN_OFF_ACTIONS = ("approve", "publish")


@transaction.atomic
def transition_case_study(
    *, user: User, slug: str, action: str, comment: str = "", ip_address: str | None = None
) -> CaseStudy:
    """Move the user's organisation's case study one step through its review.

    Takes a row lock, so two approvers cannot publish twice. Raises CaseStudy.DoesNotExist
    (unknown or not the user's), PermissionDenied (missing role; code `separation_of_duties`
    when the user edited or submitted it and would approve or publish it), ValidationError (the
    action does not apply to the state). Publishing writes the search text the library and the
    catalog search. Each step is one `case_study_reviewed` audit row whose `details.step` names
    it (with the states and the comment).
    """
    found = get_case_study_for_member(user=user, slug=slug)
    case_study = CaseStudy.objects.select_for_update().get(pk=found.pk)
    if action not in TRANSITIONS:
        raise ValidationError({"action": [_("Unknown action.")]}, code="invalid")
    from_states, to_state, role = TRANSITIONS[action]
    if case_study.state not in from_states:
        raise ValidationError(
            INVALID_TRANSITION % {"state": case_study.get_state_display(), "action": action},
            code="invalid_transition",
        )
    require_role(user=user, case_study=case_study, role=role, action=action)
    if action in SIGN_OFF_ACTIONS and has_worked_on_case_study(user=user, case_study=case_study):
        raise PermissionDenied(OWN_WORK, "separation_of_duties")
    from_state = case_study.state
    case_study.state = to_state
    if action == "publish":
        case_study.published_at = timezone.now()
    case_study.save(update_fields=["state", "published_at", "updated_at"])
    CaseStudyTransition.objects.create(
        case_study=case_study,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=user,
        comment=comment,
    )
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.CASE_STUDY_REVIEWED,
        actor=user,
        target_type="case_study",
        target_id=case_study.slug,
        ip_address=ip_address,
        details={"step": action, "from": from_state, "to": to_state, "comment": comment},
    )
    if action == "publish":
        write_search_text(case_study=case_study)
    return case_study


def allowed_actions(*, user: User, case_study: CaseStudy) -> list[str]:
    """The review actions the user may take on the case study now: its state allows them, the
    user holds the role, and no sign-off on their own work (the rules `transition_case_study`
    enforces; the SPA shows only these buttons)."""
    candidates = [
        (action, role)
        for action, (from_states, _to, role) in TRANSITIONS.items()
        if case_study.state in from_states
    ]
    if not candidates:
        return []
    held = {
        role
        for role in {role for _action, role in candidates}
        if case_study.organization_id
        in accounts_api.organization_ids_for_user(user=user, roles=(role,))
    }
    worked = any(action in SIGN_OFF_ACTIONS for action, role in candidates if role in held) and (
        has_worked_on_case_study(user=user, case_study=case_study)
    )
    return [
        action
        for action, role in candidates
        if role in held and not (action in SIGN_OFF_ACTIONS and worked)
    ]


def has_worked_on_case_study(*, user: User, case_study: CaseStudy) -> bool:
    """Whether the user edited the case study or submitted it at any round of review."""
    return (
        case_study.editors.filter(pk=user.pk).exists()
        or case_study.transitions.filter(action="submit", actor=user).exists()
    )
