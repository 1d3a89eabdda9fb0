"""An institution authorised for a qualification, with a signer, an advisor and a participant,
for the certificate tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.geo.models import Gmina
from kierunek.qualifications.certification import certificate_issue
from kierunek.qualifications.models import (
    Authorisation,
    Certificate,
    CertificationStaff,
    CertifyingInstitution,
    Qualification,
)
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.reference_data import load_reference_data

from .factories import outcome_sets, qualification


@dataclass
class Setting:
    institution: CertifyingInstitution
    qualification: Qualification
    signer: User
    advisor: User
    holder: User

    def issue(self, **overrides: Any) -> Certificate:
        arguments: dict[str, Any] = {
            "actor": Actor.of(self.signer),
            "institution": self.institution,
            "holder": self.holder,
            "qualification": self.qualification,
        }
        arguments.update(overrides)
        return certificate_issue(**arguments)


def institution(name: str = "Centrum Walidacji") -> CertifyingInstitution:
    if not Gmina.objects.exists():  # emptied by an earlier transactional test
        load_reference_data()
    return CertifyingInstitution.objects.create(
        name=name, gmina=Gmina.objects.first(), address="ul. Długa 1, 30-001 Kraków", email="ic@example.org"
    )


def setting(*, validity_years: int | None = 5, code: str = "TEST-01") -> Setting:
    q = qualification(
        code=code,
        certificate_validity_years=validity_years,
        outcome_sets=outcome_sets("Planowanie szkoleń", "Prowadzenie zajęć"),
    )
    ic = institution()
    Authorisation.objects.create(institution=ic, qualification=q, valid_from=date(2020, 1, 1))
    signer = StaffUserFactory(role=Role.CERTIFICATION_STAFF, first_name="Dorota", last_name="Podpisująca")
    advisor = StaffUserFactory(role=Role.CERTIFICATION_STAFF, first_name="Joanna", last_name="Doradcza")
    CertificationStaff.objects.create(institution=ic, user=signer, function="signer")
    CertificationStaff.objects.create(institution=ic, user=advisor, function="advisor")
    CertificationStaff.objects.create(institution=ic, user=advisor, function="assessor")
    holder = ParticipantFactory(first_name="Anna Maria", last_name="Kowalska-Nowak")
    return Setting(ic, q, signer, advisor, holder)
