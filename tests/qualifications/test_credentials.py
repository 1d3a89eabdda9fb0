"""The signed credential is checked offline with the public key the site publishes, and nothing
else: an independent eddsa-jcs-2022 check (RFC 8785, SHA-256, Ed25519, base58btc) written here,
not the module's own, accepts the downloaded credential and refuses a tampered one."""

import copy
import hashlib
import json

import pytest
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.urls import reverse

from kierunek.qualifications import credentials

from .certificate_builders import setting

pytestmark = pytest.mark.django_db
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + ALPHABET.index(char)
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def _offline_check(credential: dict, did_document: dict) -> bool:
    """Given only the DID document (the key) and the credential, check its proof."""
    proof = credential["proof"]
    method = next(m for m in did_document["verificationMethod"] if m["id"] == proof["verificationMethod"])
    key_bytes = _b58(method["publicKeyMultibase"][1:])
    assert key_bytes[:2] == b"\xed\x01"
    key = Ed25519PublicKey.from_public_bytes(key_bytes[2:])
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = credential["@context"]
    document = {k: v for k, v in credential.items() if k != "proof"}
    data = hashlib.sha256(rfc8785.dumps(options)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()
    try:
        key.verify(_b58(proof["proofValue"][1:]), data)
    except InvalidSignature:
        return False
    return True


def _downloaded(client_for):
    s = setting()
    certificate = s.issue()
    response = client_for(s.holder).get(
        reverse("qualifications:my_certificate_credential", args=[certificate.pk])
    )
    return certificate, json.loads(response.content)


def test_the_credential_verifies_offline_with_the_published_key(client, client_for):
    certificate, credential = _downloaded(client_for)
    did = client.get("/.well-known/did.json")
    assert did["Content-Type"] == "application/did+json"
    document = did.json()
    assert document["id"] == credential["issuer"]["id"]
    assert document["assertionMethod"] == [credential["proof"]["verificationMethod"]]

    assert _offline_check(credential, document)
    assert credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    subject = credential["credentialSubject"]
    assert subject["achievement"]["humanCode"] == "TEST-01"
    assert subject["identifier"][0]["identityHash"] == "Anna Maria Kowalska-Nowak"
    assert "pesel" not in json.dumps(credential).lower()
    assert credential["id"].endswith(reverse("qualifications:certificate_verify", args=[certificate.code]))
    key = credentials.public_key_from_multibase(document["verificationMethod"][0]["publicKeyMultibase"])
    assert credentials.credential_verify(credential, key)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Jan Kowalski"),
        lambda c: c.update(validUntil="2099-12-31T23:59:59Z"),
        lambda c: c["credentialSubject"]["achievement"].update(name="Inna kwalifikacja"),
        lambda c: c["proof"].update(created="2020-01-01T00:00:00Z"),
        lambda c: c["proof"].update(proofValue=c["proof"]["proofValue"][:-2] + "11"),
    ],
)
def test_a_tampered_credential_fails(client, client_for, tamper):
    _certificate, credential = _downloaded(client_for)
    document = client.get("/.well-known/did.json").json()
    changed = copy.deepcopy(credential)
    tamper(changed)
    assert not _offline_check(changed, document)
    key = credentials.public_key_from_multibase(document["verificationMethod"][0]["publicKeyMultibase"])
    assert not credentials.credential_verify(changed, key)


def test_another_key_does_not_verify(client_for):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _certificate, credential = _downloaded(client_for)
    assert not credentials.credential_verify(credential, Ed25519PrivateKey.generate().public_key())


def test_a_revoked_certificate_has_no_credential_to_download(client_for):
    from kierunek.core.actor import Actor
    from kierunek.qualifications.certification import certificate_revoke

    s = setting()
    certificate = s.issue()
    certificate_revoke(actor=Actor.of(s.signer), certificate_id=certificate.pk, reason="Błąd")
    url = reverse("qualifications:my_certificate_credential", args=[certificate.pk])
    assert client_for(s.holder).get(url).status_code == 404


def test_the_credential_is_the_same_on_each_download(client_for):
    s = setting()
    certificate = s.issue()
    client = client_for(s.holder)
    url = reverse("qualifications:my_certificate_credential", args=[certificate.pk])
    assert client.get(url).content == client.get(url).content
