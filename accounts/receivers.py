"""Keeps the cache of authenticated bearer tokens honest: any change to a token or its user
(admin edits included) stops serving that user's tokens from the cache."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts import api as accounts_api
from accounts.models import ApiToken, User


@receiver(post_save, sender=ApiToken, dispatch_uid="accounts.forget_saved_token")
@receiver(post_delete, sender=ApiToken, dispatch_uid="accounts.forget_deleted_token")
def forget_token(sender: Any, instance: ApiToken, **kwargs: Any) -> None:
    if kwargs.get("created"):
        return  # a new token was never cached
    accounts_api.forget_api_tokens(digests=[instance.digest])


@receiver(post_save, sender=User, dispatch_uid="accounts.forget_tokens_of_saved_user")
@receiver(post_delete, sender=User, dispatch_uid="accounts.forget_tokens_of_deleted_user")
def forget_tokens_of_user(sender: Any, instance: User, **kwargs: Any) -> None:
    if kwargs.get("created") or kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # a new user has no token; signing in changes nothing a token request reads
    accounts_api.forget_api_tokens(
        digests=list(ApiToken.objects.filter(user_id=instance.pk).values_list("digest", flat=True))
    )
