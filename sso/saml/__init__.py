"""SAML 2.0 sign-in: the platform as a service provider of each organisation's SAML IdP."""
