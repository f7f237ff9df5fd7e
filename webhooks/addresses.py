"""Where a webhook may be sent: the URL's rules and the addresses its host resolves to.

Checked when an endpoint is registered and again before every attempt (a name can be made to
resolve elsewhere later: DNS rebinding); the attempt then connects to the address checked here,
never resolving the name a second time. Refused: anything but https (plain http only when
WEBHOOK_ALLOW_HTTP is on), credentials in the URL, and any address that is not public:
loopback, private, link-local (cloud metadata at 169.254.169.254), shared, reserved,
multicast, unspecified; and the platform's own host. WEBHOOK_ALLOW_LOOPBACK lets development
and tests reach a receiver on 127.0.0.1 / ::1 (never the platform's own port).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

__all__ = ["Target", "resolve_target"]

NOT_HTTPS = _("The URL must start with https://.")
NOT_HTTP = _("The URL must start with https:// or http://.")
NO_HOST = _("The URL has no host name.")
HAS_CREDENTIALS = _("The URL must not contain a user name or password.")
BAD_PORT = _("The URL's port is not valid.")
UNRESOLVABLE = _("The host name does not resolve to an address.")
NOT_PUBLIC = _("The host resolves to an address that is not public (%(address)s).")
PLATFORM_ITSELF = _("Webhooks cannot be sent to this platform itself.")

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Target:
    """A checked destination: connect to `address`, present `hostname` (TLS name and Host)."""

    scheme: str
    hostname: str
    port: int
    address: str
    path: str  # with its query string; "/" at least

    @property
    def host_header(self) -> str:
        name = f"[{self.hostname}]" if ":" in self.hostname else self.hostname
        default = 443 if self.scheme == "https" else 80
        return name if self.port == default else f"{name}:{self.port}"


def _refused(message: StrOrPromise, code: str, **params: str) -> ValidationError:
    return ValidationError({"url": [ValidationError(message, code=code, params=params)]})


def _plain(address: IpAddress) -> IpAddress:
    """An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_public(address: IpAddress) -> bool:
    # is_global is False for private, loopback, link-local, shared (100.64/10), reserved,
    # documentation and unspecified ranges; multicast needs its own test.
    return address.is_global and not address.is_multicast


def _addresses_of(hostname: str, port: int) -> list[IpAddress]:
    try:
        found = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    addresses: list[IpAddress] = []
    for _family, _type, _protocol, _name, sockaddr in found:
        address = _plain(ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0]))
        if address not in addresses:
            addresses.append(address)
    return addresses


def _platform_hosts() -> list[tuple[str, int]]:
    """(host name, port) of every origin the platform answers on."""
    hosts = []
    for url in (settings.PUBLIC_BASE_URL, settings.PACKAGE_CONTENT_ORIGIN):
        parts = urlsplit(url)
        if parts.hostname:
            default = 443 if parts.scheme == "https" else 80
            hosts.append((parts.hostname.lower(), parts.port or default))
    return hosts


def _is_platform(hostname: str, port: int, addresses: list[IpAddress]) -> bool:
    loopback_allowed = settings.WEBHOOK_ALLOW_LOOPBACK
    allowed_hosts = [host.lower() for host in settings.ALLOWED_HOSTS if host != "*"]
    # In development the platform and a test receiver share 127.0.0.1: then only the
    # platform's own ports are its.
    for host in allowed_hosts if not loopback_allowed else []:
        if hostname == host.lstrip(".") or (host.startswith(".") and hostname.endswith(host)):
            return True
    for host, platform_port in _platform_hosts():
        if loopback_allowed and port != platform_port:
            continue
        if hostname == host or set(addresses) & set(_addresses_of(host, platform_port)):
            return True
    return False


def _allowed(address: IpAddress) -> bool:
    return _is_public(address) or (settings.WEBHOOK_ALLOW_LOOPBACK and address.is_loopback)


def resolve_target(url: str) -> Target:
    """Check `url` and resolve its host now; return where to connect.

    Raises ValidationError on `url` (codes `scheme`, `no_host`, `credentials`, `port`,
    `unresolvable`, `not_public`, `platform`). Every address the name resolves to must be
    allowed, so a name with one public and one private address is refused."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme != "https" and not (scheme == "http" and settings.WEBHOOK_ALLOW_HTTP):
        raise _refused(NOT_HTTP if settings.WEBHOOK_ALLOW_HTTP else NOT_HTTPS, "scheme")
    if parts.username is not None or parts.password is not None:
        raise _refused(HAS_CREDENTIALS, "credentials")
    hostname = (parts.hostname or "").lower().rstrip(".")
    if not hostname:
        raise _refused(NO_HOST, "no_host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise _refused(BAD_PORT, "port") from error
    addresses = _addresses_of(hostname, port)
    if not addresses:
        raise _refused(UNRESOLVABLE, "unresolvable")
    for address in addresses:
        if not _allowed(address):
            raise _refused(NOT_PUBLIC, "not_public", address=str(address))
    if _is_platform(hostname, port, addresses):
        raise _refused(PLATFORM_ITSELF, "platform")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(scheme, hostname, port, str(addresses[0]), path)
