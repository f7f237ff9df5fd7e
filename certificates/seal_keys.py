"""Where the PDF seal's key comes from: the configured PEM files, or a development CA made here.

Production configures `PDF_SEAL_KEY_FILE`, `PDF_SEAL_CERT_FILE` and `PDF_SEAL_CHAIN_FILE` (a key
and certificate issued by the coalition's CA). Development defaults to files in `var/keys/`,
created on first use by `write_development_keys` (also behind `manage.py create_signing_ca`), so
that a newcomer's `make run` seals certificates without any setup.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from certificates.sealing import DocumentSigner, load_certificates, load_document_signer

__all__ = [
    "CA_CERT_FILENAME",
    "CA_KEY_FILENAME",
    "NOT_CONFIGURED",
    "SEAL_CERT_FILENAME",
    "SEAL_KEY_FILENAME",
    "DevelopmentKeys",
    "get_document_signer",
    "get_trusted_seal_roots",
    "write_development_keys",
]

CA_KEY_FILENAME = "seal-ca-key.pem"
CA_CERT_FILENAME = "seal-ca.pem"
SEAL_KEY_FILENAME = "seal-key.pem"
SEAL_CERT_FILENAME = "seal-cert.pem"

# id-kp-documentSigning (RFC 9336). emailProtection as well: poppler's pdfsig checks a signer
# with NSS under the "email signer" usage, which refuses a certificate whose extended key usage
# lacks it.
_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
_CA_LIFETIME = datetime.timedelta(days=20 * 365)
_SEAL_LIFETIME = datetime.timedelta(days=10 * 365)
# Certificates are valid from a little before their making, so that a clock slightly behind on
# another machine does not see them as not yet valid.
_BACKDATE = datetime.timedelta(hours=1)
_PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class DevelopmentKeys:
    """The files of a development seal CA, and whether this call wrote them."""

    ca_key_file: Path
    ca_cert_file: Path
    seal_key_file: Path
    seal_cert_file: Path
    was_created: bool

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.ca_key_file, self.ca_cert_file, self.seal_key_file, self.seal_cert_file)


def write_development_keys(
    directory: Path, *, organisation: str = "ICIM Academy (development)", force: bool = False
) -> DevelopmentKeys:
    """A self-signed ECDSA P-256 CA and a document-signing certificate it issued, as PEM files
    in `directory` (private keys readable by the owner only).

    Idempotent: when all four files exist they are kept unless `force` is set, in which case a
    new CA and certificate replace them (PDFs sealed with the old ones then fail verification
    against the new CA). Raises FileExistsError when only some of the files exist, since mixing
    a new key with an old certificate would make every seal fail; OSError when the directory
    cannot be written.
    """
    keys = DevelopmentKeys(
        ca_key_file=directory / CA_KEY_FILENAME,
        ca_cert_file=directory / CA_CERT_FILENAME,
        seal_key_file=directory / SEAL_KEY_FILENAME,
        seal_cert_file=directory / SEAL_CERT_FILENAME,
        was_created=False,
    )
    existing = [path for path in keys.files if path.exists()]
    if not force and len(existing) == len(keys.files):
        return keys
    if not force and existing:
        raise FileExistsError(
            f"Only some of the seal key files exist in {directory} "
            f"({', '.join(path.name for path in existing)}); use --force to make a new set."
        )

    now = datetime.datetime.now(tz=datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} Seal CA"),
        ]
    )
    ca_certificate = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + _CA_LIFETIME)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal_certificate = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                    x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} Certificate Seal"),
                ]
            )
        )
        .issuer_name(ca_name)
        .public_key(seal_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + _SEAL_LIFETIME)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([_DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(seal_key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )

    directory.mkdir(parents=True, exist_ok=True)
    _write(keys.ca_key_file, _private_pem(ca_key), private=True)
    _write(keys.ca_cert_file, ca_certificate.public_bytes(serialization.Encoding.PEM))
    _write(keys.seal_key_file, _private_pem(seal_key), private=True)
    _write(keys.seal_cert_file, seal_certificate.public_bytes(serialization.Encoding.PEM))
    return replace(keys, was_created=True)


def _key_usage(
    *,
    digital_signature: bool = False,
    content_commitment: bool = False,
    key_cert_sign: bool = False,
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,  # a.k.a. nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=key_cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write(path: Path, content: bytes, *, private: bool = False) -> None:
    """Write a file; a private one is created owner-only, never readable for an instant."""
    path.unlink(missing_ok=True)
    descriptor = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE_FILE_MODE if private else 0o644
    )
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)


# --- configured signer --------------------------------------------------------------------------

NOT_CONFIGURED = (
    "PDF_SEAL_KEY_FILE, PDF_SEAL_CERT_FILE and PDF_SEAL_CHAIN_FILE must be set to seal "
    "certificate PDFs (see .env.example); only development (DJANGO_DEBUG=true) makes its own CA."
)


def get_document_signer() -> DocumentSigner:
    """The signer that seals certificate PDFs, loaded once per process from the configured
    files. In development, missing default files are created first (a self-made CA).

    Raises django's ImproperlyConfigured when the files are not configured outside
    development, or cannot be read or do not match.
    """
    files = _configured_files()
    return _load_signer(*files, modified=_modification_times(files))


def get_trusted_seal_roots() -> tuple[x509.Certificate, ...]:
    """The CA certificates a seal must chain to (every certificate in `PDF_SEAL_CHAIN_FILE` is
    a trust anchor), loaded once per process; in development, created first when missing.
    Needs no private key, so verification can run where the key is not deployed.
    Raises ImproperlyConfigured."""
    if settings.DEBUG:
        _configured_files()
    if not settings.PDF_SEAL_CHAIN_FILE:
        raise ImproperlyConfigured(NOT_CONFIGURED)
    chain_file = settings.PDF_SEAL_CHAIN_FILE
    return _load_roots(chain_file, modified=_modification_times((chain_file,)))


def _configured_files() -> tuple[str, str, str]:
    files = (settings.PDF_SEAL_KEY_FILE, settings.PDF_SEAL_CERT_FILE, settings.PDF_SEAL_CHAIN_FILE)
    if not all(files):
        raise ImproperlyConfigured(NOT_CONFIGURED)
    if settings.DEBUG and not all(Path(path).exists() for path in files):
        _create_development_keys(*(Path(path) for path in files))
    return files


def _create_development_keys(key_file: Path, cert_file: Path, chain_file: Path) -> None:
    """Make the development CA where the settings expect it (the default file names in one
    directory); configured paths elsewhere are the developer's own and are not invented."""
    directory = key_file.parent
    expected = (
        directory / SEAL_KEY_FILENAME,
        directory / SEAL_CERT_FILENAME,
        directory / CA_CERT_FILENAME,
    )
    if (key_file, cert_file, chain_file) == expected:
        write_development_keys(directory)


def _modification_times(files: tuple[str, ...]) -> tuple[int, ...]:
    """Part of the cache key, so that keys replaced on disk (`--force`) are loaded again."""
    return tuple(Path(path).stat().st_mtime_ns if Path(path).exists() else 0 for path in files)


@lru_cache(maxsize=4)
def _load_signer(
    key_file: str, cert_file: str, chain_file: str, *, modified: tuple[int, ...]
) -> DocumentSigner:
    try:
        return load_document_signer(key_file=key_file, cert_file=cert_file, chain_file=chain_file)
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"The PDF seal key cannot be loaded: {error}") from error


@lru_cache(maxsize=4)
def _load_roots(chain_file: str, *, modified: tuple[int, ...]) -> tuple[x509.Certificate, ...]:
    try:
        roots = load_certificates(chain_file)
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(
            f"The PDF seal CA certificates cannot be loaded: {error}"
        ) from error
    if not roots:
        raise ImproperlyConfigured(f"{chain_file} holds no certificate.")
    return roots
