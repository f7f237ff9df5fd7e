"""The public door of `certificates`: issuing, reading, sharing, revocation, notifications,
verification, the issuer's register and institution templates. Every function lives in a
module of its own concern (see certificates/README.md); other apps, views, tasks and commands
import only this module."""

from certificates.access import may_see_details, require_verifier
from certificates.achievements import issue_achievement_credential, read_achievement_pdf
from certificates.attendance import (
    issue_attendance_credential,
    list_attendance_credentials_for_user,
    revoke_attendance_credential,
)
from certificates.credential_checks import VerificationCheck, issuer_proof_checks
from certificates.credentials import (
    CLR_V2,
    CREDENTIALS_V2,
    OPEN_BADGES_V3,
    CredentialError,
    identity_hash,
)
from certificates.documents import certificate_document, read_pdf
from certificates.institution_templates import (
    IMAGE_MAX_BYTES,
    get_certificate_template,
    normalize_template_image,
    update_certificate_template,
)
from certificates.issuing import (
    issue_certificate,
    issue_for_prior_learning,
    sweep_missing_certificates,
)
from certificates.notifications import (
    notify_learner,
    notify_revocation,
    remind_expiring_certificates,
)
from certificates.public_verification import public_verification_answer
from certificates.registry import (
    did_document,
    issuer_profile,
    read_status_list,
    rotate_signing_key,
    sign_credential,
)
from certificates.rendering import CertificateDocument, render_certificate_pdf
from certificates.revocation import (
    reinstate_certificate,
    reissue_certificate,
    revoke_certificate,
)
from certificates.selectors import (
    STATUSES,
    CertificateState,
    HeldCredentials,
    certificate_status,
    get_certificate_for_user,
    get_certificate_state_for_user,
    list_certificates_for_staff,
    list_certificates_for_user,
    list_held_credentials_for_user,
    read_credential,
)
from certificates.sharing import linkedin_url, set_privacy, verification_url
from certificates.signals import certificate_issued, certificate_revoked
from certificates.signing import did_document_path
from certificates.template_files import open_template_image
from certificates.template_preview import render_template_preview
from certificates.template_signatories import (
    add_template_signatory,
    delete_template_signatory,
    reorder_template_signatories,
    update_template_signatory,
)
from certificates.verification import (
    Verification,
    verify_certificate,
    verify_certificate_for_cache,
    verify_certificates,
    verify_credential,
    verify_pdf,
)
from certificates.verification_cache import (
    forget_public_verification,
    public_verification_cache_name,
)

# Grouped by concern in the imports above and in certificates/README.md.
__all__ = [
    "CLR_V2",
    "CREDENTIALS_V2",
    "IMAGE_MAX_BYTES",
    "OPEN_BADGES_V3",
    "STATUSES",
    "CertificateDocument",
    "CertificateState",
    "CredentialError",
    "HeldCredentials",
    "Verification",
    "VerificationCheck",
    "add_template_signatory",
    "certificate_document",
    "certificate_issued",
    "certificate_revoked",
    "certificate_status",
    "delete_template_signatory",
    "did_document",
    "did_document_path",
    "forget_public_verification",
    "get_certificate_for_user",
    "get_certificate_state_for_user",
    "get_certificate_template",
    "identity_hash",
    "issue_achievement_credential",
    "issue_attendance_credential",
    "issue_certificate",
    "issue_for_prior_learning",
    "issuer_profile",
    "issuer_proof_checks",
    "linkedin_url",
    "list_attendance_credentials_for_user",
    "list_certificates_for_staff",
    "list_certificates_for_user",
    "list_held_credentials_for_user",
    "may_see_details",
    "normalize_template_image",
    "notify_learner",
    "notify_revocation",
    "open_template_image",
    "public_verification_answer",
    "public_verification_cache_name",
    "read_achievement_pdf",
    "read_credential",
    "read_pdf",
    "read_status_list",
    "reinstate_certificate",
    "reissue_certificate",
    "remind_expiring_certificates",
    "render_certificate_pdf",
    "render_template_preview",
    "reorder_template_signatories",
    "require_verifier",
    "revoke_attendance_credential",
    "revoke_certificate",
    "rotate_signing_key",
    "set_privacy",
    "sign_credential",
    "sweep_missing_certificates",
    "update_certificate_template",
    "update_template_signatory",
    "verification_url",
    "verify_certificate",
    "verify_certificate_for_cache",
    "verify_certificates",
    "verify_credential",
    "verify_pdf",
]
