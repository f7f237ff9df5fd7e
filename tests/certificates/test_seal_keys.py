"""The seal's keys: the development CA on disk, the configured signer, the command (no database)."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from pytest_django.fixtures import Settings

from certificates import seal_keys
from certificates.seal_keys import write_development_keys

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Signers are loaded once per process; each test starts from its own files."""
    seal_keys._load_signer.cache_clear()
    seal_keys._load_roots.cache_clear()
    yield
    seal_keys._load_signer.cache_clear()
    seal_keys._load_roots.cache_clear()


def contents(paths: tuple[Path, ...]) -> list[bytes]:
    return [path.read_bytes() for path in paths]


def test_the_development_ca_issues_a_document_signing_certificate(tmp_path: Path) -> None:
    keys = write_development_keys(tmp_path)

    ca = x509.load_pem_x509_certificate(keys.ca_cert_file.read_bytes())
    seal = x509.load_pem_x509_certificate(keys.seal_cert_file.read_bytes())
    seal_usage = seal.extensions.get_extension_for_class(x509.KeyUsage).value
    assert keys.was_created
    assert ca.subject == ca.issuer == seal.issuer
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert seal.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    seal.verify_directly_issued_by(ca)
    assert isinstance(seal.public_key(), ec.EllipticCurvePublicKey)
    assert seal.public_key().curve.name == "secp256r1"  # type: ignore[union-attr]
    assert (seal_usage.digital_signature, seal_usage.content_commitment) == (True, True)
    assert (seal_usage.key_cert_sign, seal_usage.key_encipherment) == (False, False)
    assert list(seal.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        DOCUMENT_SIGNING,
        ExtendedKeyUsageOID.EMAIL_PROTECTION,
    ]


def test_private_keys_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    keys = write_development_keys(tmp_path)

    assert keys.ca_key_file.stat().st_mode & 0o777 == 0o600
    assert keys.seal_key_file.stat().st_mode & 0o777 == 0o600
    assert keys.seal_cert_file.stat().st_mode & 0o777 == 0o644


def test_existing_keys_are_kept_unless_forced(tmp_path: Path) -> None:
    first = write_development_keys(tmp_path)
    before = contents(first.files)

    again = write_development_keys(tmp_path)
    assert not again.was_created
    assert contents(again.files) == before

    forced = write_development_keys(tmp_path, force=True)
    assert forced.was_created
    assert all(new != old for new, old in zip(contents(forced.files), before, strict=True))


def test_a_partial_key_set_is_refused_and_left_alone(tmp_path: Path) -> None:
    keys = write_development_keys(tmp_path)
    keys.seal_key_file.unlink()
    kept = (keys.ca_key_file, keys.ca_cert_file, keys.seal_cert_file)
    before = contents(kept)

    with pytest.raises(FileExistsError, match="Only some of the seal key files exist"):
        write_development_keys(tmp_path)

    assert contents(kept) == before
    assert not keys.seal_key_file.exists()


def configure(settings: Settings, directory: Path, *, debug: bool) -> None:
    settings.DEBUG = debug
    settings.PDF_SEAL_KEY_FILE = str(directory / "seal-key.pem")
    settings.PDF_SEAL_CERT_FILE = str(directory / "seal-cert.pem")
    settings.PDF_SEAL_CHAIN_FILE = str(directory / "seal-ca.pem")


def test_development_makes_its_ca_on_first_use(settings: Settings, tmp_path: Path) -> None:
    configure(settings, tmp_path / "keys", debug=True)

    signer = seal_keys.get_document_signer()

    ca = x509.load_pem_x509_certificate((tmp_path / "keys" / "seal-ca.pem").read_bytes())
    assert signer.chain == (ca,)
    assert seal_keys.get_trusted_seal_roots() == (ca,)
    assert seal_keys.get_document_signer() is signer  # loaded once


def test_production_without_configuration_fails_clearly(settings: Settings) -> None:
    settings.DEBUG = False
    settings.PDF_SEAL_KEY_FILE = settings.PDF_SEAL_CERT_FILE = settings.PDF_SEAL_CHAIN_FILE = ""

    with pytest.raises(ImproperlyConfigured) as refused:
        seal_keys.get_document_signer()
    with pytest.raises(ImproperlyConfigured):
        seal_keys.get_trusted_seal_roots()

    assert str(refused.value) == seal_keys.NOT_CONFIGURED


def test_production_never_invents_missing_keys(settings: Settings, tmp_path: Path) -> None:
    configure(settings, tmp_path, debug=False)

    with pytest.raises(ImproperlyConfigured, match="The PDF seal key cannot be loaded"):
        seal_keys.get_document_signer()

    assert list(tmp_path.iterdir()) == []


def test_a_key_that_does_not_match_its_certificate_is_refused(
    settings: Settings, tmp_path: Path
) -> None:
    ours = write_development_keys(tmp_path / "ours")
    other = write_development_keys(tmp_path / "other")
    configure(settings, tmp_path / "ours", debug=False)
    settings.PDF_SEAL_KEY_FILE = str(other.seal_key_file)

    with pytest.raises(ImproperlyConfigured, match="is not the private key of the certificate"):
        seal_keys.get_document_signer()
    assert ours.seal_cert_file.exists()


def test_the_command_writes_the_keys_once_and_says_where(
    settings: Settings, tmp_path: Path
) -> None:
    settings.DEBUG = True
    first, second = io.StringIO(), io.StringIO()

    call_command("create_signing_ca", "--directory", str(tmp_path), stdout=first)
    before = contents(write_development_keys(tmp_path).files)
    call_command("create_signing_ca", "--directory", str(tmp_path), stdout=second)

    assert first.getvalue().splitlines() == [
        f"Created a development seal CA in {tmp_path}:",
        f"  {tmp_path}/seal-ca-key.pem  CA private key (keep it private)",
        f"  {tmp_path}/seal-ca.pem  CA certificate (PDF_SEAL_CHAIN_FILE)",
        f"  {tmp_path}/seal-key.pem  document-signing private key (PDF_SEAL_KEY_FILE)",
        f"  {tmp_path}/seal-cert.pem  document-signing certificate (PDF_SEAL_CERT_FILE)",
    ]
    assert second.getvalue().splitlines()[0] == (
        f"The seal CA in {tmp_path} already exists; kept (use --force):"
    )
    assert contents(write_development_keys(tmp_path).files) == before


def test_the_command_warns_that_its_ca_is_for_development_only(
    settings: Settings, tmp_path: Path
) -> None:
    settings.DEBUG = False
    output = io.StringIO()

    call_command("create_signing_ca", "--directory", str(tmp_path), stdout=output)

    assert output.getvalue().splitlines()[-1] == (
        "This CA is for development: production seals with a certificate issued by the "
        "coalition's CA (see .env.example)."
    )
