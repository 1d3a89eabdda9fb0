"""Demo vouchers: participants with signed development plans and issued vouchers, orders waiting
for the financial operator, and bookings in the states the operator and the officer meet:

- waiting for the provider, accepted (services still to come);
- completed, confirmed and evaluated: ready to settle; one only completed, whose deadline to
  confirm it comes in two days (the participant has been reminded); one not confirmed in time,
  in the officer's queue (the scheduled deadlines ran); one of a provider whose payouts are frozen;
- settled, in a payment batch built by the second demo operator, so the demo operator (a
  different person) can approve it;
- settled earlier, in a batch approved, sent and paid: the bank's statement (camt.053) confirmed
  its transfer; a second statement (MT940) has entries nothing matches (a bank fee, a payment
  with an unknown title), in the operator's queue to resolve;
- frozen by the participant ("this was not me"), for the officer;
- own contributions of vocational orders: the demo participant's awaiting the payment, one paid
  (recorded by the operator; the order waits to be issued) and one whose order lapsed unpaid.

Runs after kierunek.guidance.demo. Everything goes through the real services, with their dates
(``on=``) set in the past for services that already took place; the only rows written directly are
the past meetings with the advisor (no service books the past, as in guidance.demo) and the demo
cards of services that already ended, which are moved to "completed" after their bookings (the
catalogue's own services do not create past services). Deterministic: fixed idempotency keys, so
a second run finds the first one's work and adds nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, SECOND_OPERATOR_EMAIL, demo_email
from kierunek.accounts.models import Role, User
from kierunek.agreements.demo import participation_accepted
from kierunek.catalogue.models import CardStatus, Category, ServiceCard, ServiceSession
from kierunek.catalogue.search import card_index_update
from kierunek.core.actor import Actor
from kierunek.guidance import services as guidance_services
from kierunek.guidance.domain import PlanStatus, Stage
from kierunek.guidance.models import AdvisorSlot, Appointment, CompetenceBalance
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Package, Programme
from kierunek.providers.models import BankAccount, BankAccountStatus, Provider, ProviderStatus
from kierunek.quality.selectors import provider_meets_quality_requirement

from . import pain001, services
from .models import Booking, Contribution, VoucherAccount, VoucherOrder
from .statement_samples import SampleEntry, batch_debits, camt053, mt940

MARKER = "demo-vouchers"
EXTRA_PARTICIPANTS = 4  # besides the demo participant, with signed plans made here
# How a higher context evaluates a booking the participant confirmed (evaluations sits above
# vouchers: the seeding that knows both passes it, ``kierunek.evaluations.demo``).
Evaluate = Callable[[Booking], None]
UNITS = 16


def planned(size: str) -> int:
    return UNITS


def _key(*parts: object) -> str:
    return ":".join([MARKER, *(str(p) for p in parts)])


def seed(*, size: str, evaluate: Evaluate | None = None) -> Iterator[str]:
    """The vouchers demo; ``evaluate`` completes the participant's part of a delivered booking
    (without it, nothing is ready to settle)."""
    programme = programme_selectors.programme_current()
    people: dict[Role, User | None] = {
        role: User.objects.filter(email=demo_email(role), role=role).first()
        for role in (Role.PARTICIPANT, Role.ADVISOR, Role.OFFICER, Role.FINANCIAL_OPERATOR)
    }
    second_operator = User.objects.filter(email=SECOND_OPERATOR_EMAIL, role=Role.FINANCIAL_OPERATOR).first()
    done = Booking.objects.filter(idempotency_key__startswith=MARKER).exists()
    if programme is None or None in people.values() or second_operator is None or done:
        yield from ("skipped",) * UNITS
        return
    yield from _seed(programme, people, second_operator, evaluate)


def _seed(
    programme: Programme, people: dict[Role, User | None], second_operator: User, evaluate: Evaluate | None
) -> Iterator[str]:
    today = timezone.localdate()
    past = today - timedelta(days=45)  # the day the past services were ordered and booked
    operator, officer, advisor = (
        people[Role.FINANCIAL_OPERATOR],
        people[Role.OFFICER],
        people[Role.ADVISOR],
    )
    assert operator is not None
    assert officer is not None
    assert advisor is not None
    providers = _providers(past=past, today=today)
    if len(providers) < 3:
        yield from ("skipped",) * UNITS
        return
    participants = [p for p in [people[Role.PARTICIPANT]] if p is not None and _has_signed_plan(p)]
    for candidate in _eligible_without_balance(limit=EXTRA_PARTICIPANTS):
        _signed_plan(advisor, candidate, today=today)
        participants.append(candidate)
    yield "participants"
    if len(participants) < 4:
        yield from ("skipped",) * (UNITS - 1)
        return
    general = Package.objects.get(programme=programme, kind="general")
    vocational = Package.objects.get(programme=programme, kind="vocational")

    # Vouchers issued six weeks ago, so that services could be booked and delivered since.
    accounts = [_issued(p, general, operator, on=past - timedelta(days=1)) for p in participants[:3]]
    yield "issued"
    # Orders waiting for the financial operator.
    for participant, package in ((participants[0], vocational), (participants[3], general)):
        if package.kind in services.plan_packages(plan=_plan_of(participant)):
            services.order_create(actor=Actor.of(participant), package_id=package.pk)
    yield "orders"
    _contributions(participants[1:], vocational, operator, today=today)
    yield "contributions"

    main, other, frozen = providers[:3]
    # Services that took place: ready to settle, settled, waiting for confirmation, frozen provider.
    ready = _delivered(accounts[0], _past_card(main, past, 1), past, confirm=True, evaluate=evaluate)
    yield "ready"
    yield from _paid_batch(programme, accounts[0], other, past, operator, second_operator, evaluate)
    settled = _delivered(accounts[1], _past_card(other, past, 2), past, confirm=True, evaluate=evaluate)
    services.settlement_run(
        programme_id=programme.pk,
        actor=Actor.of(operator),
        idempotency_key=_key("settle"),
        booking_ids=[settled.pk],
    )
    yield "settled"
    # Reported twelve days ago: the participant has two days left to confirm (Kierunek Kariera's
    # rule gives fourteen).
    _delivered(accounts[2], _past_card(main, today - timedelta(days=27), 3), past, confirm=False)
    yield "unconfirmed"
    # Reported twenty days ago and never confirmed: the scheduled deadlines send it to the officer
    # (a 16-hour course takes at most 48 of the package's 180 vouchers: this account has room).
    _delivered(accounts[1], _past_card(other, today - timedelta(days=35), 5), past, confirm=False)
    services.deadlines_process(on=today)
    yield "officer queue"
    _delivered(accounts[2], _past_card(frozen, past, 4), past, confirm=True, evaluate=evaluate)
    services.payout_freeze(
        provider_id=frozen.pk,
        actor=Actor.of(officer),
        reason="Kontrola doraźna: niezgodność list obecności z raportem (dane demonstracyjne).",
    )
    yield "frozen provider"
    services.batch_build(
        programme_id=programme.pk, actor=Actor.of(second_operator), idempotency_key=_key("batch")
    )
    yield "batch"

    # Services still to come: waiting for the provider, accepted, and one the participant says
    # was not theirs (frozen for the officer).
    upcoming = _upcoming_cards(providers, today=today)
    requested = _book(accounts[0], upcoming[0], today, "requested")
    yield "requested"
    accepted = _book(accounts[1], upcoming[1], today, "accepted")
    services.booking_accept(
        booking_id=accepted.booking.pk, actor=Actor.of(_staff_of(accepted.booking.provider))
    )
    yield "accepted"
    not_me = _book(accounts[2], upcoming[2], today, "not-me")
    assert not_me.not_me_token is not None
    services.booking_not_me(token=not_me.not_me_token)
    yield "frozen booking"
    yield "done" if requested.created and ready.status == "completed" else "partly done"


# --- a batch the bank paid, and statements ------------------------------------------------------


def _paid_batch(
    programme: Programme,
    account: VoucherAccount,
    provider: Provider,
    past: date,
    operator: User,
    second_operator: User,
    evaluate: Evaluate | None,
) -> Iterator[str]:
    """A booking settled, batched, approved, sent and paid by the bank's statement (camt.053);
    then a statement (MT940) whose entries nothing matches."""
    today = timezone.localdate()
    booking = _delivered(account, _past_card(provider, past, 6), past, confirm=True, evaluate=evaluate)
    services.settlement_run(
        programme_id=programme.pk,
        actor=Actor.of(operator),
        idempotency_key=_key("settle-paid"),
        booking_ids=[booking.pk],
    )
    batch = services.batch_build(
        programme_id=programme.pk,
        actor=Actor.of(second_operator),
        idempotency_key=_key("batch-paid"),
        execution_date=today,
    )
    payer_iban = pain001.payer().iban
    if batch is not None:
        services.batch_approve(batch_id=batch.pk, actor=Actor.of(operator))
        services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(second_operator))
        entries = batch_debits(batch, booked_on=today)
        services.statement_upload(
            actor=Actor.of(operator),
            content=camt053(
                statement_id=f"DEMO/{today:%Y%m%d}/1", account=payer_iban, entries=entries, on=today
            ),
            filename="wyciag-demo.xml",
        )
    yield "paid batch"
    unmatched = [
        SampleEntry(direction="debit", amount=1_250, booked_on=today, title="Opłata za przelewy ELIXIR"),
        SampleEntry(
            direction="credit",
            amount=31_200,
            booked_on=today,
            title="Zwrot nadpłaty za szkolenie 11/2026",
            name="Centrum Szkoleń Zawodowych sp. z o.o.",
            account="PL61109010140000071219812874",
        ),
    ]
    services.statement_upload(
        actor=Actor.of(operator),
        content=mt940(statement_number=f"{today:%y%m%d}2", account=payer_iban, entries=unmatched, on=today),
        filename="wyciag-demo.sta",
    )
    yield "statements"


def _contributions(participants: list[User], vocational: Package, operator: User, *, today: date) -> None:
    """A vocational order whose contribution the operator recorded as paid three days ago, and one
    ordered six weeks ago and never paid: the daily task lets it lapse (and mails the person)."""
    owing = [
        p
        for p in participants
        if vocational.kind in services.plan_packages(plan=_plan_of(p))
        and not VoucherOrder.objects.filter(participant=p, package=vocational).exists()
        and services.contribution_quote(participant=p, package=vocational, day=today).amount > 0
    ]
    for participant, paid in zip(owing, (True, False), strict=False):
        on = today - timedelta(days=5) if paid else today - timedelta(days=42)
        order = services.order_create(actor=Actor.of(participant), package_id=vocational.pk, on=on)
        if paid:
            contribution = Contribution.objects.get(order=order)
            services.contribution_payment_record(
                actor=Actor.of(operator),
                contribution=contribution,
                amount=contribution.amount,
                booked_on=today - timedelta(days=3),
                bank_reference=_key("contribution", order.pk),
            )
    services.contributions_lapse(on=today)


# --- who and what -------------------------------------------------------------------------------


def _providers(*, past: date, today: date) -> list[Provider]:
    """Approved providers that met the quality requirement six weeks ago and still do, with an
    approved bank account and no payout hold: the demo provider-staff login's own first."""
    with_bank = BankAccount.objects.filter(status=BankAccountStatus.ACTIVE).values("provider_id")
    candidates = Provider.objects.filter(
        status=ProviderStatus.APPROVED, pk__in=with_bank, payout_hold_until__isnull=True
    ).order_by("pk")
    chosen: list[Provider] = []
    for provider in candidates:
        if provider.members.filter(user__email=demo_email(Role.PROVIDER_STAFF)).exists():
            chosen.insert(0, provider)
        elif len(chosen) < 6:
            chosen.append(provider)
    return [
        p
        for p in chosen
        if provider_meets_quality_requirement(provider=p, today=past)
        and provider_meets_quality_requirement(provider=p, today=today)
    ]


