"""Open Badges 3.0 credentials signed with `eddsa-rdfc-2022` Data Integrity proofs (no database).

The signer takes a dict and a key and returns a dict; the verifier takes a dict and a way to find
public keys and says what it found. JSON-LD contexts are read from files shipped next to this
module: a document naming any other context is refused, never fetched.
"""

import copy
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

__all__ = [
    "CLR_V2",
    "CONTEXT_FILES",
    "CREDENTIALS_V2",
    "DID_V1",
    "MULTIKEY_V1",
    "OPEN_BADGES_V3",
    "CredentialError",
    "SigningKey",
    "canonical_nquads",
    "decode_public_key",
    "encode_public_key",
    "identity_hash",
    "load_context",
    "serialize",
    "sign",
    "undefined_terms",
    "verify_proof",
]

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
# Comprehensive Learner Record 2.0 (records/): a ClrCredential wraps Open Badges credentials.
CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

CONTEXT_DIRECTORY = Path(__file__).resolve().parent / "contexts"
CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OPEN_BADGES_V3: "ob-v3p0-context-3.0.3.json",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
    DID_V1: "did-v1.jsonld",
    CLR_V2: "clr-v2p0-context-2.0.1.json",
}

CRYPTOSUITE = "eddsa-rdfc-2022"
# Multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint), per the Multikey spec.
_ED25519_PUBLIC_PREFIX = b"\xed\x01"


class CredentialError(ValueError):
    """The document cannot be processed as a credential; the message says why, for people."""


# --- JSON-LD ------------------------------------------------------------------------------------


@cache
def load_context(url: str) -> dict[str, Any]:
    """The shipped context document for `url`. Raises CredentialError for any other URL."""
    filename = CONTEXT_FILES.get(url)
    if filename is None:
        raise CredentialError(f"Unknown JSON-LD context {url!r}: it is refused, never fetched.")
    loaded: dict[str, Any] = json.loads((CONTEXT_DIRECTORY / filename).read_text("utf-8"))
    return loaded


def _document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    try:
        document = load_context(url)
    except CredentialError as error:
        raise jsonld.JsonLdError(
            str(error), "jsonld.LoadDocumentError", code="loading document failed"
        ) from error
    # pyld may mutate what it is given; the cached original must stay pristine. The shipped
    # contexts never change: tagged "static", pyld keeps each one resolved for the process
    # (its shared context cache), instead of loading and resolving them again for every
    # credential signed or checked (half of a PDF verification's time).
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": copy.deepcopy(document),
        "tag": "static",
    }


def _context_error(error: jsonld.JsonLdError) -> str:
    """The reason a document could not be processed: ours when the loader refused a context
    (pyld wraps it several times), else pyld's own message."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, CredentialError):
            return str(current)
        details = getattr(current, "details", None)
        if isinstance(details, dict) and isinstance(details.get("cause"), BaseException):
            pending.append(details["cause"])
        pending.extend([current.__cause__, current.__context__])
    return f"The document is not valid JSON-LD: {error.args[0] if error.args else error}"


@cache
def _defined_terms() -> frozenset[str]:
    """Every term any shipped context defines, at any depth (scoped contexts included)."""
    terms: set[str] = set()

    def collect(context: Any) -> None:
        if isinstance(context, list):
            for item in context:
                collect(item)
        elif isinstance(context, dict):
            for term, definition in context.items():
                terms.add(term)
                if isinstance(definition, dict):
                    collect(definition.get("@context"))

    for url in CONTEXT_FILES:
        collect(load_context(url)["@context"])
    return frozenset(terms)


def undefined_terms(document: Any) -> list[str]:
    """Property names that no context defines. JSON-LD silently drops them when canonicalizing,
    so they would not be covered by a signature: a verifier must refuse them ("safe mode")."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    continue
                if not key.startswith("@") and ":" not in key and key not in _defined_terms():
                    found.add(key)
                walk(value)

    walk(document)
    return sorted(found)


def canonical_nquads(document: dict[str, Any]) -> str:
    """The RDF Dataset Canonicalization (RDFC-1.0, formerly URDNA2015) of a JSON-LD document.

    Raises CredentialError when the document names an unknown context or is not valid JSON-LD.
    """
    try:
        nquads: str = jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": _document_loader,
            },
        )
    except jsonld.JsonLdError as error:
        raise CredentialError(_context_error(error)) from error
    return nquads


def serialize(document: dict[str, Any]) -> bytes:
    """The bytes stored and served for a credential: UTF-8 JSON, keys in the order built."""
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


# --- keys ---------------------------------------------------------------------------------------


def encode_public_key(public_key: bytes) -> str:
    """An Ed25519 public key as a Multikey `publicKeyMultibase` (base58btc, `z6Mk…`)."""
    return "z" + base58.b58encode(_ED25519_PUBLIC_PREFIX + public_key).decode("ascii")


