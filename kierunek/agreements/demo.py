"""Demo agreements: the programme's three templates (realistic Polish text, legal basis), an
agreement in force for every approved provider (so every demo booking keeps working; signed four
months ago by the owner with an e-mailed code and countersigned by the demo officer) but two: one
provider's agreement terminated (bookable for two more weeks), one waiting for its owner,
and the demo participant's agreement accepted in June with an annex awaiting acceptance (the
consumption rule changed on 1 July). The vouchers demo accepts the agreements of the participants
it issues vouchers to (:func:`participation_accepted`). Runs after the guidance demo, before the
vouchers demo; a second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Programme
from kierunek.providers.models import Provider, ProviderStatus

from . import domain, services
from .models import Agreement, AgreementTemplate
from .texts import TEMPLATES

UNITS = 4
SPARE = 2
MIN_FOR_SPARE = 10  # the vouchers demo books with the first seven approved providers
TERMINATION_REASON = "Kontrola wykazała prowadzenie zajęć niezgodnie z kartami usług (dane demonstracyjne)."


def planned(size: str) -> int:
    return UNITS


def templates_publish(*, programme: Programme, officer: User) -> None:
    """The first version of each template, in use from the programme's start (none twice)."""
    for kind, text in TEMPLATES.items():
        if AgreementTemplate.objects.filter(programme=programme, kind=kind).exists():
            continue
        services.template_version_save(
            actor=Actor.of(officer),
            programme_id=programme.pk,
            kind=kind,
            title=text["title"],
            body=text["body"],
            legal_basis=text["legal_basis"].format(programme=programme.name),
            valid_from=programme.starts_on,
            note="Pierwsza wersja wzoru.",
        )


def _accept(agreement: Agreement, user: User) -> Agreement:
    """Accept as ``user`` with an e-mailed code (issued here: the demo reads no mailbox)."""
    code = services.signing_code_issue(agreement=agreement, user=user)
    return services.agreement_accept(
        agreement_id=agreement.pk,
        actor=Actor(user=user, ip_address="127.0.0.1"),
        factor=domain.FACTOR_EMAIL,
        code=code,
        pdf_sha256=agreement.pdf_sha256,
    )


def participation_accepted(
    participant: User, programme: Programme, *, on: date | None = None, officer: User | None = None
) -> Agreement | None:
    """The participant's agreement with the programme, accepted (and countersigned by ``officer``
    when given); None when none can be made (no template, no signed plan)."""
    agreement = services.participation_agreement_prepare(
        actor=Actor.of(participant), programme_id=programme.pk, on=on, quiet=True
    )
    if agreement is None:
        return None
    if agreement.status == domain.AWAITING:
        agreement = _accept(agreement, participant)
    if officer is not None and agreement.status == domain.ACCEPTED:
        agreement = services.agreement_countersign(agreement_id=agreement.pk, actor=Actor.of(officer))
    return agreement


def provider_signed(provider: Provider, programme: Programme, *, officer: User, on: date) -> Agreement | None:
    """The provider's agreement, accepted by its owner and countersigned: in force from ``on``."""
    owner = provider.members.filter(is_owner=True).select_related("user").first()
    if owner is None:
        return None
    agreement = services.provider_agreement_prepare(
        actor=Actor.of(owner.user), programme_id=programme.pk, on=on
    )
    if agreement.status == domain.AWAITING:
        agreement = _accept(agreement, owner.user)
    if agreement.status == domain.ACCEPTED:
        agreement = services.agreement_countersign(agreement_id=agreement.pk, actor=Actor.of(officer))
    return agreement


def _last_change_of_agreed_rules(programme: Programme, today: date) -> date | None:
    versions = programme_selectors.rule_versions_of(programme=programme)
    starts = [
        v.valid_from
        for key in domain.AGREED_RULES
        for v in versions.get(key, [])
        if programme.starts_on < v.valid_from <= today
    ]
    return max(starts, default=None)


def seed(*, size: str) -> Iterator[str]:
    programme = programme_selectors.programme_current()
    officer = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    if programme is None or officer is None or AgreementTemplate.objects.filter(programme=programme).exists():
        yield from ("skipped",) * UNITS
        return
    today = timezone.localdate()
    templates_publish(programme=programme, officer=officer)
    yield "templates"

    # The two approved providers with the highest ids (never the demo provider's, nor those the
    # vouchers demo books: it takes the first ones) show a terminated agreement and one waiting
    # for its owner; every other approved provider signed four months ago.
    approved = list(Provider.objects.filter(status=ProviderStatus.APPROVED).order_by("pk"))
    demo_staff = demo_email(Role.PROVIDER_STAFF)
    others = [p for p in approved if not p.members.filter(user__email=demo_staff).exists()]
    spare = others[-SPARE:] if len(others) > MIN_FOR_SPARE else []
    signed_on = today - timedelta(days=120)
    for provider in approved:
        if provider not in spare:
            provider_signed(provider, programme, officer=officer, on=signed_on)
    yield "providers in force"

    if spare:
        terminated = provider_signed(spare[0], programme, officer=officer, on=signed_on)
        if terminated is not None:
            services.provider_agreement_terminate(
                agreement_id=terminated.pk,
                actor=Actor.of(officer),
                reason=TERMINATION_REASON,
                no_bookings_after=today + timedelta(days=14),
            )
        owner = spare[1].members.filter(is_owner=True).select_related("user").first()
        if owner is not None:
            services.provider_agreement_prepare(actor=Actor.of(owner.user), programme_id=programme.pk)
    yield "provider terminated and awaiting"

    participant = User.objects.filter(email=demo_email(Role.PARTICIPANT), role=Role.PARTICIPANT).first()
    if participant is not None:
        changed = _last_change_of_agreed_rules(programme, today)
        signed = changed - timedelta(days=1) if changed is not None else today
        agreement = participation_accepted(participant, programme, on=signed, officer=officer)
        if agreement is not None and changed is not None:
            services.participation_annex_prepare(agreement_id=agreement.pk, on=today)
    yield "participant"
