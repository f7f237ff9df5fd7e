"""The deployment check: development allowances for webhook targets are refused in production."""

import pytest
from pytest_django.fixtures import Settings

from webhooks.checks import check_webhook_targets


@pytest.mark.parametrize(("allow_http", "allow_loopback"), [(True, False), (False, True)])
def test_an_allowance_outside_development_is_an_error(
    settings: Settings, allow_http: bool, allow_loopback: bool
) -> None:
    settings.DEBUG = False
    settings.WEBHOOK_ALLOW_HTTP = allow_http
    settings.WEBHOOK_ALLOW_LOOPBACK = allow_loopback

    assert [message.id for message in check_webhook_targets()] == ["webhooks.E001"]


def test_production_defaults_and_development_pass(settings: Settings) -> None:
    settings.DEBUG = False
    settings.WEBHOOK_ALLOW_HTTP = False
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    assert check_webhook_targets() == []

    settings.DEBUG = True
    settings.WEBHOOK_ALLOW_HTTP = True
    assert check_webhook_targets() == []