def decode_public_key(multibase: str) -> bytes:
    """The raw Ed25519 public key of a `publicKeyMultibase`. Raises CredentialError."""
    if not multibase.startswith("z"):
        raise CredentialError("The key is not base58btc multibase.")
    try:
        raw = base58.b58decode(multibase[1:])
    except ValueError as error:
        raise CredentialError("The key is not valid base58.") from error
    if len(raw) != 34 or not raw.startswith(_ED25519_PUBLIC_PREFIX):
        raise CredentialError("The key is not an Ed25519 Multikey.")
    return raw[2:]


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 private key with the public half as a Multikey."""

    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> "SigningKey":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_seed(cls, seed: bytes) -> "SigningKey":
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def from_pem(cls, pem: bytes) -> "SigningKey":
        """Raises CredentialError for anything but an unencrypted PKCS#8 Ed25519 key."""
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError) as error:
            raise CredentialError("The signing key is not a readable PEM private key.") from error
        if not isinstance(key, Ed25519PrivateKey):
            raise CredentialError("The signing key is not an Ed25519 key.")
        return cls(key)

    def to_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @property
    def public_key(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def public_key_multibase(self) -> str:
        return encode_public_key(self.public_key)


# --- subject identity ---------------------------------------------------------------------------


def identity_hash(identity: str, *, salt: str) -> str:
    """Open Badges 3.0 `identityHash`: `sha256$` and the hex SHA-256 of identity + salt."""
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


# --- Data Integrity proof (eddsa-rdfc-2022) -----------------------------------------------------


def _hash_data(document: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    """SHA-256 of the canonical proof configuration followed by SHA-256 of the canonical
    document, as the `eddsa-rdfc-2022` transformation and hashing algorithms specify."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    proof_config = {"@context": unsecured.get("@context"), **proof_options}
    proof_hash = hashlib.sha256(canonical_nquads(proof_config).encode("utf-8")).digest()
    document_hash = hashlib.sha256(canonical_nquads(unsecured).encode("utf-8")).digest()
    return proof_hash + document_hash


def sign(
    document: dict[str, Any], *, key: SigningKey, verification_method: str, created: str
) -> dict[str, Any]:
    """`document` with an embedded `DataIntegrityProof` (cryptosuite `eddsa-rdfc-2022`).

    `created` is an XML Schema dateTime (`2026-11-24T10:00:00Z`). Deterministic: Ed25519
    signatures do not depend on randomness. Raises CredentialError for invalid JSON-LD.
    """
    proof_options = {
        "type": "DataIntegrityProof",
        "created": created,
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": "assertionMethod",
    }
    signature = key.private_key.sign(_hash_data(document, proof_options))
    proof = {**proof_options, "proofValue": "z" + base58.b58encode(signature).decode("ascii")}
    return {**document, "proof": proof}


@dataclass(frozen=True)
class ProofResult:
    """What checking a proof found: whether it holds, and if not, why (for people)."""

    is_valid: bool
    verification_method: str | None
    reason: str


def verify_proof(
    document: dict[str, Any], *, public_key_for: Callable[[str], bytes | None]
) -> ProofResult:
    """Check the document's `eddsa-rdfc-2022` proof with the key `public_key_for` returns for the
    proof's verification method (None: not a key we know). Never raises."""
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if not isinstance(proof, dict):
        return ProofResult(False, None, "The credential carries no single embedded proof.")
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) else None
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return ProofResult(
            False, method, f"Unsupported proof type: only DataIntegrityProof with {CRYPTOSUITE}."
        )
    if proof.get("proofPurpose") != "assertionMethod":
        return ProofResult(False, method, "The proof was not made for asserting a credential.")
    value, created = proof.get("proofValue"), proof.get("created")
    if not isinstance(value, str) or not value.startswith("z") or not isinstance(created, str):
        return ProofResult(False, method, "The proof value or creation time is missing.")
    if method is None:
        return ProofResult(False, None, "The proof names no verification method.")
    public_key = public_key_for(method)
    if public_key is None:
        return ProofResult(False, method, "The proof was made with a key the issuer never used.")
    undefined = undefined_terms(document)
    if undefined:
        return ProofResult(
            False,
            method,
            "The credential uses terms its contexts do not define, which no signature covers: "
            + ", ".join(undefined),
        )
    try:
        signature = base58.b58decode(value[1:])
        options = {name: proof[name] for name in proof if name != "proofValue"}
        hash_data = _hash_data(document, options)
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, hash_data)
    except CredentialError as error:
        return ProofResult(False, method, str(error))
    except ValueError:
        return ProofResult(False, method, "The proof value is not valid base58.")
    except InvalidSignature:
        return ProofResult(
            False, method, "The signature does not match: the credential was changed after signing."
        )
    return ProofResult(True, method, "The signature matches the issuer's key.")
