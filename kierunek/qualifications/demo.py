"""Demo register: the thirty qualifications of fixtures/demo_register.json (a file in the import's
JSON shape, so it also shows the office what an import looks like), with names like those of the
Integrated Qualifications Register but marked ``demo`` and coded DEMO-nn, so that nobody takes them
for entries of the ZRK. Entered as the system through the import's checks and write. Then the
catalogue's demo exams "Walidacja kwalifikacji rynkowej" are linked to some of them, so that a
qualification's page lists services and the catalogue's filter finds them. Then three certifying
institutions with staff, and a handful of certificates their signer issued (valid, without end,
expired, revoked, renewed). A second run adds nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_email
from kierunek.accounts.models import Role, User
from kierunek.catalogue.models import ServiceCard
from kierunek.catalogue.services import card_qualification_link
from kierunek.core.actor import SYSTEM, Actor
from kierunek.geo.models import Gmina

from . import certification, services
from .importexport import row_to_input
from .models import (
    Authorisation,
    Certificate,
    CertificationStaff,
    CertifyingInstitution,
    Qualification,
    QualificationChange,
    StaffFunction,
)

DEMO_FILE = Path(__file__).parent / "fixtures" / "demo_register.json"
# The demo qualifications the catalogue's validation exams lead to, in turn.
LINKED = ("DEMO-01", "DEMO-02", "DEMO-03", "DEMO-06", "DEMO-08", "DEMO-21")
LINKED_TITLE = "Walidacja kwalifikacji rynkowej"


def demo_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return rows


# Demo certifying institutions: name, gmina's TERYT code prefix town, address, the qualifications
# they may certify.
INSTITUTIONS = (
    ("Centrum Certyfikacji Kompetencji (demo)", "Kraków", "ul. Rakowicka 12, 31-511 Kraków", LINKED[:4]),
    ("Małopolski Instytut Walidacji (demo)", "Tarnów", "ul. Krakowska 41, 33-100 Tarnów", LINKED[2:]),
    ("Podhalańska Izba Kwalifikacji (demo)", "Nowy Targ", "ul. Szaflarska 7, 34-400 Nowy Targ", LINKED[::2]),
)
# The staff of the first institution: (e-mail local part or None for the role's demo login,
# first name, last name, functions). The role's demo login signs and assesses; a second person
# supports candidates as the advisor, a third assesses, so that a commission of two can be formed
# by people who did not advise the candidate.
STAFF = (
    (None, "Dorota", "Certyfikująca", (StaffFunction.SIGNER, StaffFunction.ASSESSOR)),
    ("walidacja.doradca", "Joanna", "Walidacyjna", (StaffFunction.ADVISOR,)),
    ("walidacja.asesor", "Marek", "Egzaminacyjny", (StaffFunction.ASSESSOR,)),
)


# Demo certificates, issued by the demo signer at the first institution: (the reference that
# marks them, the holder's e-mail local part or None for the role's demo login, the qualification,
# days before today it was issued, what then happens to it, the name shown on verification).
CERTIFICATES = (
    ("DEMO-CERT-1", None, "DEMO-01", 200, "", "initials"),
    ("DEMO-CERT-2", "uczestnik0001", "DEMO-02", 400, "", "full_name"),
    ("DEMO-CERT-3", "uczestnik0002", "DEMO-01", 5 * 366 + 40, "", "initials"),
    ("DEMO-CERT-4", "uczestnik0003", "DEMO-03", 300, "revoke", "none"),
    ("DEMO-CERT-5", "uczestnik0004", "DEMO-01", 5 * 365 - 30, "renew", "initials"),
)
REVOCATION_REASON = "Dokumenty przedłożone w walidacji okazały się nieprawdziwe (dane demonstracyjne)."


def planned(size: str) -> int:
    return len(demo_rows()) + len(INSTITUTIONS) + len(CERTIFICATES)


def seed(*, size: str) -> Iterator[str]:
    existing = set(Qualification.objects.values_list("code", flat=True))
    for row in demo_rows():
        if row["code"] not in existing:
            data, problems = row_to_input(row)
            if data is None:
                raise ValueError(f"demo qualification {row['code']}: {problems}")
            services.qualification_check(data)
            with transaction.atomic():
                services.qualification_write(actor=SYSTEM, data=data, how=QualificationChange.How.IMPORTED)
        yield "qualification"
    cards = ServiceCard.objects.filter(title=LINKED_TITLE, service_type="exam", qualification_code="")
    for number, card_id in enumerate(cards.order_by("pk").values_list("pk", flat=True)):
        card_qualification_link(card_id=card_id, code=LINKED[number % len(LINKED)])
    yield from _institutions()
    yield from _certificates()


def _institutions() -> Iterator[str]:
    password_hash = make_password(DEMO_PASSWORD)
    for number, (name, town, address, codes) in enumerate(INSTITUTIONS):
        institution = CertifyingInstitution.objects.filter(name=name).first()
        if institution is None:
            gmina = (
                Gmina.objects.filter(name=town).order_by("pk").first() or Gmina.objects.order_by("pk").first()
            )
            assert gmina is not None, "the gminas are loaded by geo's migration"
            institution = CertifyingInstitution.objects.create(
                name=name,
                gmina=gmina,
                address=address,
                email=f"ic{number + 1}@{DEMO_DOMAIN}",
                phone="+48 12 000 00 0" + str(number + 1),
                demo=True,
            )
            for code in codes:
                qualification = Qualification.objects.filter(code=code).first()
                if qualification is not None:
                    Authorisation.objects.create(
                        institution=institution, qualification=qualification, valid_from=date(2019, 1, 1)
                    )
            if number == 0:
                for local, first, last, functions in STAFF:
                    email = (
                        demo_email(Role.CERTIFICATION_STAFF) if local is None else f"{local}@{DEMO_DOMAIN}"
                    )
                    user = User.objects.filter(email=email).first() or User.objects.create(
                        email=email,
                        password=password_hash,
                        first_name=first,
                        last_name=last,
                        role=Role.CERTIFICATION_STAFF,
                    )
                    for function in functions:
                        CertificationStaff.objects.get_or_create(
                            institution=institution, user=user, function=function
                        )
        yield "certifying institution"


def _certificates() -> Iterator[str]:
    """The demo certificates: valid, without end, expired, revoked and renewed, so the holder's
    page, the institution's list and the public verification show every answer."""
    signer = User.objects.filter(email=demo_email(Role.CERTIFICATION_STAFF)).first()
    institution = CertifyingInstitution.objects.filter(name=INSTITUTIONS[0][0]).first()
    today = timezone.localdate()
    for reference, local, code, days_ago, then, consent in CERTIFICATES:
        email = demo_email(Role.PARTICIPANT) if local is None else f"{local}@{DEMO_DOMAIN}"
        holder = User.objects.filter(email=email).first()
        qualification = Qualification.objects.filter(code=code).first()
        if (
            signer
            and institution
            and holder
            and qualification
            and not Certificate.objects.filter(source_reference=reference).exists()
        ):
            _certificate_seed(
                actor=Actor.of(signer),
                institution=institution,
                holder=holder,
                qualification=qualification,
                issued_on=today - timedelta(days=days_ago),
                reference=reference,
                then=then,
                consent=consent,
            )
        yield "certificate"


def _certificate_seed(
    *,
    actor: Actor,
    institution: CertifyingInstitution,
    holder: User,
    qualification: Qualification,
    issued_on: date,
    reference: str,
    then: str,
    consent: str,
) -> None:
    certificate = certification.certificate_issue(
        actor=actor,
        institution=institution,
        holder=holder,
        qualification=qualification,
        issued_on=issued_on,
        source_reference=reference,
    )
    certification.certificate_consent_set(
        actor=Actor.of(holder), certificate_id=certificate.pk, consent=consent
    )
    if then == "revoke":
        certification.certificate_revoke(actor=actor, certificate_id=certificate.pk, reason=REVOCATION_REASON)
    elif then == "renew":
        certification.certificate_renew(actor=actor, certificate_id=certificate.pk)
