"""A Hypothesis state machine drives the real services (issue, book, accept, reject, cancel,
deliver, confirm and evaluate, "not me", void, restore, deadlines (with the participant's deadlines
to confirm and rate, their reminders and outcomes, and the officer's decision on a service not
confirmed in time), settle, clawback, batches, provider freezes, expiry, and orders of the vocational
package with their own contribution (paid, paid with a wrong amount, lapsed, paid late, refused,
paid back, issued only once paid)) in random orders while
time moves forward through the services' ``on=`` dates. It keeps a small model of the money in
memory, predicts whether each call succeeds or is refused, and after every step checks the ledger
against the model and every invariant:

- per voucher account: issued = available + reserved + spent + returned;
- every transaction's postings sum to zero (at least two of them);
- no balance below zero where that is not allowed;
- ``ledger_violations()`` is empty;
- the contributions held and the participants' side of them are those of the model;
- the balances, booking states and taken seats are those of the model.

Each example runs in a savepoint rolled back at its end; the world (participants with signed
plans, providers, services) is built once before the examples. CI runs 25 examples of up to 30
steps; ``KIERUNEK_LEDGER_EXAMPLES=200`` runs more when looking for trouble."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from kierunek.core.actor import Actor
from kierunek.evaluations import services as evaluation_services
from kierunek.vouchers import domain, ledger, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    AccountKind,
    BatchStatus,
    Booking,
    Contribution,
    LedgerAccount,
    PaymentBatch,
    Posting,
)
from tests.providers.factories import provider_staff_of
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

START = date(2026, 7, 6)  # a Monday; the consumption rule of 1.07.2026 is in force
LAST_DAY = date(2028, 6, 30)  # the clock stops here (the programme takes orders until 2029)
LIVE = (domain.REQUESTED, domain.ACCEPTED, domain.FROZEN)
# The confirmation rule Kierunek Kariera starts with (vouchers migration 0007).
CONFIRM_DAYS = RATE_DAYS = 14
REMINDER_DAYS = (7, 2)
VOCATIONAL = 333 * 1500  # the vocational package at the unit in force
_keys = itertools.count(1)


def _key(prefix: str) -> str:
    return f"machine-{prefix}-{next(_keys)}"


@dataclass
class World:
    """Built once: what the examples share (rolled back to after each example)."""

    programme_id: int
    participants: list
    cards: list  # (card, vouchers amount in grosze)
    providers: list
    staff: dict  # provider id -> a member of its staff
    operator: object
    approver: object
    officer: object
    contributors: list  # participants whose plan includes the vocational package


@dataclass
class Account:
    voucher_account: object
    issued: int
    available: int
    reserved: int = 0
    spent: int = 0
    returned: int = 0


@dataclass
class BookingModel:
    pk: int
    key: str
    account: Account
    card: object
    amount: int
    token: str
    answer_by: date
    cancel_until: date
    report_by: date
    status: str = domain.REQUESTED
    frozen_from: str = ""
    confirmed: bool = False
    evaluated: bool = False
    confirm_by: date | None = None
    rate_by: date | None = None
    outcome: str = ""
    reminders: set = field(default_factory=set)

    @property
    def open_confirmation(self) -> bool:
        """Completed, with deadlines, not closed, and something still missing."""
        return (
            self.status == domain.COMPLETED
            and self.confirm_by is not None
            and not self.outcome
            and not (self.confirmed and self.evaluated)
        )

    @property
    def settleable(self) -> bool:
        return (self.confirmed and self.evaluated) or self.outcome in domain.SETTLEABLE_OUTCOMES


@dataclass
class ContributionModel:
    order: object
    contribution_id: int
    amount: int
    due_on: date
    status: str = "due"
    order_status: str = "ordered"


@dataclass
class BatchModel:
    pk: int
    lines: dict[int, int] = field(default_factory=dict)


def build_world() -> World:
    programme = b.package().programme
    # Open the budget (funded from the programme's funding) before the examples.
    ledger.programme_account(programme_id=programme.pk, kind=AccountKind.BUDGET)
    providers = [b.quality_provider(), b.quality_provider()]
    cards = []
    for provider, starts_in, days, hours, seats in [
        (providers[0], 10, 1, 16, 2),  # 32 vouchers, two seats
        (providers[0], 30, 7, 40, 12),  # 80 vouchers
        (providers[1], 20, 1, 16, 12),  # 32 vouchers
        (providers[1], 120, 2, 16, 12),  # 32 vouchers, for bookings after time moved on
    ]:
        starts_on = START + timedelta(days=starts_in)
        card = b.card(
            provider,
            hours=Decimal(hours),
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=days),
            max_participants=seats,
        )
        quote = services.booking_quote(card=card, programme=programme, voucher_unit=None, day=START)
        cards.append((card, quote.amount))
    return World(
        programme_id=programme.pk,
        participants=[b.participant_with_plan() for _ in range(3)],
        cards=cards,
        providers=providers,
        staff={provider.pk: provider_staff_of(provider) for provider in providers},
        operator=b.operator(),
        approver=b.operator(),
        officer=b.officer(),
        contributors=[b.participant_with_plan("vocational") for _ in range(3)],
    )


def _refused(call) -> bool:
    try:
        call()
    except ValidationError:
        return True
    return False


class VoucherLedgerMachine(RuleBasedStateMachine):
    world: World

    def __init__(self) -> None:
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        world = self.world
        self.clock = START
        self.waiting = list(world.participants)
        self.accounts: list[Account] = []
        self.bookings: list[BookingModel] = []
        self.seats = {card.pk: 0 for card, _amount in world.cards}
        self.budget = self._balance_of_kind(AccountKind.BUDGET)
        self.receivable = {provider.pk: 0 for provider in world.providers}
        self.in_payment = 0
        self.paid_out = 0
        self.frozen: set[int] = set()
        self.batches: list[BatchModel] = []
        self.contributors = list(world.contributors)
        self.contributions: list[ContributionModel] = []
        self.held = 0  # contributions received, not yet paid back nor spent on issued vouchers
        self.payers = 0  # the participants' side: minus what was received and not paid back

    def teardown(self) -> None:
        # What the example reached, for --hypothesis-show-statistics.
        for status in sorted({bm.status for bm in self.bookings}):
            event(f"a booking reached {status}")
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    # --- helpers ----------------------------------------------------------------------------

    def _balance_of_kind(self, kind: str) -> int:
        account = LedgerAccount.objects.filter(programme_id=self.world.programme_id, kind=kind).first()
        return account.balance if account else 0

    def _pick(self, pick: int, statuses=None) -> BookingModel | None:
        """A booking in one of ``statuses`` (any booking when None), or None."""
        found = [bm for bm in self.bookings if statuses is None or bm.status in statuses]
        return found[pick % len(found)] if found else None

    def _release(self, bm: BookingModel, status: str, *, free_seat: bool) -> None:
        bm.status = status
        bm.account.reserved -= bm.amount
        bm.account.available += bm.amount
        if free_seat:
            self.seats[bm.card.pk] -= 1

    # --- what a call on one booking should do (shared by the focused rules and ``attempt``) ---

    def _accept(self, bm: BookingModel) -> None:
        allowed = bm.status == domain.REQUESTED and self.clock <= bm.answer_by
        staff = self.world.staff[bm.card.provider_id]
        refused = _refused(
            lambda: services.booking_accept(booking_id=bm.pk, actor=Actor.of(staff), on=self.clock)
        )
        assert refused is not allowed
        if allowed:
            bm.status = domain.ACCEPTED

    def _reject(self, bm: BookingModel) -> None:
        allowed = bm.status == domain.REQUESTED
        staff = self.world.staff[bm.card.provider_id]
        refused = _refused(
            lambda: services.booking_reject(booking_id=bm.pk, actor=Actor.of(staff), reason="Brak miejsc.")
        )
        assert refused is not allowed
        if allowed:
            self._release(bm, domain.REJECTED, free_seat=True)

    def _cancel(self, bm: BookingModel) -> None:
        allowed = bm.status in (domain.REQUESTED, domain.ACCEPTED) and self.clock <= bm.cancel_until
        participant = bm.account.voucher_account.participant
        refused = _refused(
            lambda: services.booking_cancel(booking_id=bm.pk, actor=Actor.of(participant), on=self.clock)
        )
        assert refused is not allowed
        if allowed:
            self._release(bm, domain.CANCELLED, free_seat=True)

    def _deliver(self, bm: BookingModel, result: str) -> None:
        """The provider reports the result; time first moves to the service's last day if it
        has not come yet (for a completion, the attendance of every session is recorded first)."""
        if bm.status == domain.ACCEPTED:
            self.clock = max(self.clock, bm.card.ends_on)
        allowed = bm.status == domain.ACCEPTED and self.clock <= bm.report_by
        staff = self.world.staff[bm.card.provider_id]
        if allowed and result == domain.COMPLETED:
            sessions = {session.pk: True for session in bm.card.sessions.all()}
            services.attendance_record(
                booking_id=bm.pk, actor=Actor.of(staff), present=sessions, on=self.clock
            )
        refused = _refused(
            lambda: services.booking_report(
                booking_id=bm.pk, actor=Actor.of(staff), result=result, on=self.clock
            )
        )
        assert refused is not allowed
        if not allowed:
            return
        if result == domain.COMPLETED:
            bm.status = domain.COMPLETED
            bm.confirm_by = self.clock + timedelta(days=CONFIRM_DAYS)
            bm.rate_by = self.clock + timedelta(days=RATE_DAYS)
            recorded = Booking.objects.values_list("confirm_by", "rate_by").get(pk=bm.pk)
            assert recorded == (bm.confirm_by, bm.rate_by)
        else:
            self._release(bm, result, free_seat=False)

    def _confirm_and_evaluate(self, bm: BookingModel) -> None:
        participant = bm.account.voucher_account.participant
        allowed = bm.status == domain.COMPLETED
        refused = _refused(lambda: services.attendance_confirm(booking_id=bm.pk, actor=Actor.of(participant)))
        assert refused is not allowed
        if not allowed:
            return
        bm.confirmed = True
        refused = _refused(
            lambda: evaluation_services.evaluation_submit(
                booking_id=bm.pk, actor=Actor.of(participant), scores=b.SCORES
            )
        )
        assert refused is bm.evaluated, "a booking is evaluated once"
        bm.evaluated = True

    def _not_me(self, bm: BookingModel) -> None:
        allowed = bm.status in (domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED, domain.FROZEN)
        refused = _refused(lambda: services.booking_not_me(token=bm.token))
        assert refused is not allowed
        if allowed and bm.status != domain.FROZEN:
            bm.frozen_from, bm.status = bm.status, domain.FROZEN

    def _officer_decides(self, bm: BookingModel, genuine: bool) -> None:
        allowed = bm.status == domain.FROZEN
        officer = self.world.officer
        if genuine:
            refused = _refused(lambda: services.booking_restore(booking_id=bm.pk, actor=Actor.of(officer)))
        else:
            refused = _refused(
                lambda: services.booking_void(booking_id=bm.pk, actor=Actor.of(officer), reason="To nie ja.")
            )
        assert refused is not allowed
        if not allowed:
            return
        if genuine:
            bm.status, bm.frozen_from = bm.frozen_from, ""
        else:
            free_seat = bm.frozen_from in (domain.REQUESTED, domain.ACCEPTED)
            self._release(bm, domain.CANCELLED, free_seat=free_seat)

    def _clawback(self, bm: BookingModel) -> None:
        allowed = bm.status == domain.SETTLED
        refused = _refused(
            lambda: services.booking_clawback(
                booking_id=bm.pk,
                actor=Actor.of(self.world.officer),
                reason="Szkolenie się nie odbyło.",
                idempotency_key=_key("clawback"),
            )
        )
        assert refused is not allowed
        if allowed:
            bm.status = domain.CLAWED_BACK
            self.receivable[bm.card.provider_id] -= bm.amount
            self.budget += bm.amount

    def _officer_decides_unconfirmed(self, bm: BookingModel, delivered: bool) -> None:
        allowed = bm.status == domain.UNCONFIRMED
        decide = services.booking_officer_confirm if delivered else services.booking_officer_not_delivered
        refused = _refused(
            lambda: decide(booking_id=bm.pk, actor=Actor.of(self.world.officer), note="Lista obecności.")
        )
        assert refused is not allowed
        if not allowed:
            return
        if delivered:
            bm.status, bm.outcome = domain.COMPLETED, domain.OFFICER_CONFIRMED
        else:
            bm.outcome = domain.OFFICER_NOT_DELIVERED
            self._release(bm, domain.NOT_DELIVERED, free_seat=False)

    def _any(self, *statuses: str) -> bool:
        return any(bm.status in statuses for bm in self.bookings)

    # --- rules ------------------------------------------------------------------------------

    @initialize(card_picks=st.lists(st.integers(0, 9), min_size=2, max_size=2))
    def issue_two_accounts_and_book(self, card_picks):
        self.issue()
        self.issue()
        for account_pick, card_pick in enumerate(card_picks):
            self.book(account_pick, card_pick)

    @rule(days=st.sampled_from([1, 2, 3, 7, 14]))
    def advance(self, days):
        self.clock = min(self.clock + timedelta(days=days), LAST_DAY)

    @precondition(lambda self: len(self.bookings) >= 3)
    @rule()
    def a_year_passes(self):
        """Past the vouchers' use-by date (365 days after issue)."""
        self.clock = min(self.clock + timedelta(days=400), LAST_DAY)

    @precondition(lambda self: self.waiting)
    @rule()
    def issue(self):
        participant = self.waiting.pop()
        order = services.order_create(actor=Actor.of(participant), package_id=b.package().pk, on=self.clock)
        voucher_account = services.order_issue(
            order_id=order.pk,
            actor=Actor.of(self.world.operator),
            idempotency_key=_key("issue"),
            on=self.clock,
        )
        value = voucher_account.issued_value
        self.budget -= value
        self.accounts.append(Account(voucher_account, issued=value, available=value))

    @rule(account_pick=st.integers(0, 9), card_pick=st.integers(0, 9))
    def book(self, account_pick, card_pick):
        account = self.accounts[account_pick % len(self.accounts)]
        card, amount = self.world.cards[card_pick % len(self.world.cards)]
        voucher_account = account.voucher_account
        already = any(
            bm.account is account and bm.card.pk == card.pk and bm.status in LIVE for bm in self.bookings
        )
        allowed = (
            (card.starts_on - self.clock).days >= 3
            and self.clock <= card.enrolment_deadline
            and self.seats[card.pk] < card.max_participants
            and not already
            and self.clock <= voucher_account.expires_on
            and account.available >= amount
        )
        key = _key("book")
        try:
            created = services.booking_create(
                actor=Actor.of(voucher_account.participant),
                card_id=card.pk,
                voucher_account_id=voucher_account.pk,
                idempotency_key=key,
                on=self.clock,
            )
        except ValidationError:
            assert not allowed, "a booking the rules allow was refused"
            return
        assert allowed, "a booking the rules refuse was made"
        booking = created.booking
        assert created.created
        assert booking.amount == amount
        account.available -= amount
        account.reserved += amount
        self.seats[card.pk] += 1
        self.bookings.append(
            BookingModel(
                pk=booking.pk,
                key=key,
                account=account,
                card=card,
                amount=amount,
                token=created.not_me_token,
                answer_by=booking.answer_by,
                cancel_until=booking.cancel_until,
                report_by=booking.report_by,
            )
        )

    @precondition(lambda self: self.bookings)
    @rule(pick=st.integers(0, 9))
    def book_again_with_the_same_key(self, pick):
        bm = self._pick(pick)
        voucher_account = bm.account.voucher_account
        created = services.booking_create(
            actor=Actor.of(voucher_account.participant),
            card_id=bm.card.pk,
            voucher_account_id=voucher_account.pk,
            idempotency_key=bm.key,
            on=self.clock,
        )
        assert not created.created
        assert created.booking.pk == bm.pk

    @precondition(lambda self: self._any(domain.REQUESTED))
    @rule(pick=st.integers(0, 9))
    def accept(self, pick):
        self._accept(self._pick(pick, [domain.REQUESTED]))

    @precondition(lambda self: self._any(domain.REQUESTED))
    @rule(pick=st.integers(0, 9))
    def reject(self, pick):
        self._reject(self._pick(pick, [domain.REQUESTED]))

    @precondition(lambda self: self._any(domain.REQUESTED, domain.ACCEPTED))
    @rule(pick=st.integers(0, 9))
    def cancel(self, pick):
        self._cancel(self._pick(pick, [domain.REQUESTED, domain.ACCEPTED]))

    @precondition(lambda self: self._any(domain.ACCEPTED))
    @rule(
        pick=st.integers(0, 9),
        result=st.sampled_from([domain.COMPLETED, domain.COMPLETED, domain.NOT_COMPLETED, domain.NO_SHOW]),
    )
    def deliver(self, pick, result):
        self._deliver(self._pick(pick, [domain.ACCEPTED]), result)

    @precondition(
        lambda self: any(bm.status == domain.COMPLETED and not bm.evaluated for bm in self.bookings)
    )
    @rule(pick=st.integers(0, 9))
    def confirm_and_evaluate(self, pick):
        waiting = [bm for bm in self.bookings if bm.status == domain.COMPLETED and not bm.evaluated]
        self._confirm_and_evaluate(waiting[pick % len(waiting)])

    @precondition(lambda self: self._any(domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED))
    @rule(pick=st.integers(0, 9))
    def not_me(self, pick):
        self._not_me(self._pick(pick, [domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED]))

    @precondition(lambda self: self._any(domain.FROZEN))
    @rule(pick=st.integers(0, 9), genuine=st.booleans())
    def officer_decides_frozen(self, pick, genuine):
        self._officer_decides(self._pick(pick, [domain.FROZEN]), genuine)

    @precondition(lambda self: self._any(domain.SETTLED))
    @rule(pick=st.integers(0, 9))
    def clawback(self, pick):
        self._clawback(self._pick(pick, [domain.SETTLED]))

    @precondition(lambda self: self.bookings)
    @rule(
        pick=st.integers(0, 9),
        action=st.sampled_from(
            [
                "accept",
                "reject",
                "cancel",
                "deliver",
                "confirm",
                "not_me",
                "restore",
                "void",
                "clawback",
                "officer_confirms",
                "officer_finds_not_delivered",
            ]
        ),
    )
    def attempt(self, pick, action):
        """Any action on any booking, whatever its state: refused exactly when the model says."""
        bm = self._pick(pick)
        {
            "accept": self._accept,
            "reject": self._reject,
            "cancel": self._cancel,
            "deliver": lambda bm: self._deliver(bm, domain.COMPLETED),
            "confirm": self._confirm_and_evaluate,
            "not_me": self._not_me,
            "restore": lambda bm: self._officer_decides(bm, True),
            "void": lambda bm: self._officer_decides(bm, False),
            "clawback": self._clawback,
            "officer_confirms": lambda bm: self._officer_decides_unconfirmed(bm, True),
            "officer_finds_not_delivered": lambda bm: self._officer_decides_unconfirmed(bm, False),
        }[action](bm)

    @precondition(lambda self: self._any(domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED))
    @rule()
    def process_deadlines(self):
        counts = services.deadlines_process(on=self.clock)
        expected = dict.fromkeys(["lapsed", "not_delivered", "deemed_confirmed", "referred", "not_rated"], 0)
        expected["reminded"] = 0
        for bm in self.bookings:
            if bm.status == domain.REQUESTED and bm.answer_by < self.clock:
                self._release(bm, domain.LAPSED, free_seat=True)
                expected["lapsed"] += 1
            elif bm.status == domain.ACCEPTED and bm.report_by < self.clock:
                self._release(bm, domain.NOT_DELIVERED, free_seat=False)
                expected["not_delivered"] += 1
            elif bm.open_confirmation:
                self._confirmation_deadlines(bm, expected)
        assert counts == expected

    def _confirmation_deadlines(self, bm: BookingModel, expected: dict) -> None:
        """The rule of Kierunek Kariera: not confirmed by ``confirm_by``, to an officer; confirmed
        but not rated by ``rate_by``, settled without a rating; before that, one reminder for the
        nearest reminder day reached of the deadline of what is missing."""
        if not bm.confirmed and self.clock > bm.confirm_by:
            bm.status = domain.UNCONFIRMED
            expected["referred"] += 1
            return
        if bm.confirmed and self.clock > bm.rate_by:
            bm.outcome = domain.NOT_RATED
            expected["not_rated"] += 1
            return
        deadline = bm.rate_by if bm.confirmed else bm.confirm_by
        left = (deadline - self.clock).days
        due = [days for days in REMINDER_DAYS if 0 <= left <= days]
        if due and (deadline, min(due)) not in bm.reminders:
            bm.reminders.add((deadline, min(due)))
            expected["reminded"] += 1

    @precondition(lambda self: any(bm.open_confirmation for bm in self.bookings))
    @rule(pick=st.integers(0, 9), late=st.sampled_from([0, 1, 7]))
    def confirmation_deadline_passes(self, pick, late):
        """Time passes to (``late`` = 0) or past one open booking's deadline of what is missing,
        and the scheduled deadlines run."""
        waiting = [bm for bm in self.bookings if bm.open_confirmation]
        bm = waiting[pick % len(waiting)]
        deadline = bm.rate_by if bm.confirmed else bm.confirm_by
        self.clock = min(max(self.clock, deadline + timedelta(days=late)), LAST_DAY)
        self.process_deadlines()

    @precondition(lambda self: self._any(domain.UNCONFIRMED))
    @rule(pick=st.integers(0, 9), delivered=st.booleans())
    def officer_decides_unconfirmed(self, pick, delivered):
        self._officer_decides_unconfirmed(self._pick(pick, [domain.UNCONFIRMED]), delivered)

    def _settle(self, only: BookingModel | None = None) -> None:
        result = services.settlement_run(
            programme_id=self.world.programme_id,
            actor=Actor.of(self.world.operator),
            idempotency_key=_key("settle"),
            booking_ids=None if only is None else [only.pk],
            on=self.clock,
        )
        settled = amount = 0
        for bm in self.bookings if only is None else [only]:
            provider_id = bm.card.provider_id
            settleable = bm.settleable and provider_id not in self.frozen
            if bm.status == domain.COMPLETED and settleable:
                bm.status = domain.SETTLED
                bm.account.reserved -= bm.amount
                bm.account.spent += bm.amount
                self.receivable[provider_id] += bm.amount
                settled += 1
                amount += bm.amount
        assert (result.settled, result.amount) == (settled, amount)

    @precondition(lambda self: self._any(domain.COMPLETED))
    @rule()
    def settle(self):
        self._settle()

    @precondition(lambda self: self._any(domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED))
    @rule(pick=st.integers(0, 9))
    def happy_path(self, pick):
        """Take one booking along the happy path as far as it goes (accept, deliver, confirm and
        evaluate, settle), each call checked as in the single-step rules: examples reach
        settlement, batches and clawbacks within their steps."""
        bm = self._pick(pick, [domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED])
        if bm.status == domain.REQUESTED:
            self._accept(bm)
        if bm.status == domain.ACCEPTED:
            self._deliver(bm, domain.COMPLETED)
        if bm.status == domain.COMPLETED and not bm.evaluated:
            self._confirm_and_evaluate(bm)
        if bm.status == domain.COMPLETED:
            self._settle(only=bm)

    @precondition(lambda self: self._any(domain.COMPLETED, domain.SETTLED, domain.CLAWED_BACK))
    @rule(pick=st.integers(0, 1), freeze=st.booleans())
    def provider_payouts(self, pick, freeze):
        provider = self.world.providers[pick]
        if freeze:
            services.payout_freeze(
                provider_id=provider.pk, actor=Actor.of(self.world.officer), reason="Kontrola."
            )
            self.frozen.add(provider.pk)
        else:
            services.payout_unfreeze(provider_id=provider.pk, actor=Actor.of(self.world.officer))
            self.frozen.discard(provider.pk)

    @precondition(lambda self: any(self.receivable.values()))
    @rule()
    def build_batch(self):
        batch = services.batch_build(
            programme_id=self.world.programme_id,
            actor=Actor.of(self.world.operator),
            idempotency_key=_key("batch"),
            on=self.clock,
            execution_date=self.clock,
        )
        due = {p: amount for p, amount in self.receivable.items() if amount > 0 and p not in self.frozen}
        if not due:
            assert batch is None
            return
        assert batch is not None
        assert dict(batch.lines.values_list("provider_id", "amount")) == due
        for provider_id, amount in due.items():
            self.receivable[provider_id] -= amount
            self.in_payment += amount
        self.batches.append(BatchModel(batch.pk, due))

    @precondition(lambda self: self.batches)
    @rule(pay=st.booleans())
    def finish_batch(self, pay):
        """The oldest batch is approved, sent and paid; or cancelled."""
        batch = self.batches.pop(0)
        total = sum(batch.lines.values())
        if pay and set(batch.lines) & self.frozen:
            # a provider frozen since the batch was built stops it: it is refused, then cancelled
            with pytest.raises(ValidationError):
                services.batch_approve(batch_id=batch.pk, actor=Actor.of(self.world.approver))
            pay = False
        if pay:
            services.batch_approve(batch_id=batch.pk, actor=Actor.of(self.world.approver))
            services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(self.world.operator))
            # paid when the bank's statement confirms every transfer (the matching takes the step)
            real = PaymentBatch.objects.get(pk=batch.pk)
            b.bank_confirms(real, uploader=self.world.operator, on=self.clock)
            assert real.status == BatchStatus.PAID
            self.paid_out += total
        else:
            services.batch_cancel(batch_id=batch.pk, actor=Actor.of(self.world.operator))
            for provider_id, amount in batch.lines.items():
                self.receivable[provider_id] += amount
        self.in_payment -= total

    @precondition(lambda self: any(a.voucher_account.expires_on < self.clock for a in self.accounts))
    @rule()
    def expire(self):
        counts = services.vouchers_expire(on=self.clock)
        expired = grosze = 0
        for account in self.accounts:
            if account.voucher_account.expires_on < self.clock and account.available > 0:
                expired += 1
                grosze += account.available
                account.returned += account.available
                self.budget += account.available
                account.available = 0
        assert counts == {"accounts": expired, "grosze": grosze}

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def every_voucher_account_conserves_its_value(self):
        balances = dict(LedgerAccount.objects.values_list("pk", "balance"))
        for account in self.accounts:
            assert account.issued == account.available + account.reserved + account.spent + account.returned
            assert balances[account.voucher_account.account_id] == account.available
            assert balances[account.voucher_account.reserved_id] == account.reserved

    @invariant()
    def every_transaction_is_balanced(self):
        unbalanced = (
            Posting.objects.values("transaction_id")
            .annotate(total=Sum("amount"), legs=Count("id"))
            .exclude(total=0, legs__gte=2)
        )
        assert list(unbalanced) == []

    @invariant()
    def no_balance_below_zero_where_not_allowed(self):
        assert not LedgerAccount.objects.filter(balance__lt=0, may_go_negative=False).exists()

    @invariant()
    def programme_accounts_match_the_model(self):
        assert self._balance_of_kind(AccountKind.BUDGET) == self.budget
        assert self._balance_of_kind(AccountKind.IN_PAYMENT) == self.in_payment
        assert self._balance_of_kind(AccountKind.PAID_OUT) == self.paid_out
        receivables = dict(
            LedgerAccount.objects.filter(kind=AccountKind.RECEIVABLE).values_list("provider_id", "balance")
        )
        assert {p: receivables.get(p, 0) for p in self.receivable} == self.receivable

    @invariant()
    def bookings_and_seats_match_the_model(self):
        statuses = dict(Booking.objects.values_list("pk", "status"))
        assert statuses == {bm.pk: bm.status for bm in self.bookings}
        for card, _amount in self.world.cards:
            card.refresh_from_db(fields=["seats_taken"])
            assert card.seats_taken == self.seats[card.pk]

    @invariant()
    def confirmation_outcomes_match_the_model(self):
        outcomes = dict(Booking.objects.values_list("pk", "confirmation_outcome"))
        assert outcomes == {bm.pk: bm.outcome for bm in self.bookings}

    # --- own contributions --------------------------------------------------------------------

    def _contribution(self, pick: int, *statuses: str) -> ContributionModel | None:
        found = [cm for cm in self.contributions if not statuses or cm.status in statuses]
        return found[pick % len(found)] if found else None

    @precondition(lambda self: self.contributors)
    @rule()
    def order_with_a_contribution(self):
        participant = self.contributors.pop()
        order = services.order_create(
            actor=Actor.of(participant), package_id=b.package("vocational").pk, on=self.clock
        )
        contribution = order.contribution
        assert contribution.status == "due"
        assert contribution.amount == (VOCATIONAL * 1300 + 5000) // 10000
        self.contributions.append(
            ContributionModel(order, contribution.pk, contribution.amount, contribution.due_on)
        )

    def _record(self, cm: ContributionModel, amount: int) -> bool:
        return _refused(
            lambda: services.contribution_payment_record(
                actor=Actor.of(self.world.operator),
                contribution=cm.contribution_id,
                amount=amount,
                booked_on=START,
                bank_reference=_key("bank"),
            )
        )

    @precondition(lambda self: self.contributions)
    @rule(pick=st.integers(0, 9), off_by=st.sampled_from([0, 0, 0, 1, -1]))
    def pay_the_contribution(self, pick, off_by):
        cm = self._contribution(pick)
        payable = cm.status in ("due", "lapsed", "cancelled") and off_by == 0
        assert self._record(cm, cm.amount + off_by) is not payable
        if payable:
            cm.status = "paid" if cm.status == "due" else "paid_late"
            self.held += cm.amount
            self.payers -= cm.amount

    @precondition(lambda self: self.contributions)
    @rule(pick=st.integers(0, 9))
    def issue_a_vocational_order(self, pick):
        cm = self._contribution(pick)
        issuable = cm.order_status == "ordered" and cm.status == "paid"
        call = lambda: services.order_issue(  # noqa: E731
            order_id=cm.order.pk,
            actor=Actor.of(self.world.operator),
            idempotency_key=_key("issue"),
            on=self.clock,
        )
        if cm.order_status == "issued":
            call()  # issued before: the first voucher account, nothing moves
            return
        if not issuable:
            assert _refused(call)
            return
        voucher_account = call()
        value = voucher_account.issued_value
        self.budget -= value - cm.amount
        self.held -= cm.amount
        cm.order_status = "issued"
        self.accounts.append(Account(voucher_account, issued=value, available=value))

    @precondition(lambda self: self.contributions)
    @rule(pick=st.integers(0, 9))
    def refuse_a_vocational_order(self, pick):
        cm = self._contribution(pick)
        call = lambda: services.order_refuse(  # noqa: E731
            order_id=cm.order.pk, actor=Actor.of(self.world.operator), reason="Odmowa."
        )
        if cm.order_status != "ordered":
            assert _refused(call)
            return
        call()
        cm.order_status = "refused"
        if cm.status == "due":
            cm.status = "cancelled"

    @precondition(lambda self: self.contributions)
    @rule()
    def lapse_unpaid_orders(self):
        lapsing = [cm for cm in self.contributions if cm.status == "due" and cm.due_on < self.clock]
        assert services.contributions_lapse(on=self.clock) == len(lapsing)
        for cm in lapsing:
            cm.status = "lapsed"
            cm.order_status = "lapsed" if cm.order_status == "ordered" else cm.order_status

    @precondition(lambda self: self.contributions)
    @rule(pick=st.integers(0, 9))
    def pay_a_contribution_back(self, pick):
        cm = self._contribution(pick)
        call = lambda: services.contribution_refund(  # noqa: E731
            actor=Actor.of(self.world.operator), contribution_id=cm.contribution_id
        )
        refundable = cm.status in ("paid", "paid_late") and cm.order_status in ("refused", "lapsed")
        if cm.status == "refunded":
            call()  # a second time changes nothing
        elif not refundable:
            assert _refused(call)
        else:
            call()
            cm.status = "refunded"
            self.held -= cm.amount
            self.payers += cm.amount

    @invariant()
    def contributions_match_the_model(self):
        assert self._balance_of_kind(AccountKind.CONTRIB_HELD) == self.held
        assert self._balance_of_kind(AccountKind.PAYERS) == self.payers
        states = dict(Contribution.objects.values_list("pk", "status"))
        assert {cm.contribution_id: states[cm.contribution_id] for cm in self.contributions} == {
            cm.contribution_id: cm.status for cm in self.contributions
        }

    @invariant()
    def ledger_check_finds_nothing(self):
        assert ledger_violations() == []


def test_the_ledger_keeps_its_invariants_under_any_sequence_of_operations():
    VoucherLedgerMachine.world = build_world()
    run_state_machine_as_test(
        VoucherLedgerMachine,
        settings=settings(
            max_examples=int(os.environ.get("KIERUNEK_LEDGER_EXAMPLES", "25")),
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
