"""The document signer: the key that seals, its certificate and chain, loaded from PEM files,
and pyHanko's signer for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

PrivateKey = ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey


@dataclass(frozen=True, eq=False)
class DocumentSigner:
    """The key that seals certificate PDFs, its certificate, and the CA certificates above it
    (issuing CA first, root last). Compared by identity: one instance per loaded key."""

    private_key: PrivateKey = field(repr=False)
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


def load_certificates(path: str | Path) -> tuple[x509.Certificate, ...]:
    """Every certificate in a PEM file, in file order. Raises OSError or ValueError."""
    return tuple(x509.load_pem_x509_certificates(Path(path).read_bytes()))


def load_document_signer(
    *, key_file: str | Path, cert_file: str | Path, chain_file: str | Path
) -> DocumentSigner:
    """The document signer from PEM files: an unencrypted PKCS#8 private key, its certificate,
    and the CA certificates above it. Raises OSError when a file cannot be read, ValueError when
    one does not hold what it should or the key does not belong to the certificate."""
    private_key = serialization.load_pem_private_key(Path(key_file).read_bytes(), password=None)
    if not isinstance(private_key, PrivateKey):
        raise ValueError(f"{key_file}: unsupported key type {type(private_key).__name__}.")
    certificate = x509.load_pem_x509_certificate(Path(cert_file).read_bytes())
    if private_key.public_key() != certificate.public_key():
        raise ValueError(f"{key_file} is not the private key of the certificate in {cert_file}.")
    return DocumentSigner(
        private_key=private_key, certificate=certificate, chain=load_certificates(chain_file)
    )


def asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


@lru_cache(maxsize=8)
def pyhanko_signer(signer: DocumentSigner) -> signers.SimpleSigner:
    """pyHanko's signer for a document signer, built once per loaded key."""
    key_info = asn1_keys.PrivateKeyInfo.load(
        signer.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=asn1_certificate(signer.certificate),
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_certificate(certificate) for certificate in signer.chain]
        ),
    )
