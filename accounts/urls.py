"""URLs of the accounts API, mounted under /api/v1/."""

from django.urls import path

from accounts import notification_views, views

urlpatterns = [
    path("auth/csrf", views.CsrfView.as_view(), name="auth-csrf"),
    path("auth/register", views.RegisterView.as_view(), name="auth-register"),
    path("auth/confirm-email", views.ConfirmEmailView.as_view(), name="auth-confirm-email"),
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/session", views.SessionView.as_view(), name="auth-session"),
    path("auth/me", views.MeView.as_view(), name="auth-me"),
    path("auth/tokens", views.TokenListCreateView.as_view(), name="auth-tokens"),
    path("auth/tokens/<uuid:token_id>", views.TokenDetailView.as_view(), name="auth-token"),
    path("auth/password-reset", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "auth/password-reset/confirm",
        views.PasswordResetConfirmView.as_view(),
        name="auth-password-reset-confirm",
    ),
    path(
        "notifications/",
        notification_views.NotificationListView.as_view(),
        name="notification-list",
    ),
    path(
        "notifications/unread-count",
        notification_views.UnreadCountView.as_view(),
        name="notification-unread-count",
    ),
    path("notifications/read", notification_views.MarkReadView.as_view(), name="notification-read"),
    path("audit-events/", views.AuditEventListView.as_view(), name="audit-event-list"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
]