def _staff_of(provider: Provider) -> User:
    member = provider.members.select_related("user").order_by("-is_owner", "pk").first()
    assert member is not None
    return member.user


def _plan_of(participant: User):
    balance = CompetenceBalance.objects.filter(participant=participant).select_related("plan").first()
    return getattr(balance, "plan", None) if balance is not None else None


def _has_signed_plan(participant: User) -> bool:
    plan = _plan_of(participant)
    return plan is not None and plan.status in services.SIGNED_PLAN_STATUSES


def _eligible_without_balance(*, limit: int) -> list[User]:
    people = User.objects.filter(
        role=Role.PARTICIPANT, email__startswith="uczestnik0", email__endswith=f"@{DEMO_DOMAIN}"
    ).order_by("email")
    found: list[User] = []
    for person in people:
        if len(found) == limit:
            break
        if not CompetenceBalance.objects.filter(participant=person).exists() and (
            programme_selectors.participant_is_eligible(user=person)
        ):
            found.append(person)
    return found


def _signed_plan(advisor: User, participant: User, *, today: date) -> None:
    """A short competence balance ending in a signed plan with a general-package area and a
    vocational one, through the guidance services (the meeting a week ago is written directly, as
    guidance.demo does)."""
    tz = timezone.get_current_timezone()
    met_on = today - timedelta(days=60)
    with transaction.atomic():
        slot = AdvisorSlot.objects.create(
            advisor=advisor,
            starts_at=datetime.combine(met_on, time(14), tzinfo=tz) + timedelta(minutes=participant.pk % 50),
            ends_at=datetime.combine(met_on, time(15), tzinfo=tz) + timedelta(minutes=participant.pk % 50),
            mode="online",
        )
        Appointment.objects.create(slot=slot, participant=participant)
        balance = guidance_services.balance_start(participant_id=participant.pk, actor=Actor.of(advisor))
        experience = guidance_services.experience_save(
            balance_id=balance.pk,
            actor=Actor.of(advisor),
            data=guidance_services.ExperienceData(
                kind="work",
                title="Pracownik biurowy",
                organisation="Firma usługowa w Małopolsce",
                started_on=date(2016, 3, 1),
                ended_on=None,
                activities="Obsługa klienta, dokumenty, zestawienia.",
            ),
        )
        from kierunek.guidance.models import Competence

        competence = Competence.objects.filter(is_transversal=True).order_by("pk").first()
        if competence is not None:
            star = guidance_services.star_evidence_save(
                balance_id=balance.pk,
                actor=Actor.of(advisor),
                data=guidance_services.StarData(
                    situation="Nowy system w biurze.",
                    task="Przeszkolić zespół.",
                    action="Przygotował instrukcję i krótkie szkolenia.",
                    result="Zespół pracuje w nowym systemie.",
                    competence_ids=[competence.pk],
                    experience_id=experience.pk,
                ),
            )
            guidance_services.profile_competence_save(
                balance_id=balance.pk,
                actor=Actor.of(advisor),
                data=guidance_services.ProfileEntryData(
                    competence_id=competence.pk,
                    dimension="social",
                    level=3,
                    prk_level=None,
                    evidence="Wywiad behawioralny.",
                    star_ids=[star.pk],
                ),
            )
        for stage in (Stage.BIOGRAPHICAL, Stage.BEHAVIOURAL, Stage.PROFILE, Stage.PORTFOLIO):
            guidance_services.balance_stage_mark(
                balance_id=balance.pk, stage=stage, done=True, actor=Actor.of(advisor)
            )
        english = Category.objects.filter(code="languages_english").values_list("pk", flat=True)
        guidance_services.area_save(
            balance_id=balance.pk,
            actor=Actor.of(advisor),
            data=guidance_services.AreaData(
                title="Język angielski w pracy",
                gap="Poziom A2, w pracy potrzebny B1.",
                goals="Poziom B1 w ciągu roku.",
                package_kind="general",
                category_ids=list(english),
                keywords="angielski",
                priority=1,
            ),
        )
        office = Category.objects.filter(code="it_office").values_list("pk", flat=True)
        guidance_services.area_save(
            balance_id=balance.pk,
            actor=Actor.of(advisor),
            data=guidance_services.AreaData(
                title="Arkusz kalkulacyjny w pracy biurowej",
                gap="Zna podstawy arkusza; brakuje formuł i zestawień.",
                goals="Samodzielnie przygotowywać zestawienia dla klientów.",
                package_kind="vocational",
                category_ids=list(office),
                keywords="Excel",
                priority=2,
            ),
        )
        plan = guidance_services.plan_sign(balance_id=balance.pk, actor=Actor.of(advisor))
        assert plan.status == PlanStatus.SIGNED


