"""The certificate as a signed machine-readable credential (decision 0018): a W3C Verifiable
Credential 2.0 in the Open Badges 3.0 shape (``OpenBadgeCredential``, the achievement being the
qualification), secured with a Data Integrity proof of the ``eddsa-jcs-2022`` cryptosuite (W3C
"Data Integrity EdDSA Cryptosuites v1.0", §3.3): the JSON Canonicalization Scheme (RFC 8785) of
the proof's options and of the document, each hashed with SHA-256, the two hashes signed with
Ed25519, the signature written in multibase base58btc.

The issuer is the site as a ``did:web`` identifier; its DID document (/.well-known/did.json)
publishes the public key as a Multikey, so anyone can check a credential offline with that key
alone. The private key is ``KIERUNEK_CREDENTIAL_SIGNING_KEY`` (32 bytes, base64url), from the
environment in production. Ed25519 signatures are deterministic and the proof's time is the
certificate's, so a credential downloaded twice is the same file."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, time
from functools import cache
from typing import Any
from urllib.parse import quote, urlsplit

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from kierunek.core.notify import site_link

from .models import Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CRYPTOSUITE = "eddsa-jcs-2022"
MEDIA_TYPE = "application/vc+ld+json"
# The multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint), as Multikey has it.
_ED25519_PUB = b"\xed\x01"
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = _BASE58[remainder] + encoded
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + encoded


def base58btc_decode(text: str) -> bytes:
    """ValueError for a character outside the alphabet."""
    number = 0
    for char in text:
        number = number * 58 + _BASE58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """The key as a Multikey's ``publicKeyMultibase``: ``z`` + base58btc(0xed01 + 32 bytes)."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58btc_encode(_ED25519_PUB + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    """ValueError for anything but an Ed25519 Multikey."""
    if not value.startswith("z"):
        raise ValueError("not base58btc")
    decoded = base58btc_decode(value[1:])
    if not decoded.startswith(_ED25519_PUB) or len(decoded) != 34:
        raise ValueError("not an Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


@cache
def _private_key(encoded: str) -> Ed25519PrivateKey:
    try:
        raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        return Ed25519PrivateKey.from_private_bytes(raw)
    except ValueError as exc:
        raise ImproperlyConfigured("KIERUNEK_CREDENTIAL_SIGNING_KEY is not 32 bytes in base64url.") from exc


def signing_key() -> Ed25519PrivateKey:
    """The site's signing key; ImproperlyConfigured when it is not set."""
    encoded = settings.KIERUNEK_CREDENTIAL_SIGNING_KEY
    if not encoded:
        raise ImproperlyConfigured("Set KIERUNEK_CREDENTIAL_SIGNING_KEY to sign credentials.")
    return _private_key(encoded)


def issuer_did() -> str:
    """The site as a ``did:web`` identifier: its host (a port's colon written %3A) and path."""
    parts = urlsplit(site_link())
    segments = [quote(parts.netloc, safe="")] + [s for s in parts.path.split("/") if s]
    return "did:web:" + ":".join(segments)


def verification_method() -> str:
    return f"{issuer_did()}#{public_key_multibase(signing_key().public_key())}"


def did_document() -> dict[str, Any]:
    """The DID document the site publishes at /.well-known/did.json."""
    did = issuer_did()
    method = verification_method()
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_key_multibase(signing_key().public_key()),
            }
        ],
        "assertionMethod": [method],
    }


def _hash_data(document: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    """eddsa-jcs-2022's hash data: SHA-256 of the canonical proof options (carrying the
    document's ``@context``), then SHA-256 of the canonical document without its proof."""
    options = {key: value for key, value in proof_options.items() if key != "proofValue"}
    if "@context" in document:
        options["@context"] = document["@context"]
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return hashlib.sha256(rfc8785.dumps(options)).digest() + hashlib.sha256(rfc8785.dumps(unsecured)).digest()


def credential_sign(document: dict[str, Any], *, created: datetime) -> dict[str, Any]:
    """``document`` with its Data Integrity proof added."""
    proof: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(created),
        "verificationMethod": verification_method(),
        "proofPurpose": "assertionMethod",
    }
    signature = signing_key().sign(_hash_data(document, proof))
    return {**document, "proof": {**proof, "proofValue": "z" + base58btc_encode(signature)}}


def credential_verify(credential: dict[str, Any], public_key: Ed25519PublicKey) -> bool:
    """Whether ``credential``'s eddsa-jcs-2022 proof was made by ``public_key`` over exactly this
    document: any change to a signed member, the proof's options or the signature fails."""
    proof = credential.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    if proof.get("type") != "DataIntegrityProof" or proof.get("proofPurpose") != "assertionMethod":
        return False
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        return False
    try:
        signature = base58btc_decode(value[1:])
        public_key.verify(signature, _hash_data(credential, proof))
    except (ValueError, InvalidSignature):
        return False
    return True


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_document(certificate: Certificate) -> dict[str, Any]:
    """The unsigned credential of ``certificate``: who certified which qualification (with the
    sets of learning outcomes certified, as results) for whom, valid when. The subject is named
    as printed on the certificate; no PESEL, no e-mail."""
    qualification = certificate.qualification
    institution = certificate.institution
    verify_url = site_link(reverse("qualifications:certificate_verify", args=[certificate.code]))
    achievement_url = site_link(reverse("qualifications:detail", args=[qualification.code]))
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_did(),
            "type": ["Profile"],
            "name": institution.name,
            "email": institution.email,
            "address": {"type": ["Address"], "streetAddress": institution.address, "addressCountry": "PL"},
        },
        "validFrom": _timestamp(datetime.combine(certificate.issued_on, time.min, tzinfo=UTC)),
        "name": qualification.name,
        "description": f"Certyfikat nr {certificate.number}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                }
            ],
            "achievement": {
                "id": achievement_url,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "humanCode": qualification.code,
                "name": qualification.name,
                "description": qualification.description,
                "criteria": {"narrative": qualification.validation_methods},
                "tag": [f"PRK {qualification.prk_level}"],
                "resultDescription": [
                    {
                        "id": f"{achievement_url}#{outcome_set['code']}",
                        "type": ["ResultDescription"],
                        "name": outcome_set["name"],
                        "resultType": "Status",
                    }
                    for outcome_set in certificate.outcome_sets
                ],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": f"{achievement_url}#{outcome_set['code']}",
                    "status": "Completed",
                }
                for outcome_set in certificate.outcome_sets
            ],
        },
    }
    if certificate.valid_until is not None:
        document["validUntil"] = _timestamp(
            datetime.combine(certificate.valid_until, time(23, 59, 59), tzinfo=UTC)
        )
    return document


def certificate_credential(certificate: Certificate) -> dict[str, Any]:
    """The signed credential of ``certificate``, as the holder downloads it."""
    return credential_sign(credential_document(certificate), created=certificate.created_at)
