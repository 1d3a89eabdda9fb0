"""The certificate's lifecycle, declared once with the kit (:mod:`kierunek.core.workflow`)::

    (issued by the signer) → issued
    issued ─renew→ renewed     (a renewal certificate, with new dates, takes its place)
    issued ─revoke→ revoked    (with a reason, shown on the public verification)

Only the institution's signer takes either step; the role is checked here and the function at
the certificate's institution by the services (kierunek.qualifications.certification). Expiry is
no transition: it follows from the date (domain.certificate_standing)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Notification, Transition, Workflow

from . import domain
from .audit_actions import CERTIFICATE_RENEWED, CERTIFICATE_REVOKED
from .models import Certificate, CertificateStatus

SIGNER_ROLES = frozenset({Role.CERTIFICATION_STAFF.value})


def _holder(certificate: Certificate) -> list[Any]:
    return [certificate.holder]


def _context(certificate: Certificate) -> dict[str, Any]:
    return {"certificate": certificate, "qualification": certificate.qualification}


CERTIFICATE = Workflow(
    name="qualifications.certificate",
    model=Certificate,
    states=dict(CertificateStatus.choices),
    transitions=[
        Transition(
            "renew",
            {domain.CERTIFICATE_ISSUED},
            domain.CERTIFICATE_RENEWED,
            roles=SIGNER_ROLES,
            label=_("renew the certificate"),
            audit_action=CERTIFICATE_RENEWED,
        ),
        Transition(
            "revoke",
            {domain.CERTIFICATE_ISSUED},
            domain.CERTIFICATE_REVOKED,
            roles=SIGNER_ROLES,
            label=_("revoke the certificate"),
            audit_action=CERTIFICATE_REVOKED,
            notification=Notification(
                subject=gettext_noop("Your certificate was revoked"),
                template="qualifications/email/certificate_revoked.txt",
                recipients=_holder,
                context=_context,
            ),
        ),
    ],
)
