"""URLs of certificates and verification, mounted under /api/v1/."""

from django.urls import path

from certificates import views

urlpatterns = [
    path("certificates/", views.CertificateListView.as_view(), name="certificate-list"),
    path(
        "enrollments/<int:enrollment_id>/certificate",
        views.EnrollmentCertificateView.as_view(),
        name="enrollment-certificate",
    ),
    path(
        "certificates/prior-learning",
        views.PriorLearningView.as_view(),
        name="certificate-prior-learning",
    ),
    path(
        "certificates/<uuid:certificate_id>/",
        views.CertificateDetailView.as_view(),
        name="certificate-detail",
    ),
    path(
        "certificates/<uuid:certificate_id>/pdf",
        views.CertificatePdfView.as_view(),
        name="certificate-pdf",
    ),
    path(
        "certificates/<uuid:certificate_id>/revoke",
        views.RevokeView.as_view(),
        name="certificate-revoke",
    ),
    path(
        "certificates/<uuid:certificate_id>/reinstate",
        views.ReinstateView.as_view(),
        name="certificate-reinstate",
    ),
    path(
        "certificates/<uuid:certificate_id>/reissue",
        views.ReissueView.as_view(),
        name="certificate-reissue",
    ),
    path(
        "credentials/status/<int:status_list_id>",
        views.StatusListView.as_view(),
        name="status-list",
    ),
    path(
        "credentials/<uuid:certificate_id>",
        views.CredentialView.as_view(),
        name="credential",
    ),
    path(
        "institution/certificates/",
        views.StaffCertificateListView.as_view(),
        name="institution-certificate-list",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template",
        views.CertificateTemplateView.as_view(),
        name="institution-certificate-template",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/signatories",
        views.CertificateSignatoryListView.as_view(),
        name="institution-certificate-template-signatories",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/signatories/order",
        views.CertificateSignatoryOrderView.as_view(),
        name="institution-certificate-template-signatory-order",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/signatories/<int:signatory_id>",
        views.CertificateSignatoryDetailView.as_view(),
        name="institution-certificate-template-signatory",
    ),
    path(
        "institution/<slug:organization_slug>/certificate-template/preview",
        views.CertificateTemplatePreviewView.as_view(),
        name="institution-certificate-template-preview",
    ),
    path("verify", views.VerifyUploadView.as_view(), name="verify-upload"),
    path("verify/bulk", views.VerifyBulkView.as_view(), name="verify-bulk"),
    path("verify/credential", views.VerifyCredentialView.as_view(), name="verify-credential"),
    path("verify/<str:certificate_id>", views.VerifyByIdView.as_view(), name="verify-id"),
]
