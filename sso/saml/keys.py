"""The service provider's own signing key and certificate (SAML_SP_KEY_FILE, SAML_SP_CERT_FILE)."""

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["ServiceProviderKeys", "service_provider_keys", "write_key_pair"]

# Identity providers check signatures with the certificate in our metadata, not a chain: a
# self-signed certificate is what SAML deployments exchange. Long-lived, as IdPs pin it.
_LIFETIME = datetime.timedelta(days=3650)


@dataclass(frozen=True)
class ServiceProviderKeys:
    """Paths of the PEM files pysaml2 (and xmlsec1) read."""

    key_file: Path
    cert_file: Path


def service_provider_keys() -> ServiceProviderKeys:
    """The configured key pair. In development (DEBUG) a missing pair is made at first use;
    otherwise a missing setting or file raises ImproperlyConfigured."""
    key_setting = settings.SAML_SP_KEY_FILE
    cert_setting = settings.SAML_SP_CERT_FILE
    if not key_setting or not cert_setting:
        raise ImproperlyConfigured("SAML_SP_KEY_FILE and SAML_SP_CERT_FILE must be set for SAML.")
    keys = ServiceProviderKeys(key_file=Path(key_setting), cert_file=Path(cert_setting))
    if keys.key_file.exists() and keys.cert_file.exists():
        return keys
    if not settings.DEBUG:
        raise ImproperlyConfigured(f"{keys.key_file} or {keys.cert_file} does not exist.")
    return write_key_pair(keys, common_name="ICIM Academy SAML service provider (development)")


def write_key_pair(keys: ServiceProviderKeys, *, common_name: str) -> ServiceProviderKeys:
    """A new RSA 2048 key and a self-signed certificate for it, written to `keys` (the private
    key readable by the owner only). Raises OSError when the directory cannot be written."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(tz=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + _LIFETIME)
        .sign(key, hashes.SHA256())
    )
    keys.key_file.parent.mkdir(parents=True, exist_ok=True)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(keys.key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as key_out:
        key_out.write(key_pem)
    keys.cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return keys
