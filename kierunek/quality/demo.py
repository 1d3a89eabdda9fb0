"""Demo providers: about 40 institutions across Małopolska in the states a real register has
(approved with a valid mark, an expired one, one suspended, some waiting for approval or in the
middle of an audit, some with an ISO certificate only). The demo provider-staff login owns the
first one; the demo auditor is in the register of auditors with one audit in progress.

Seed data writes the rows directly (like test factories) with the same invariants the services
keep: every case's history is recorded as CaseEvents."""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from stdnum import iban as stdnum_iban
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import Role, User
from kierunek.geo.models import Gmina
from kierunek.providers.models import BankAccount, Certificate, Provider, ProviderMember, ProviderStatus

from .domain import CaseState, mark_valid_until
from .models import AuditAssignment, AuditFirm, Auditor, CaseEvent, QualityMarkCase

PROVIDERS = {"small": 40, "large": 200}
NAME_STEMS = [
    "Akademia Rozwoju",
    "Centrum Kształcenia",
    "Instytut Szkoleń",
    "Szkoła Języków Obcych",
    "Ośrodek Szkolenia Kierowców",
    "Pracownia Kompetencji",
    "Akademia Cyfrowa",
    "Centrum Edukacji Zawodowej",
    "Studio Umiejętności",
    "Szkoła Biznesu",
    "Fundacja Edukacyjna",
    "Centrum Języków",
    "Akademia Księgowości",
    "Ośrodek Doskonalenia",
    "Kuźnia Talentów",
]
LEGAL_FORMS = ["sp. z o.o.", "s.c.", "Sp. j.", "Fundacja", "S.A."]
# (how many, registration status, case states in order, has an ISO certificate)
PLAN: list[tuple[int, str, list[str], bool]] = [
    (22, ProviderStatus.APPROVED, [CaseState.GRANTED], False),
    (4, ProviderStatus.APPROVED, [CaseState.EXPIRED], True),
    (1, ProviderStatus.APPROVED, [CaseState.EXPIRED, CaseState.GRANTED], False),  # renewed
    (1, ProviderStatus.APPROVED, [CaseState.SUSPENDED], False),
    (1, ProviderStatus.APPROVED, [CaseState.WITHDRAWN], False),
    (1, ProviderStatus.APPROVED, [CaseState.AUDIT], False),
    (1, ProviderStatus.APPROVED, [CaseState.AUDIT_REPORTED], False),
    (1, ProviderStatus.APPROVED, [CaseState.AWAITING_AUDIT], False),
    (1, ProviderStatus.APPROVED, [CaseState.SELF_ASSESSMENT], False),
    (4, ProviderStatus.APPROVED, [], True),
    (3, ProviderStatus.PENDING, [], False),
]
PATHS = {
    CaseState.SELF_ASSESSMENT: ["start_self_assessment"],
    CaseState.AWAITING_AUDIT: ["start_self_assessment", "submit"],
    CaseState.AUDIT: ["start_self_assessment", "submit", "assign_auditor"],
    CaseState.AUDIT_REPORTED: ["start_self_assessment", "submit", "assign_auditor", "submit_audit_report"],
    CaseState.GRANTED: ["start_self_assessment", "submit", "assign_auditor", "submit_audit_report", "grant"],
    CaseState.SUSPENDED: [
        "start_self_assessment",
        "submit",
        "assign_auditor",
        "submit_audit_report",
        "grant",
        "suspend",
    ],
    CaseState.WITHDRAWN: [
        "start_self_assessment",
        "submit",
        "assign_auditor",
        "submit_audit_report",
        "grant",
        "withdraw",
    ],
    CaseState.EXPIRED: [
        "start_self_assessment",
        "submit",
        "assign_auditor",
        "submit_audit_report",
        "grant",
        "expire",
    ],
}
TARGETS = {
    "start_self_assessment": CaseState.SELF_ASSESSMENT,
    "submit": CaseState.AWAITING_AUDIT,
    "assign_auditor": CaseState.AUDIT,
    "submit_audit_report": CaseState.AUDIT_REPORTED,
    "grant": CaseState.GRANTED,
    "suspend": CaseState.SUSPENDED,
    "withdraw": CaseState.WITHDRAWN,
    "expire": CaseState.EXPIRED,
}
DEMO_PDF = b"%PDF-1.4\n% Kierunek demo certificate scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def planned(size: str) -> int:
    return PROVIDERS[size]


def _plan(size: str) -> list[tuple[str, list[str], bool]]:
    rows = [(status, list(states), iso) for count, status, states, iso in PLAN for _ in range(count)]
    while len(rows) < PROVIDERS[size]:  # the large set: more providers holding the mark
        rows.append((ProviderStatus.APPROVED, [CaseState.GRANTED], len(rows) % 3 == 0))
    return rows


def _nip(number: int) -> str:
    for tail in range(10):
        candidate = f"{677_000_000 + number * 7:09d}{tail}"
        if stdnum_nip.is_valid(candidate):
            return candidate
    return _nip(number + 100_000)


def _regon(number: int) -> str:
    body = f"{35_000_000 + number:08d}"
    return body + stdnum_regon.calc_check_digit(body)


def _iban(number: int) -> str:
    bban = f"10901014{number:016d}"
    return f"PL{stdnum_iban.calc_check_digits('PL00' + bban)}{bban}"