def _issued(participant: User, package: Package, operator: User, *, on: date) -> VoucherAccount:
    order = VoucherOrder.objects.filter(participant=participant, package=package).first()
    if order is None:
        order = services.order_create(actor=Actor.of(participant), package_id=package.pk, on=on)
    participation_accepted(participant, package.programme, on=on)  # vouchers are issued under it
    return services.order_issue(
        order_id=order.pk,
        actor=Actor.of(operator),
        idempotency_key=_key("issue", participant.email, package.kind),
        on=on,
    )


# --- services and bookings ----------------------------------------------------------------------


def _past_card(provider: Provider, past: date, number: int) -> ServiceCard:
    """A 16-hour course of ``provider`` that ran from ten to fifteen days after ``past``: a copy
    of one of its demo cards with the dates moved (published for the booking, then completed)."""
    template = (
        ServiceCard.objects.filter(provider=provider).order_by("pk").first()
        or ServiceCard.objects.filter(status=CardStatus.PUBLISHED).order_by("pk").first()
    )
    assert template is not None
    starts_on = past + timedelta(days=10)
    card = ServiceCard.objects.create(
        provider=provider,
        title=f"{template.title} (edycja zakończona)",
        category=template.category,
        service_type=template.service_type,
        delivery_form=template.delivery_form,
        goal=template.goal,
        learning_outcomes=template.learning_outcomes,
        programme=template.programme,
        target_group=template.target_group,
        hours=Decimal("16.0"),
        gmina=template.gmina,
        street=template.street,
        price_net=100_000,
        price_gross=123_000,
        min_participants=1,
        max_participants=12,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=5),
        enrolment_deadline=starts_on - timedelta(days=4),
        status=CardStatus.PUBLISHED,
        published_at=timezone.now(),
        dedupe_key=f"{MARKER}-{provider.pk}-{number}",
        created_by=provider.created_by,
    )
    for day in (card.starts_on, card.ends_on):  # 8 hours a day and the break the hours rule does not count
        ServiceSession.objects.create(
            card=card, date=day, start_time=time(9), end_time=time(17, 30), place="Sala 1"
        )
    return card


