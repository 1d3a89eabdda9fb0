"""A certifying institution with its staff in separate functions, a qualification of two outcome
sets it is authorised for, and candidates, built for the validation tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.geo.models import Gmina
from kierunek.qualifications.models import Authorisation, CertificationStaff, CertifyingInstitution
from kierunek.validation import selectors, services
from kierunek.validation.models import Validation
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.qualifications.factories import outcome_sets, qualification

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Institution:
    institution: CertifyingInstitution
    signer: Any  # signer and assessor
    advisor: Any
    assessor: Any
    qualification: Any


def staff(institution: CertifyingInstitution, *functions: str, **names: Any) -> Any:
    user = StaffUserFactory(role=Role.CERTIFICATION_STAFF, **names)
    for function in functions:
        CertificationStaff.objects.create(institution=institution, user=user, function=function)
    return user


def institution(code: str = "TEST-01", name: str = "Centrum Walidacji") -> Institution:
    found = CertifyingInstitution.objects.create(
        name=name, gmina=Gmina.objects.first(), address="ul. Długa 1, 30-001 Kraków", email="ic@example.org"
    )
    q = qualification(code=code, outcome_sets=outcome_sets("Teoria zawodu", "Praktyka zawodu"))
    Authorisation.objects.create(institution=found, qualification=q, valid_from=date(2025, 1, 1))
    return Institution(
        institution=found,
        signer=staff(found, "signer", "assessor", first_name="Dorota", last_name="Podpisująca"),
        advisor=staff(found, "advisor", first_name="Joanna", last_name="Doradcza"),
        assessor=staff(found, "assessor", first_name="Marek", last_name="Oceniający"),
        qualification=q,
    )


def candidate() -> Any:
    return ParticipantFactory()


def applied(ic: Institution, person: Any = None) -> Validation:
    person = person or candidate()
    return services.validation_apply(
        actor=Actor.of(person), qualification_code=ic.qualification.code, institution_id=ic.institution.pk
    )


def in_verification(ic: Institution, person: Any = None, fee: int = 0) -> Validation:
    validation = applied(ic, person)
    services.validation_accept(
        actor=Actor.of(ic.signer), validation_id=validation.pk, advisor_id=ic.advisor.pk, fee=fee
    )
    outcomes = selectors.outcomes_of(ic.qualification)
    services.self_assessment_save(
        actor=Actor.of(validation.candidate),
        validation_id=validation.pk,
        levels={o.pk: ("can", "") for o in outcomes},
    )
    services.identification_finish(actor=Actor.of(ic.advisor), validation_id=validation.pk)
    services.evidence_upload(
        actor=Actor.of(validation.candidate),
        validation_id=validation.pk,
        title="Świadectwo pracy",
        upload=SimpleUploadedFile("swiadectwo.pdf", PDF),
        outcome_ids=[outcomes[0].pk],
    )
    services.documentation_finish(actor=Actor.of(ic.advisor), validation_id=validation.pk)
    validation.refresh_from_db()
    return validation


def session(ic: Institution, assessors: list[Any] | None = None, seats: int = 5) -> Any:
    return services.session_schedule(
        actor=Actor.of(ic.signer),
        institution_id=ic.institution.pk,
        qualification_code=ic.qualification.code,
        starts_at=timezone.now() + timedelta(days=7),
        place="sala 3",
        seats=seats,
        assessor_ids=[a.pk for a in (assessors or [ic.signer, ic.assessor])],
    )


def seated(ic: Institution, validation: Validation, exam: Any = None, declare: bool = True) -> Any:
    exam = exam or session(ic)
    seat = services.seat_take(
        actor=Actor.of(validation.candidate), validation_id=validation.pk, session_id=exam.pk
    )
    if declare:
        for member in selectors.commission_of(exam):
            if validation.declarations.filter(assessor=member).exists():
                continue
            services.conflict_declare(actor=Actor.of(member), validation_id=validation.pk, has_conflict=False)
    return seat


def record(ic: Institution, seat: Any, passed: dict[int, bool] | None = None) -> Validation:
    validation = seat.validation
    due = selectors.sets_to_sit(validation)
    results = {s.pk: (True, (passed or {}).get(n, True)) for n, s in enumerate(due)}
    return services.results_record(actor=Actor.of(ic.assessor), seat_id=seat.pk, results=results)


def portfolio_item(participant: Any, title: str = "Referencje od pracodawcy") -> Any:
    """A reference in the participant's competence-balance portfolio (a balance started by an
    advisor, with its draft plan, as guidance starts one)."""
    from kierunek.guidance.models import CompetenceBalance, DevelopmentPlan, PortfolioItem

    balance = CompetenceBalance.objects.filter(participant=participant).first()
    if balance is None:
        advisor = StaffUserFactory(role=Role.ADVISOR)
        balance = CompetenceBalance.objects.create(participant=participant, advisor=advisor)
        DevelopmentPlan.objects.create(balance=balance)
    return PortfolioItem.objects.create(
        balance=balance, kind="reference", title=title, referee_name="Jan Kierownik", added_by=balance.advisor
    )
