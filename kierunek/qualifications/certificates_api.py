"""The public verification of a certificate of a qualification (decision 0018): the same answer as
the page /certyfikaty/sprawdz/<code>/, for machines. Unknown codes are counted against the
caller's address like the page's (429 past the limit)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from kierunek.core.actor import actor_from_request
from kierunek.core.api_errors import ValidationErrorOut

from . import certification, domain, selectors

router = Router(auth=None)
_TYPED_CODE = re.compile(r"[A-Za-z0-9 -]{1,40}")


def _code(value: str) -> str:
    """A code as a person may type it; 422 for text that cannot be one (control characters)."""
    if _TYPED_CODE.fullmatch(value) is None:
        raise PydanticCustomError(
            "certificate_code", _("A verification code has up to 40 letters, digits, spaces or dashes.")
        )
    return value


CertificateCode = Annotated[str, AfterValidator(_code)]


class CertificateVerificationOut(Schema):
    standing: str = Field(description="valid, expired or revoked (unknown codes answer 404)")
    number: str
    qualification_code: str
    qualification_name: str
    institution: str
    issued_on: date
    valid_until: date | None = Field(description="Empty: the certificate does not expire")
    holder: str = Field(
        description="The holder's name only as the holder consented: initials by default, "
        "the full name, or empty"
    )
    revoked_on: date | None
    revocation_reason: str
    renewed_by: str = Field(description="The number of the certificate that renewed it, if any")
    verify_url: str
    credential_key_url: str = Field(description="The DID document with the key of the signed credentials")


class CertificateUnknownOut(Schema):
    standing: str = Field(description="unknown")
    detail: str


class CertificateLookupLimitedOut(Schema):
    detail: str


@router.get(
    "/{code}",
    response={
        200: CertificateVerificationOut,
        404: CertificateUnknownOut,
        422: ValidationErrorOut,
        429: CertificateLookupLimitedOut,
    },
    summary="Verify a certificate of a qualification by its code",
    url_name="certificate_verify",
)
def certificate_verify(request: HttpRequest, code: Path[CertificateCode]) -> Any:
    """The certificate's standing today and what it certifies; the code as printed (case and
    dashes do not matter)."""
    try:
        certificate = certification.certificate_lookup(actor=actor_from_request(request), code=code)
    except certification.LookupLimited:
        return Status(429, {"detail": _("Too many unknown codes were checked; try again later.")})
    if certificate is None:
        return Status(
            404,
            {
                "standing": domain.STANDING_UNKNOWN,
                "detail": _("No certificate of a qualification has this code."),
            },
        )
    facts = selectors.certificate_facts(certificate, today=timezone.localdate())
    return {
        **facts.__dict__,
        "verify_url": reverse("qualifications:certificate_verify", args=[certificate.code]),
        "credential_key_url": reverse("qualifications:did_document"),
    }
