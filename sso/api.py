"""The door of sso: provider configuration, the sign-in buttons, provisioning, the redirects."""

from sso.oidc.discovery import Discovery, ProviderUnavailable
from sso.oidc.views import failure_redirect, start_oidc_login
from sso.providers import (
    create_provider,
    delete_provider,
    get_provider_for_admin,
    list_providers_for_admin,
    list_sign_in_providers,
    test_discovery,
    update_provider,
)
from sso.provisioning import Assertion, sign_in_external
from sso.saml.metadata import IdpMetadataSummary, validate_idp_metadata
from sso.saml.views import start_saml_login

__all__ = [
    "Assertion",
    "Discovery",
    "IdpMetadataSummary",
    "ProviderUnavailable",
    "create_provider",
    "delete_provider",
    "failure_redirect",
    "get_provider_for_admin",
    "list_providers_for_admin",
    "list_sign_in_providers",
    "sign_in_external",
    "start_oidc_login",
    "start_saml_login",
    "test_discovery",
    "update_provider",
    "validate_idp_metadata",
]
