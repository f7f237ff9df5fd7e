"""Answer signed-in users in their saved language when the request names none."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class PreferredLanguageMiddleware:
    """After LocaleMiddleware: a session user's `preferred_language` is the language of a
    request that sends no Accept-Language.

    A request that names a language is answered in it: the web app sends the language its
    interface is in, which may differ from the one saved in the profile (another device, a
    switch not yet saved), and its messages must match the screen they appear on.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.preferred_language
            and not request.headers.get("Accept-Language", "").strip()
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
