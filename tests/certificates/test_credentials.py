"""The credential signer and verifier, without a database: contexts, keys, eddsa-rdfc-2022."""

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from certificates import credentials
from certificates.credentials import CredentialError, SigningKey

CONTEXTS = Path(credentials.__file__).parent / "contexts"

# The Open Badges 3.0 implementation guide's eddsa-rdfc-2022 test vector (1EdTech,
# openbadges-specification, ob_v3p0/impl): its key pair, credential and expected proof.
SPEC_SECRET_KEY_HEX = "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"
SPEC_PUBLIC_KEY_MULTIBASE = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
SPEC_VERIFICATION_METHOD = f"https://example.edu/issuers/565049#{SPEC_PUBLIC_KEY_MULTIBASE}"
SPEC_PROOF_VALUE = (
    "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"
)
SPEC_CREDENTIAL: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "http://example.com/credentials/3527",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {
        "id": "https://example.edu/issuers/565049",
        "type": ["Profile"],
        "url": "https://www.imsglobal.org",
        "name": "Example Corp",
    },
    "validFrom": "2010-01-01T00:00:00Z",
    "name": "Teamwork Badge",
    "credentialSubject": {
        "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://example.com/achievements/21st-century-skills/teamwork",
            "type": ["Achievement"],
            "criteria": {
                "narrative": "Team members are nominated for this badge by their peers and "
                "recognized upon review by Example Corp management."
            },
            "description": "This badge recognizes the development of the capacity to "
            "collaborate within a group environment.",
            "name": "Teamwork",
        },
    },
}
SPEC_DOCUMENT_HASH = "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"


def spec_key() -> SigningKey:
    return SigningKey.from_seed(bytes.fromhex(SPEC_SECRET_KEY_HEX))


def sign_spec_example() -> dict[str, Any]:
    return credentials.sign(
        SPEC_CREDENTIAL,
        key=spec_key(),
        verification_method=SPEC_VERIFICATION_METHOD,
        created="2010-01-01T19:23:24Z",
    )


def test_the_shipped_contexts_are_the_published_documents() -> None:
    expected = dict(
        reversed(line.split()) for line in (CONTEXTS / "SHA256SUMS").read_text().splitlines()
    )

    actual = {
        filename: hashlib.sha256((CONTEXTS / filename).read_bytes()).hexdigest()
        for filename in credentials.CONTEXT_FILES.values()
    }

    assert actual == {filename: expected[filename] for filename in actual}
    # The W3C publishes this digest of the VC 2.0 context in the specification itself.
    assert actual["credentials-v2.jsonld"] == (
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"
    )


def test_the_spec_key_pair_gives_the_spec_multikey() -> None:
    assert spec_key().public_key_multibase == SPEC_PUBLIC_KEY_MULTIBASE
    assert credentials.decode_public_key(SPEC_PUBLIC_KEY_MULTIBASE) == spec_key().public_key


def test_canonicalization_matches_the_spec_document_hash() -> None:
    nquads = credentials.canonical_nquads(SPEC_CREDENTIAL)

    assert hashlib.sha256(nquads.encode()).hexdigest() == SPEC_DOCUMENT_HASH


def test_each_shipped_context_is_loaded_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # given no context resolved yet in this process, and a loader that counts its loads
    jsonld._resolved_context_cache.clear()
    loads: list[str] = []
    load = credentials.load_context

    def counting(url: str) -> dict[str, Any]:
        loads.append(url)
        return load(url)

    monkeypatch.setattr(credentials, "load_context", counting)

    # when the same credential is canonicalized three times
    hashes = {
        hashlib.sha256(credentials.canonical_nquads(SPEC_CREDENTIAL).encode()).hexdigest()
        for _time in range(3)
    }

    # then the answer never changes and each context was read once, for the first
    assert hashes == {SPEC_DOCUMENT_HASH}
    assert sorted(loads) == sorted(set(loads))
    assert set(SPEC_CREDENTIAL["@context"]) <= set(loads)


