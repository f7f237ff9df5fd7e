"""Django's sign-in backend, refusing accounts whose e-mail address is not confirmed yet."""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class ConfirmedEmailBackend(ModelBackend):
    """ModelBackend (e-mail and password, active accounts) for confirmed addresses only.

    One rule for every door: the API's session sign-in, token creation, the admin's sign-in form
    and every request of an existing session (`get_user` asks the same question), so an account
    registered by someone who does not own the address cannot be used at all.
    """

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and (
            getattr(user, "email_confirmed_at", None) is not None
        )
