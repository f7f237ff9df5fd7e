"""The public door of `lti` (see lti/README.md): platform registration (by command or LTI
Dynamic Registration), launches, deep linking, grades back to the LMS and its class list."""

from lti.deep_linking import (
    DEEP_LINKING_CLAIM,
    Choice,
    deep_link_choices,
    deep_linking_response,
    sign_deep_linking_request,
)
from lti.dynamic_registration import (
    REGISTRATION_LINK_SECONDS,
    ToolUrls,
    create_registration_link,
    register_with_platform,
    registration_link_organization,
)
from lti.grades import PlatformUnavailable, grade_links_for_enrollment, send_grade
from lti.launches import (
    CLAIM,
    COURSE_PARAMETER,
    LESSON_PARAMETER,
    LaunchResult,
    account_for_subject,
    is_instructor,
    linked_course,
    open_resource_launch,
    spend_ticket,
)
from lti.platform_storage import PROOF_FIELD, StorageCheck, forget_storage_offered
from lti.protocol import (
    LaunchRefused,
    LoginStart,
    launch_storage_check,
    start_login,
    validate_launch,
)
from lti.refusals import REFUSAL_MESSAGES, record_refusal
from lti.registrations import ensure_tool_key, register_platform, tool_jwks
from lti.roster import RosterMember, context_roster
from lti.statements import record_launch_statement

__all__ = [
    "CLAIM",
    "COURSE_PARAMETER",
    "DEEP_LINKING_CLAIM",
    "LESSON_PARAMETER",
    "PROOF_FIELD",
    "REFUSAL_MESSAGES",
    "REGISTRATION_LINK_SECONDS",
    "Choice",
    "LaunchRefused",
    "LaunchResult",
    "LoginStart",
    "PlatformUnavailable",
    "RosterMember",
    "StorageCheck",
    "ToolUrls",
    "account_for_subject",
    "context_roster",
    "create_registration_link",
    "deep_link_choices",
    "deep_linking_response",
    "ensure_tool_key",
    "forget_storage_offered",
    "grade_links_for_enrollment",
    "is_instructor",
    "launch_storage_check",
    "linked_course",
    "open_resource_launch",
    "record_launch_statement",
    "record_refusal",
    "register_platform",
    "register_with_platform",
    "registration_link_organization",
    "send_grade",
    "sign_deep_linking_request",
    "spend_ticket",
    "start_login",
    "tool_jwks",
    "validate_launch",
]
