"""DRF authentication for machine clients: `Authorization: Bearer <token>`."""

from django.utils.translation import gettext_lazy
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts import api as accounts_api
from accounts.models import User
from config.cache import keep_read_ahead

INVALID_TOKEN = gettext_lazy("Invalid, expired or revoked token.")
MALFORMED_HEADER = gettext_lazy("Malformed Authorization header: use 'Bearer <token>'.")


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate a request by one of the hashed, revocable tokens in `accounts.ApiToken`."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(MALFORMED_HEADER)
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(MALFORMED_HEADER) from error
        # A view may name cache entries its service will need: read in the token's round trip.
        view = (request.parser_context or {}).get("view")
        prefetch = getattr(view, "authentication_prefetch_names", None)
        names = prefetch(request) if prefetch is not None else []
        user, found = accounts_api.authenticate_token_and_read(secret=secret, cache_keys=names)
        if user is None:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        if names:
            keep_read_ahead(request, found)
        return user, None

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
