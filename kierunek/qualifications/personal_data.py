"""The register of qualifications holds no participant's data: qualifications are public records.
Its history names the officer who changed a qualification, as the office's record of its work;
declared excluded here with that reason, so the completeness test of the export knows it was
decided, not forgotten."""

from __future__ import annotations

from kierunek.core import personal_data

EXCLUDED = {
    "QualificationChange": "The office's record of its changes to the public register of qualifications, "
    "naming the officer who made them; it holds no participant's data.",
    "CertificationStaff": "Which staff account holds which function at a certifying institution: the "
    "institution's record of its staff, not a participant's data; "
    "the account itself is exported by accounts.",
}


def personal_data_register() -> None:
    """Called from ``QualificationsConfig.ready()``."""
    for name, reason in EXCLUDED.items():
        personal_data.exclude(f"qualifications.{name}", reason=reason)
