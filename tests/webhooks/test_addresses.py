"""No SSRF: where an endpoint may point, checked at registration and again at delivery."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from pytest_django.fixtures import Settings as SettingsWrapper

from accounts.models import User
from tests.webhooks.conftest import Receiver
from webhooks import api as webhooks_api
from webhooks.models import Delivery, Endpoint

PUBLIC = "93.184.215.14"


def _register(staff: dict[str, User], url: str) -> Endpoint:
    endpoint, _secret = webhooks_api.create_endpoint(
        user=staff["admin"],
        organization_slug="rhine",
        url=url,
        event_types=["certificate.issued"],
    )
    return endpoint


def _code(error: ValidationError) -> str:
    return error.error_dict["url"][0].code or ""


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://127.0.0.1/hooks", "not_public"),
        ("https://127.8.9.10:8443/hooks", "not_public"),
        ("https://10.1.2.3/hooks", "not_public"),
        ("https://192.168.0.10/hooks", "not_public"),
        ("https://172.16.5.4/hooks", "not_public"),
        ("https://100.64.0.1/hooks", "not_public"),  # carrier-grade NAT
        ("https://169.254.169.254/latest/meta-data/", "not_public"),  # cloud metadata
        ("https://[::1]/hooks", "not_public"),
        ("https://[::ffff:127.0.0.1]/hooks", "not_public"),
        ("https://[fe80::1]/hooks", "not_public"),
        ("https://[fd00::1]/hooks", "not_public"),
        ("https://224.0.0.1/hooks", "not_public"),
        ("https://0.0.0.0/hooks", "not_public"),
        ("https://localhost/hooks", "not_public"),  # a name that resolves to loopback
        ("http://93.184.215.14/hooks", "scheme"),
        ("ftp://93.184.215.14/hooks", "scheme"),
        ("https://user:secret@93.184.215.14/hooks", "credentials"),
        ("https:///hooks", "no_host"),
        ("https://no-such-host.invalid/hooks", "unresolvable"),
    ],
)
def test_registration_refuses_what_is_not_a_public_https_address(
    staff: dict[str, User], url: str, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _register(staff, url)

    assert _code(refused.value) == code
    assert Endpoint.objects.count() == 0


def test_a_name_resolving_to_a_private_address_is_refused(
    staff: dict[str, User], resolve_as: Callable[[dict[str, str]], None]
) -> None:
    resolve_as({"hooks.partner.example": "10.20.30.40"})

    with pytest.raises(ValidationError) as refused:
        _register(staff, "https://hooks.partner.example/icim")

    assert _code(refused.value) == "not_public"
    assert "10.20.30.40" in str(refused.value)
    assert Endpoint.objects.count() == 0


def test_the_platform_itself_is_refused(
    staff: dict[str, User],
    settings: SettingsWrapper,
    resolve_as: Callable[[dict[str, str]], None],
) -> None:
    settings.PUBLIC_BASE_URL = "https://academy.example.org"
    resolve_as({"academy.example.org": PUBLIC, "alias.example.net": PUBLIC})

    for url in ("https://academy.example.org/api/v1/auth/me", "https://alias.example.net/x"):
        with pytest.raises(ValidationError) as refused:
            _register(staff, url)
        assert _code(refused.value) == "platform"
    assert Endpoint.objects.count() == 0


def test_a_public_https_address_is_accepted(
    staff: dict[str, User], resolve_as: Callable[[dict[str, str]], None]
) -> None:
    resolve_as({"hooks.partner.example": PUBLIC})

    endpoint = _register(staff, "https://hooks.partner.example/icim?source=academy")

    assert endpoint.url == "https://hooks.partner.example/icim?source=academy"
    target = webhooks_api.resolve_target(endpoint.url)
    assert (target.address, target.port, target.path, target.host_header) == (
        PUBLIC,
        443,
        "/icim?source=academy",
        "hooks.partner.example",
    )


def test_a_name_rebound_to_loopback_after_registration_is_refused_at_delivery(
    staff: dict[str, User], resolve_as: Callable[[dict[str, str]], None]
) -> None:
    resolve_as({"hooks.partner.example": PUBLIC})
    endpoint = _register(staff, "https://hooks.partner.example/icim")
    delivery = webhooks_api.send_test_delivery(
        user=staff["admin"], organization_slug="rhine", endpoint_id=endpoint.pk
    )
    resolve_as({"hooks.partner.example": "127.0.0.1"})

    attempted = webhooks_api.attempt_delivery(delivery_id=delivery.pk)

    assert attempted is not None
    assert (attempted.state, attempted.attempt_count, attempted.last_response_status) == (
        Delivery.State.PENDING,
        1,
        None,
    )
    assert attempted.last_error == "The host resolves to an address that is not public (127.0.0.1)."


def test_loopback_allowed_only_while_the_setting_is_on_even_for_registered_endpoints(
    staff: dict[str, User], receiver: Receiver, settings: SettingsWrapper
) -> None:
    endpoint = _register(staff, receiver.url)
    delivery = webhooks_api.send_test_delivery(
        user=staff["admin"], organization_slug="rhine", endpoint_id=endpoint.pk
    )
    settings.WEBHOOK_ALLOW_LOOPBACK = False

    attempted = webhooks_api.attempt_delivery(delivery_id=delivery.pk)

    assert attempted is not None
    assert attempted.last_response_status is None
    assert attempted.last_error.startswith("The host resolves to an address that is not public")
    assert receiver.requests == []
