"""The issuer's identity (did:web), its signing key, and W3C Bitstring Status List encoding."""

import base64
import gzip
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from certificates.credentials import SigningKey

__all__ = [
    "active_signing_key",
    "decode_status_list",
    "did_document_path",
    "encode_status_list",
    "get_bit",
    "issuer_did",
    "set_bit",
    "verification_method",
    "write_new_key_file",
]

_lock = threading.Lock()
_loaded: dict[tuple[str, str], SigningKey] = {}


def issuer_did() -> str:
    """`did:web` of PUBLIC_BASE_URL: `did:web:academy.example.org` (a port is percent-encoded,
    path segments become `:`-separated parts, as the did:web method specifies)."""
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    host = quote(parts.netloc, safe="")
    path = [quote(segment, safe="") for segment in parts.path.split("/") if segment]
    return ":".join(["did:web", host, *path])


def did_document_path() -> str:
    """Where, under the app's root, a did:web resolver fetches the issuer's DID document.

    The did:web method maps `did:web:host` to `https://host/.well-known/did.json` but
    `did:web:host:academy` to `https://host/academy/did.json`: an app served under a path (the
    path of PUBLIC_BASE_URL, stripped by the proxy or given as SCRIPT_NAME) serves it as
    `/did.json` of its own root.
    """
    if urlsplit(settings.PUBLIC_BASE_URL).path.strip("/"):
        return "/did.json"
    return "/.well-known/did.json"


def verification_method(key: SigningKey) -> str:
    """The DID URL of a key: the issuer DID with the key's multibase as fragment."""
    return f"{issuer_did()}#{key.public_key_multibase}"


def write_new_key_file(path: Path) -> SigningKey:
    """Generate a key and write it to `path` (created owner-read-only; directories made)."""
    key = SigningKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(key.to_pem())
    temporary.chmod(0o600)
    temporary.replace(path)  # atomic: a concurrent reader sees the old key or the new one
    return key


def active_signing_key() -> SigningKey:
    """The key new credentials are signed with, from CREDENTIAL_SIGNING_KEY (PEM text) or
    CREDENTIAL_SIGNING_KEY_FILE. In development (DEBUG) a missing file is created.

    Raises ImproperlyConfigured when no key is configured or it cannot be read.
    """
    text, filename = settings.CREDENTIAL_SIGNING_KEY, settings.CREDENTIAL_SIGNING_KEY_FILE
    path = Path(filename) if filename else None
    # A rotation replaces the file: the file's modification time is part of the cache key.
    stamp = str(path.stat().st_mtime_ns) if path is not None and path.exists() else ""
    cache_key = (text or filename, stamp)
    with _lock:
        if cache_key in _loaded:
            return _loaded[cache_key]
        if text:
            key = SigningKey.from_pem(text.encode())
        elif path is None:
            raise ImproperlyConfigured(
                "No credential signing key: set CREDENTIAL_SIGNING_KEY or "
                "CREDENTIAL_SIGNING_KEY_FILE (see `manage.py credential_key`)."
            )
        elif path.exists():
            key = SigningKey.from_pem(path.read_bytes())
        elif settings.DEBUG:
            key = write_new_key_file(path)
            cache_key = (filename, str(path.stat().st_mtime_ns))
        else:
            raise ImproperlyConfigured(f"The credential signing key file {path} does not exist.")
        _loaded.clear()
        _loaded[cache_key] = key
        return key


# --- Bitstring Status List ----------------------------------------------------------------------


def get_bit(bits: bytes, index: int) -> bool:
    """Bit `index`, counting from the most significant bit of the first byte (the spec's order)."""
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def set_bit(bits: bytes, index: int, *, value: bool = True) -> bytes:
    changed = bytearray(bits)
    if value:
        changed[index // 8] |= 0x80 >> (index % 8)
    else:
        changed[index // 8] &= ~(0x80 >> (index % 8)) & 0xFF
    return bytes(changed)


def encode_status_list(bits: bytes) -> str:
    """`encodedList`: GZIP-compressed, then multibase base64url without padding (`u…`).
    The GZIP header carries no timestamp, so the same bits always encode the same way."""
    compressed = gzip.compress(bits, compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode_status_list(encoded: str) -> bytes:
    """The bits of an `encodedList`. Raises ValueError when it is not one."""
    if not encoded.startswith("u"):
        raise ValueError("The status list is not multibase base64url.")
    padded = encoded[1:] + "=" * (-len(encoded[1:]) % 4)
    try:
        return gzip.decompress(base64.urlsafe_b64decode(padded))
    except (OSError, EOFError) as error:
        raise ValueError("The status list is not GZIP-compressed.") from error
