"""Which issuer and endpoint URLs the platform may fetch: https on a public address only.

An organisation's administrator types the issuer, and the platform then fetches it and the
endpoints its discovery document names, so without this check a provider's configuration could
make the server reach its own network (SSRF). Every address the host name resolves to must be
public (not loopback, private, link-local, shared, reserved, multicast). SSO_ALLOW_LOOPBACK_ISSUERS
lets development and tests use a provider on 127.0.0.1 / ::1, over plain http too. The same
rules as webhooks/addresses.py, which sits above sso and so cannot be imported here.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = ["check_fetchable_url"]

NOT_HTTPS = _("The address must start with https://.")
NO_HOST = _("The address has no host name.")
HAS_CREDENTIALS = _("The address must not contain a user name or password.")
UNRESOLVABLE = _("The host name does not resolve to an address.")
NOT_PUBLIC = _("The host resolves to an address that is not public (%(address)s).")

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _addresses_of(hostname: str, port: int) -> list[IpAddress]:
    try:
        found = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    addresses: list[IpAddress] = []
    for _family, _type, _protocol, _name, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        addresses.append(address)
    return addresses


def _allowed(address: IpAddress) -> bool:
    if settings.SSO_ALLOW_LOOPBACK_ISSUERS and address.is_loopback:
        return True
    # is_global is False for private, loopback, link-local, shared and reserved ranges.
    return address.is_global and not address.is_multicast


def check_fetchable_url(url: str) -> None:
    """Raise ValidationError (codes `scheme`, `no_host`, `credentials`, `unresolvable`,
    `not_public`) unless the platform may fetch `url`. The name is resolved now; plain http
    only towards loopback when SSO_ALLOW_LOOPBACK_ISSUERS is on."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if parts.username is not None or parts.password is not None:
        raise ValidationError(HAS_CREDENTIALS, code="credentials")
    hostname = (parts.hostname or "").lower().rstrip(".")
    if scheme not in ("https", "http"):
        raise ValidationError(NOT_HTTPS, code="scheme")
    if not hostname:
        raise ValidationError(NO_HOST, code="no_host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise ValidationError(NO_HOST, code="no_host") from error
    addresses = _addresses_of(hostname, port)
    if not addresses:
        raise ValidationError(UNRESOLVABLE, code="unresolvable")
    for address in addresses:
        if not _allowed(address):
            raise ValidationError(NOT_PUBLIC, code="not_public", params={"address": str(address)})
    if scheme == "http" and not all(address.is_loopback for address in addresses):
        raise ValidationError(NOT_HTTPS, code="scheme")
