"""OpenID Connect sign-in with an organisation's own provider (mozilla-django-oidc)."""
