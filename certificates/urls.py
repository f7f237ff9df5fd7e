"""URLs of certificates and verification, mounted under /api/v1/."""

from django.urls import path

from certificates.views import holder, staff, templates, verification

urlpatterns = [
    path("certificates/", holder.CertificateListView.as_view(), name="certificate-list"),
    path(
        "enrollments/<int:enrollment_id>/certificate",
        holder.EnrollmentCertificateView.as_view(),
        name="enrollment-certificate",
    ),
    path(
        "certificates/prior-learning",
        staff.PriorLearningView.as_view(),
        name="certificate-prior-learning",
    ),
    path(
        "certificates/<uuid:certificate_id>/",
        holder.CertificateDetailView.as_view(),
        name="certificate-detail",
    ),
    path(
        "certificates/<uuid:certificate_id>/pdf",
        holder.CertificatePdfView.as_view(),
        name="certificate-pdf",
    ),
    path(
        "certificates/<uuid:certificate_id>/revoke",
        staff.RevokeView.as_view(),
        name="certificate-revoke",
    ),
    path(
        "certificates/<uuid:certificate_id>/reinstate",
        staff.ReinstateView.as_view(),
        name="certificate-reinstate",
    ),
    path(
        "certificates/<uuid:certificate_id>/reissue",
        staff.ReissueView.as_view(),
        name="certificate-reissue",
    ),
    path(
        "credentials/status/<int:status_list_id>",
        verification.StatusListView.as_view(),
        name="status-list",
    ),
    path(
        "credentials/<uuid:certificate_id>",
        verification.CredentialView.as_view(),
        name="credential",
    ),
    path(
        "institution/certificates/",
        staff.StaffCertificateListView.as_view(),
        name="institution-certificate-list",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template",
        templates.CertificateTemplateView.as_view(),
        name="institution-certificate-template",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/signatories",
        templates.CertificateSignatoryListView.as_view(),
        name="institution-certificate-template-signatories",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/signatories/order",
        templates.CertificateSignatoryOrderView.as_view(),
        name="institution-certificate-template-signatory-order",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/signatories/<int:signatory_id>",
        templates.CertificateSignatoryDetailView.as_view(),
        name="institution-certificate-template-signatory",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/preview",
        templates.CertificateTemplatePreviewView.as_view(),
        name="institution-certificate-template-preview",
    ),
    path("verify", verification.VerifyUploadView.as_view(), name="verify-upload"),
    path("verify/bulk", verification.VerifyBulkView.as_view(), name="verify-bulk"),
    path(
        "verify/credential", verification.VerifyCredentialView.as_view(), name="verify-credential"
    ),
    path("verify/<str:certificate_id>", verification.VerifyByIdView.as_view(), name="verify-id"),
]
