"""Single sign-on: an organisation's OpenID Connect or SAML 2.0 identity provider."""