def seed(*, size: str) -> Iterator[str]:
    if Provider.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").count() >= PROVIDERS[size]:
        yield from ("provider" for _ in range(PROVIDERS[size]))
        return
    rng = random.Random(3)  # noqa: S311 - demo data, fixed so re-runs find the same providers
    officer = User.objects.get(email=demo_email(Role.OFFICER))
    auditor = _demo_auditor()
    gminas = list(Gmina.objects.order_by("teryt"))
    if not gminas:
        raise RuntimeError("The gminas of Małopolska are missing: run `manage.py migrate` first.")
    today = timezone.localdate()
    for number, (status, states, iso) in enumerate(_plan(size), start=1):
        email = f"instytucja{number:03d}@{DEMO_DOMAIN}"
        if not Provider.objects.filter(email=email).exists():
            with transaction.atomic():
                _provider(number, email, status, states, iso, rng, gminas, officer, auditor, today)
        yield "provider"


def _demo_auditor() -> Auditor:
    firm, _created = AuditFirm.objects.get_or_create(
        nip=_nip(999), defaults={"name": "Małopolskie Centrum Audytu Jakości sp. z o.o."}
    )
    user = User.objects.get(email=demo_email(Role.AUDITOR))
    auditor, _created = Auditor.objects.get_or_create(
        user=user, defaults={"firm": firm, "licence_number": "MSUES/A/017"}
    )
    return auditor


def _owner(number: int) -> User:
    if number == 1:
        return User.objects.get(email=demo_email(Role.PROVIDER_STAFF))
    email = f"dostawca{number:03d}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(
        email, None, first_name="Pracownik", last_name=f"Instytucji {number}", role=Role.PROVIDER_STAFF
    )


def _provider(
    number: int,
    email: str,
    status: str,
    states: list[str],
    iso: bool,
    rng: random.Random,
    gminas: list[Gmina],
    officer: User,
    auditor: Auditor,
    today: date,
) -> None:
    owner = _owner(number)
    gmina = gminas[(number * 37) % len(gminas)] if number % 12 else gminas[0]
    if number == 1:
        gmina = next(g for g in gminas if g.teryt == "1261011")  # Kraków
    name = f"{rng.choice(NAME_STEMS)} {gmina.name} {rng.choice(LEGAL_FORMS)}"
    provider = Provider.objects.create(
        legal_name=name if number > 1 else "Akademia Rozwoju Kraków sp. z o.o.",
        nip=_nip(number),
        regon=_regon(number),
        gmina=gmina,
        street=f"ul. {rng.choice(['Długa', 'Krakowska', 'Szkolna', 'Polna', 'Rynek'])} {rng.randint(1, 80)}",
        postal_code=f"3{rng.randint(0, 4)}-{rng.randint(100, 999)}",
        city=gmina.name,
        email=email,
        phone=f"+48 12 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        status=status,
        decided_by=officer if status != ProviderStatus.PENDING else None,
        decided_at=timezone.now() if status != ProviderStatus.PENDING else None,
        created_by=owner,
    )
    ProviderMember.objects.get_or_create(user=owner, defaults={"provider": provider, "is_owner": True})
    if status != ProviderStatus.APPROVED:
        return
    BankAccount.objects.create(
        provider=provider,
        iban=_iban(number),
        holder_name=provider.legal_name,
        status="active",
        requested_by=owner,
        decided_by=officer,
        decided_at=timezone.now(),
    )
    if iso:
        certificate = Certificate(
            provider=provider,
            kind="iso_9001" if number % 2 else "iso_29993",
            number=f"PL-{number:04d}/Q",
            issuer="Polskie Centrum Certyfikacji",
            valid_from=today - timedelta(days=400),
            valid_to=today + timedelta(days=30 + 20 * number),
            scan_kind="pdf",
            uploaded_by=owner,
        )
        certificate.scan.save(f"demo-{number}.pdf", ContentFile(DEMO_PDF), save=False)
        certificate.save()
    previous = None
    for position, final_state in enumerate(states):
        older = position < len(states) - 1
        previous = _case(
            provider, final_state, owner, officer, auditor, today, number, renewal_of=previous, older=older
        )


def _case(
    provider: Provider,
    final_state: str,
    owner: User,
    officer: User,
    auditor: Auditor,
    today: date,
    number: int,
    *,
    renewal_of: QualityMarkCase | None,
    older: bool,
) -> QualityMarkCase:
    granted_years_ago = 4 if final_state == CaseState.EXPIRED or older else (number % 3)
    granted_on = today - timedelta(days=365 * granted_years_ago + 30)
    case = QualityMarkCase.objects.create(
        provider=provider, state=CaseState.APPLICATION, created_by=owner, renewal_of=renewal_of
    )
    state = CaseState.APPLICATION
    for transition in PATHS.get(CaseState(final_state), []):
        target = TARGETS[transition]
        actor = {"start_self_assessment": owner, "submit": owner, "submit_audit_report": auditor.user}.get(
            transition, officer
        )
        if transition == "assign_auditor":
            AuditAssignment.objects.create(
                case=case,
                auditor=auditor,
                assigned_by=officer,
                declared_at=timezone.now(),
                has_conflict=False,
            )
        if transition == "grant":
            case.valid_from = granted_on
            case.valid_until = mark_valid_until(granted_on=granted_on, years=3)
            case.mark_number = f"MSUES/{granted_on.year}/{number:04d}"
            case.decided_by, case.decided_at = officer, timezone.now()
        CaseEvent.objects.create(
            case=case,
            transition=transition,
            from_state=state,
            to_state=target,
            actor=None if transition == "expire" else actor,
        )
        state = target
    case.submitted_at = timezone.now() if state != CaseState.APPLICATION else None
    case.save()
    # Demo data: the case is written where its path ends, with the history above, not walked
    # through the workflow (no e-mails, no audit rows for invented events).
    QualityMarkCase.objects.filter(pk=case.pk).update(state=state)
    case.refresh_from_db()
    return case
