"""Demo applications to "Kierunek Kariera": the demo participant (uczestnik@kierunek.example) is
eligible; generated participants have applications in the states an officer meets (drafts,
eligible, waiting for review, not eligible, accepted after review).

Seed data writes rows directly (like test factories) but decides each application with the real
rules (``domain.decide_eligibility`` on the version in force today), so the reasons shown are the
ones the rules give; every application gets its history events and the consents behind it."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import ParticipantProfile, Role, User
from kierunek.core.pdf import render_pdf
from kierunek.core.uploads import upload_name
from kierunek.geo.models import Gmina

from . import domain, selectors
from .consents import CONSENT_TEXT_VERSION
from .models import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationStatus,
    AttachmentKind,
    ConsentKind,
    Programme,
    ProgrammeConsent,
)
from .services.applications import person_facts

GENERATED_APPLICATIONS = {"small": 10, "large": 600}
KRAKOW = "1261011"
TARNOW = "1263011"
NOWY_SACZ = "1262011"
WIELICZKA = "1219053"


@dataclass(frozen=True)
class Plan:
    submit: bool
    residence: str | None  # TERYT, or None for outside Małopolska
    work: str | None
    studies: bool
    isced: int
    status: str
    form: str
    review: str = ""  # "accept" or "refuse" after a manual review, with the officer's reason


PLANS = [
    Plan(True, KRAKOW, KRAKOW, False, 6, domain.EMPLOYED, "employment_contract"),
    Plan(False, TARNOW, None, False, 3, "", ""),
    Plan(True, None, None, True, 6, domain.EMPLOYED, "civil_law_contract"),
    Plan(True, NOWY_SACZ, NOWY_SACZ, False, 3, domain.UNEMPLOYED, ""),
    Plan(True, None, WIELICZKA, False, 4, domain.SELF_EMPLOYED, "no_staff"),
    Plan(True, None, None, True, 7, domain.EMPLOYED, "employment_contract", review="accept"),
    Plan(True, None, None, False, 5, domain.EMPLOYED, "employment_contract"),
    Plan(False, None, None, False, 3, "", ""),
    Plan(True, TARNOW, TARNOW, False, 3, domain.SELF_EMPLOYED, "with_staff"),
    Plan(True, None, None, True, 6, domain.SELF_EMPLOYED, "no_staff"),
]
REVIEW_REASON = "Legitymacja studencka Uniwersytetu Jagiellońskiego ważna do 31.03.2027 — sprawdzona."


def planned(size: str) -> int:
    return 1 + GENERATED_APPLICATIONS[size]


def seed(*, size: str) -> Iterator[str]:
    programme = selectors.programme_current()
    officer = User.objects.filter(email=demo_email(Role.OFFICER)).first()
    gminas = {g.teryt: g for g in Gmina.objects.filter(teryt__in=[KRAKOW, TARNOW, NOWY_SACZ, WIELICZKA])}
    people = [User.objects.filter(email=demo_email(Role.PARTICIPANT)).first()]
    people += list(
        User.objects.filter(
            role=Role.PARTICIPANT, email__startswith="uczestnik0", email__endswith=f"@{DEMO_DOMAIN}"
        ).order_by("email")[: GENERATED_APPLICATIONS[size]]
    )
    for number, person in enumerate(people):
        if programme is not None and person is not None:
            plan = PLANS[0] if number == 0 else PLANS[(number - 1) % len(PLANS)]
            _application(programme, person, plan, gminas, officer)
        yield "application"
    for _missing in range(planned(size) - len(people)):
        yield "application"


def _application(
    programme: Programme, person: User, plan: Plan, gminas: dict[str, Gmina], officer: User | None
) -> None:
    profile = ParticipantProfile.objects.filter(user=person).first()
    if profile is None or Application.objects.filter(participant=person, programme=programme).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    working = plan.status in (domain.EMPLOYED, domain.SELF_EMPLOYED)
    with transaction.atomic():
        for kind in (ConsentKind.PROCESSING, ConsentKind.CONTACT):
            ProgrammeConsent.objects.create(
                user=person, programme=programme, kind=kind, text_version=CONSENT_TEXT_VERSION
            )
        answers = {
            "participant": person,
            "programme": programme,
            "residence_gmina": gminas.get(plan.residence or ""),
            "lives_outside_region": plan.residence is None,
            "work_gmina": gminas.get(plan.work or "") if working else None,
            "works_outside_region": working and plan.work is None,
            "studies_in_region": plan.studies,
            "education_level": plan.isced,
            "employment_status": plan.status,
            "employment_form": plan.form,
        }
        if not plan.submit:
            application = Application.objects.create(**answers)
            ApplicationEvent.objects.create(
                application=application, status_to=ApplicationStatus.DRAFT, actor=person
            )
            return
        # The row is written once, in the state it ends in (like a test factory); the history
        # rows tell how it got there, as the services would have written them.
        version, rules = selectors.eligibility_rules_on(programme=programme, day=today)
        decision = domain.decide_eligibility(
            facts=person_facts(application=Application(**answers), profile=profile), rules=rules, on=today
        )
        reviewed = bool(plan.review) and decision.outcome == domain.MANUAL_REVIEW and officer is not None
        outcome = ApplicationStatus.ACCEPTED if plan.review == "accept" else ApplicationStatus.REFUSED
        reasons = [reason.as_dict() for reason in decision.reasons]
        application = Application.objects.create(
            **answers,
            status=outcome if reviewed else decision.outcome,
            rule_version=version,
            decision_reasons=reasons,
            submitted_at=now,
            decided_at=now,
        )
        ApplicationEvent.objects.create(
            application=application, status_to=ApplicationStatus.DRAFT, actor=person
        )
        ApplicationEvent.objects.create(
            application=application, status_from="draft", status_to=ApplicationStatus.SUBMITTED, actor=person
        )
        ApplicationEvent.objects.create(
            application=application,
            status_from=ApplicationStatus.SUBMITTED,
            status_to=decision.outcome,
            rule_version=version,
            reasons=reasons,
        )
        if reviewed:
            ApplicationEvent.objects.create(
                application=application,
                status_from=ApplicationStatus.MANUAL_REVIEW,
                status_to=outcome,
                actor=officer,
                note=REVIEW_REASON,
            )
        if application.status == ApplicationStatus.MANUAL_REVIEW and plan.studies:
            _attach_student_card(application)


def _attach_student_card(application: Application) -> None:
    """The officer reviewing a student's application has the proof the student attached."""
    document = render_pdf(
        title="Zaświadczenie o statusie studenta (dane demonstracyjne)",
        sections=[("Uczelnia", ["Uniwersytet Jagielloński, Kraków"])],
    )
    ApplicationAttachment.objects.create(
        application=application,
        kind=AttachmentKind.STUDY,
        file=ContentFile(document, name=upload_name(uuid.uuid4().hex, "pdf")),
        file_kind="pdf",
        original_name="zaswiadczenie-o-studiach.pdf",
    )