def _delivered(
    account: VoucherAccount,
    card: ServiceCard,
    booked_on: date,
    *,
    confirm: bool,
    evaluate: Evaluate | None = None,
) -> Booking:
    """Booked on ``booked_on``, accepted, attended, reported completed on the last day; then
    (``confirm``) confirmed and evaluated by the participant. The ended card is completed."""
    created = services.booking_create(
        actor=Actor.of(account.participant),
        card_id=card.pk,
        voucher_account_id=account.pk,
        idempotency_key=_key("booking", card.dedupe_key),
        on=booked_on,
    )
    booking = created.booking
    staff = _staff_of(card.provider)
    services.booking_accept(booking_id=booking.pk, actor=Actor.of(staff), on=booked_on)
    sessions = {s.pk: True for s in card.sessions.all()}
    services.attendance_record(
        booking_id=booking.pk, actor=Actor.of(staff), present=sessions, on=card.ends_on
    )
    services.booking_report(
        booking_id=booking.pk,
        actor=Actor.of(staff),
        result="completed",
        certificate_number=f"ZAŚW/{card.pk}/{booking.pk}",
        on=card.ends_on,
    )
    if confirm:
        services.attendance_confirm(booking_id=booking.pk, actor=Actor.of(account.participant))
        if evaluate is not None:
            evaluate(booking)
    ServiceCard.objects.filter(pk=card.pk).update(status=CardStatus.COMPLETED)
    card.refresh_from_db()
    card_index_update(card=card)  # the evaluation indexed it while published: a completed card is not
    booking.refresh_from_db()
    return booking


def _upcoming_cards(providers: list[Provider], *, today: date) -> list[ServiceCard]:
    """Three published demo cards of the chosen providers that can still be booked, short enough
    for the general package."""
    cards = list(
        ServiceCard.objects.filter(
            provider__in=providers,
            status=CardStatus.PUBLISHED,
            starts_on__gte=today + timedelta(days=7),
            enrolment_deadline__gte=today,
            hours__lte=20,
        )
        .exclude(dedupe_key__startswith=MARKER)
        .order_by("starts_on", "pk")[:3]
    )
    while len(cards) < 3:  # a catalogue without such cards: a course of the first provider
        card = _past_card(providers[0], today + timedelta(days=20), 10 + len(cards))
        cards.append(card)
    return cards


def _book(account: VoucherAccount, card: ServiceCard, today: date, name: str) -> services.BookingCreated:
    return services.booking_create(
        actor=Actor.of(account.participant),
        card_id=card.pk,
        voucher_account_id=account.pk,
        idempotency_key=_key("booking", name),
        on=today,
    )
