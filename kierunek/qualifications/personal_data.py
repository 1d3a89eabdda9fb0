"""The register of qualifications holds no participant's data: qualifications are public records.
A person's certificates of qualifications are theirs and are exported (the signer appears by role).
The register's history names the officer who changed a qualification, as the office's record of its work;
declared excluded here with that reason, so the completeness test of the export knows it was
decided, not forgotten."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, roles_of

from .models import Certificate, CertificateStatus, HolderNameConsent

EXCLUDED = {
    "QualificationChange": "The office's record of its changes to the public register of qualifications, "
    "naming the officer who made them; it holds no participant's data.",
    "CertificationStaff": "Which staff account holds which function at a certifying institution: the "
    "institution's record of its staff, not a participant's data; "
    "the account itself is exported by accounts.",
}


def certificates_of(*, user: User) -> list[dict[str, Any]]:
    certificates = list(
        Certificate.objects.filter(holder=user).select_related("qualification", "institution", "renewal_of")
    )
    roles = roles_of([c.signer_id for c in certificates])
    return [
        {
            "qualification": f"{c.qualification.code} {c.qualification.name}",
            "institution": c.institution.name,
            **field_values(
                c,
                "number",
                "holder_name",
                "issued_on",
                "valid_until",
                "status",
                "name_consent",
                "revocation_reason",
                "revoked_at",
                "source_reference",
                "created_at",
            ),
            "code": c.code_display,
            "outcome_sets": [f"{s['code']} {s['name']}" for s in c.outcome_sets],
            "renewal_of": c.renewal_of.number if c.renewal_of else None,
            "signer": actor_of(c.signer_id, user=user, roles=roles),
        }
        for c in certificates
    ]


def certificate_rows(*, user: User) -> list[Model]:
    return list(Certificate.objects.filter(holder=user))


def personal_data_register() -> None:
    """Called from ``QualificationsConfig.ready()``."""
    personal_data.register(
        "qualification_certificates",
        title=_("Certificates of qualifications"),
        collect=certificates_of,
        models=["qualifications.Certificate"],
        labels={
            "qualification": _("Qualification"),
            "institution": _("Certifying institution"),
            "code": _("Verification code"),
            "outcome_sets": _("Sets of learning outcomes certified"),
            "renewal_of": _("Renews certificate"),
            "signer": _("Signed by"),
        },
        choices={"status": dict(CertificateStatus.choices), "name_consent": dict(HolderNameConsent.choices)},
        order=72,
    )
    personal_data.register_owned_rows(certificate_rows)
    for name, reason in EXCLUDED.items():
        personal_data.exclude(f"qualifications.{name}", reason=reason)
