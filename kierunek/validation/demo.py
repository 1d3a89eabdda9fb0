"""Demo validations at the first demo certifying institution (qualifications' demo: Dorota signs
and assesses, Joanna advises, Marek assesses), so that each of them and the demo participant has
work: the demo participant documents her outcomes with her portfolio; one candidate waits for
acceptance; one is seated at a coming session whose commission (Dorota and Marek) still has a
declaration to make; one passed (the certificate's issuer has work); one appealed a negative
result, which the signer decides. Built through the services as the people concerned; a second
run adds nothing (the demo participant's validation marks the seed as done)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.qualifications.demo import INSTITUTIONS
from kierunek.qualifications.models import CertifyingInstitution, Qualification

from . import domain, selectors, services
from .models import ExamSession, Validation

# (candidate's e-mail local part or None for the demo participant, qualification, stage reached)
PLANNED = (
    (None, "DEMO-01", domain.DOCUMENTATION),
    ("uczestnik0001", "DEMO-02", domain.APPLIED),
    ("uczestnik0002", "DEMO-01", domain.VERIFICATION),
    ("uczestnik0003", "DEMO-03", domain.PASSED),
    ("uczestnik0004", "DEMO-02", domain.APPEALED),
)

# The fee each demo validation is accepted with, in grosze: the passed one is free, so the
# quarterly report shows an average fee and a free validation.
FEES = {domain.PASSED: 0, domain.APPEALED: 120000}
DEFAULT_FEE = 85000

APPEAL = "Zadanie praktyczne przerwano z powodu awarii stanowiska; proszę o jego powtórzenie."


def planned(size: str) -> int:
    return len(PLANNED)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def seed(*, size: str) -> Iterator[str]:
    institution = CertifyingInstitution.objects.filter(name=INSTITUTIONS[0][0]).first()
    signer = _user(demo_email(Role.CERTIFICATION_STAFF))
    advisor = _user(f"walidacja.doradca@{DEMO_DOMAIN}")
    assessor = _user(f"walidacja.asesor@{DEMO_DOMAIN}")
    first = _user(demo_email(Role.PARTICIPANT))
    if (
        None in (institution, signer, advisor, assessor, first)
        or Validation.objects.filter(candidate=first).exists()
    ):
        return
    assert institution is not None and signer is not None  # noqa: PT018
    assert advisor is not None and assessor is not None  # noqa: PT018
    session = None
    for local, code, stage in PLANNED:
        candidate = first if local is None else _user(f"{local}@{DEMO_DOMAIN}")
        if candidate is None or not Qualification.objects.filter(code=code).exists():
            continue
        validation = services.validation_apply(
            actor=Actor.of(candidate), qualification_code=code, institution_id=institution.pk
        )
        if stage != domain.APPLIED:
            _to_verification(validation, candidate, advisor, signer, stage)
        if stage in (domain.VERIFICATION, domain.PASSED, domain.APPEALED):
            session = _session(institution.pk, code, signer, assessor)
            seat = services.seat_take(
                actor=Actor.of(candidate), validation_id=validation.pk, session_id=session.pk
            )
            services.conflict_declare(actor=Actor.of(signer), validation_id=validation.pk, has_conflict=False)
            if stage != domain.VERIFICATION:
                services.conflict_declare(
                    actor=Actor.of(assessor), validation_id=validation.pk, has_conflict=False
                )
                sets = selectors.sets_to_sit(validation)
                passed = stage == domain.PASSED
                services.results_record(
                    actor=Actor.of(assessor),
                    seat_id=seat.pk,
                    results={s.pk: (True, passed or n > 0) for n, s in enumerate(sets)},
                )
                ExamSession.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(days=3))
                if stage == domain.APPEALED:
                    services.validation_appeal(
                        actor=Actor.of(candidate),
                        validation_id=validation.pk,
                        text=APPEAL,
                    )
        yield "validation"


def _to_verification(
    validation: Validation, candidate: User, advisor: User, signer: User, stage: str
) -> None:
    services.validation_accept(
        actor=Actor.of(signer),
        validation_id=validation.pk,
        advisor_id=advisor.pk,
        fee=FEES.get(stage, DEFAULT_FEE),
    )
    outcomes = selectors.outcomes_of(validation.qualification)
    services.self_assessment_save(
        actor=Actor.of(candidate),
        validation_id=validation.pk,
        levels={o.pk: (domain.CAN if n % 3 else domain.PARTLY, "") for n, o in enumerate(outcomes)},
    )
    services.identification_finish(actor=Actor.of(advisor), validation_id=validation.pk)
    items = selectors.portfolio_of(candidate)
    if items:
        services.evidence_from_portfolio(
            actor=Actor.of(candidate),
            validation_id=validation.pk,
            portfolio_item_id=items[0].pk,
            outcome_ids=[o.pk for o in outcomes[:2]],
        )
    if stage == domain.DOCUMENTATION:
        return
    if not items:
        _upload(validation, candidate, outcomes[0].pk)
    services.documentation_finish(actor=Actor.of(advisor), validation_id=validation.pk)


def _upload(validation: Validation, candidate: User, outcome_id: int) -> None:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    services.evidence_upload(
        actor=Actor.of(candidate),
        validation_id=validation.pk,
        title="Zaświadczenie pracodawcy",
        upload=SimpleUploadedFile("zaswiadczenie.pdf", pdf, content_type="application/pdf"),
        outcome_ids=[outcome_id],
    )


def _session(institution_id: int, code: str, signer: User, assessor: User) -> ExamSession:
    existing = ExamSession.objects.filter(
        institution_id=institution_id, qualification__code=code, starts_at__gt=timezone.now()
    ).first()
    if existing is not None and existing.seat_list.count() < existing.seats:
        return existing
    return services.session_schedule(
        actor=Actor.of(signer),
        institution_id=institution_id,
        qualification_code=code,
        starts_at=(timezone.now() + timedelta(days=21)).replace(hour=9, minute=0, second=0, microsecond=0),
        place="ul. Rakowicka 12, sala 3, Kraków",
        seats=12,
        assessor_ids=[signer.pk, assessor.pk],
    )
