"""Documents served as signed (JSON-LD keys): their shapes, for the schema only."""

from typing import Any

from rest_framework import serializers

from config.api import document_shape


def _strings(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), **kwargs)


VerificationMethodSerializer = document_shape(
    "VerificationMethod",
    "A public key of the issuer (Multikey, Ed25519).",
    {
        "id": serializers.CharField(help_text="`did:web:…#<publicKeyMultibase>`"),
        "type": serializers.CharField(help_text="`Multikey`"),
        "controller": serializers.CharField(help_text="The issuer's DID."),
        "publicKeyMultibase": serializers.CharField(),
    },
)

DidDocumentSerializer = document_shape(
    "DidDocument",
    "The issuer's did:web DID document, listing every key that ever signed a credential.",
    {
        "@context": _strings(),
        "id": serializers.CharField(help_text="The issuer's `did:web`."),
        "verificationMethod": VerificationMethodSerializer(many=True),
        "assertionMethod": _strings(help_text="Ids of the keys that sign credentials."),
    },
)

DataIntegrityProofSerializer = document_shape(
    "DataIntegrityProof",
    "An `eddsa-rdfc-2022` Data Integrity proof.",
    {
        "type": serializers.CharField(help_text="`DataIntegrityProof`"),
        "cryptosuite": serializers.CharField(help_text="`eddsa-rdfc-2022`"),
        "created": serializers.DateTimeField(),
        "verificationMethod": serializers.CharField(),
        "proofPurpose": serializers.CharField(help_text="`assertionMethod`"),
        "proofValue": serializers.CharField(),
    },
)

VerifiableCredentialSerializer = document_shape(
    "VerifiableCredential",
    "A W3C Verifiable Credential 2.0 as signed: an Open Badges 3.0 `OpenBadgeCredential` for a "
    "certificate, a `BitstringStatusListCredential` for revocations. `credentialSubject` and "
    "`issuer` follow the credential's type (see its `@context`).",
    {
        "@context": _strings(),
        "id": serializers.CharField(),
        "type": _strings(),
        "issuer": serializers.JSONField(help_text="The issuer's profile (`id` is its DID)."),
        "name": serializers.CharField(required=False),
        "validFrom": serializers.DateTimeField(),
        "validUntil": serializers.DateTimeField(required=False),
        "credentialSubject": serializers.JSONField(),
        "credentialStatus": serializers.JSONField(required=False),
        "proof": DataIntegrityProofSerializer(),
    },
)