def test_signing_the_spec_example_reproduces_its_published_proof() -> None:
    signed = sign_spec_example()

    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "created": "2010-01-01T19:23:24Z",
        "verificationMethod": SPEC_VERIFICATION_METHOD,
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
        "proofValue": SPEC_PROOF_VALUE,
    }
    assert "proof" not in SPEC_CREDENTIAL


def keys_by_method(method: str) -> bytes | None:
    return spec_key().public_key if method == SPEC_VERIFICATION_METHOD else None


def test_a_signed_credential_verifies() -> None:
    result = credentials.verify_proof(sign_spec_example(), public_key_for=keys_by_method)

    assert (result.is_valid, result.verification_method) == (True, SPEC_VERIFICATION_METHOD)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: c.update(name="Leadership Badge"), "changed after signing"),
        (lambda c: c["issuer"].update(name="Other Corp"), "changed after signing"),
        (lambda c: c.update(validFrom="2009-01-01T00:00:00Z"), "changed after signing"),
        # JSON-LD would drop an undefined term, so no signature covers it: refused.
        (lambda c: c.update(extra="added later"), "do not define, which no signature covers"),
        (lambda c: c["issuer"].update(motto="x"), "do not define, which no signature covers"),
        (lambda c: c["proof"].update(created="2011-01-01T00:00:00Z"), "changed after signing"),
        (lambda c: c["proof"].update(cryptosuite="eddsa-2022"), "Unsupported proof type"),
        (lambda c: c["proof"].update(type="Ed25519Signature2020"), "Unsupported proof type"),
        (lambda c: c["proof"].update(proofPurpose="authentication"), "not made for asserting"),
        (lambda c: c["proof"].update(proofValue="z0OIl"), "not valid base58"),
        (lambda c: c.pop("proof"), "no single embedded proof"),
        (lambda c: c["proof"].update(verificationMethod="https://x.test/#k"), "never used"),
        (lambda c: c["@context"].append("https://evil.test/ctx"), "never fetched"),
    ],
)
def test_a_tampered_credential_fails_with_the_reason(change: Any, reason: str) -> None:
    signed = copy.deepcopy(sign_spec_example())
    change(signed)

    result = credentials.verify_proof(signed, public_key_for=keys_by_method)

    assert result.is_valid is False
    assert reason in result.reason


def test_a_foreign_key_does_not_verify() -> None:
    foreign = SigningKey.generate()
    signed = credentials.sign(
        SPEC_CREDENTIAL,
        key=foreign,
        verification_method=SPEC_VERIFICATION_METHOD,
        created="2010-01-01T19:23:24Z",
    )

    result = credentials.verify_proof(signed, public_key_for=keys_by_method)

    assert result.is_valid is False
    assert "changed after signing" in result.reason


def test_unknown_contexts_are_refused_not_fetched() -> None:
    document = {"@context": ["https://example.org/unknown/v1"], "name": "x"}

    with pytest.raises(CredentialError, match="never fetched"):
        credentials.canonical_nquads(document)


def test_keys_round_trip_through_pem() -> None:
    key = SigningKey.generate()

    assert SigningKey.from_pem(key.to_pem()).public_key == key.public_key
    with pytest.raises(CredentialError, match="not a readable PEM"):
        SigningKey.from_pem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")


@pytest.mark.parametrize("value", ["6Mk", "z", "z6MkjZRZv3aez3r18pB1RBFJ", "zOOO"])
def test_malformed_multikeys_are_refused(value: str) -> None:
    with pytest.raises(CredentialError):
        credentials.decode_public_key(value)


def test_identity_hash_follows_open_badges() -> None:
    expected = "sha256$" + hashlib.sha256(b"ada@example.org" + b"pepper").hexdigest()

    assert credentials.identity_hash("ada@example.org", salt="pepper") == expected
