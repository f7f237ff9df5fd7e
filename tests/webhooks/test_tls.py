"""https receivers: the attempt connects to the checked address but verifies the certificate
for the URL's host name (SNI and hostname check), and refuses one it cannot trust."""

import datetime
import ipaddress
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from standardwebhooks.webhooks import Webhook

from accounts.models import User
from tests.webhooks.conftest import Receiver, _handler
from webhooks import api as webhooks_api


def _certificate(directory: Path, names: list[str]) -> tuple[Path, Path]:
    """A self-signed certificate (PEM) for `names` and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.UTC)
    alternatives: list[x509.GeneralName] = []
    for name in names:
        try:
            alternatives.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alternatives.append(x509.DNSName(name))
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_path = directory / "receiver.pem"
    key_path = directory / "receiver-key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path


@pytest.fixture
def tls_receiver(loopback_allowed: None, tmp_path: Path) -> Iterator[tuple[Receiver, Path]]:
    """A receiver on 127.0.0.1 speaking TLS with a certificate for `hooks.partner.test`."""
    certificate, key = _certificate(tmp_path, ["hooks.partner.test"])
    state = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    state.url = f"https://hooks.partner.test:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, certificate
    server.shutdown()
    server.server_close()


def _deliver(staff: dict[str, User], url: str) -> tuple[str, int | None, str]:
    endpoint, secret = webhooks_api.create_endpoint(
        user=staff["admin"], organization_slug="rhine", url=url, event_types=["certificate.issued"]
    )
    delivery = webhooks_api.send_test_delivery(
        user=staff["admin"], organization_slug="rhine", endpoint_id=endpoint.pk
    )
    attempted = webhooks_api.attempt_delivery(delivery_id=delivery.pk)
    assert attempted is not None
    return secret, attempted.last_response_status, attempted.last_error


def test_a_trusted_certificate_for_the_host_name_is_accepted_on_the_checked_address(
    staff: dict[str, User],
    tls_receiver: tuple[Receiver, Path],
    resolve_as: Callable[[dict[str, str]], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receiver, certificate = tls_receiver
    resolve_as({"hooks.partner.test": "127.0.0.1"})
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))  # trust the receiver's certificate

    secret, status, error = _deliver(staff, receiver.url)

    assert (status, error) == (200, "")
    [request] = receiver.requests
    assert request.headers["host"] == urlsplit(receiver.url).netloc
    Webhook(secret).verify(request.body, request.headers)


def test_an_untrusted_certificate_is_refused(
    staff: dict[str, User],
    tls_receiver: tuple[Receiver, Path],
    resolve_as: Callable[[dict[str, str]], None],
) -> None:
    receiver, _certificate_path = tls_receiver
    resolve_as({"hooks.partner.test": "127.0.0.1"})

    _secret, status, error = _deliver(staff, receiver.url)

    assert status is None
    assert "CERTIFICATE_VERIFY_FAILED" in error
    assert receiver.requests == []


def test_a_certificate_for_another_name_is_refused(
    staff: dict[str, User],
    tls_receiver: tuple[Receiver, Path],
    resolve_as: Callable[[dict[str, str]], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receiver, certificate = tls_receiver
    resolve_as({"other.partner.test": "127.0.0.1"})
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))

    _secret, status, error = _deliver(
        staff, receiver.url.replace("hooks.partner.test", "other.partner.test")
    )

    assert status is None
    assert "other.partner.test" in error or "hostname" in error.lower()
    assert receiver.requests == []
