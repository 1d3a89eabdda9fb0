"""The own contribution through the real services: set with the order from the rule in force,
the issue refused while unpaid, recorded by the operator or matched from a bank entry by its
title, the order lapsing at the deadline (not for the exempt), refunds, and the ledger balanced
after each step."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import domain, ledger, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    AccountKind,
    Contribution,
    ContributionStatus,
    ExemptReason,
    OrderStatus,
    VoucherAccount,
    VoucherOrder,
)
from kierunek.vouchers.services.calendar import POLISH_HOLIDAYS
from tests.agreements import builders as agreements
from tests.guidance.builders import eligible_participant, signed_balance
from tests.programmes.helpers import demo_programme, pesel_for
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


VOCATIONAL_VALUE = 333 * 1500  # 333 vouchers of 15 zł
DUE = 64_935  # 13 % of 4 995 zł, to the grosz


def vocational_order(participant=None):
    participant = participant or b.participant_with_plan("vocational")
    return services.order_create(actor=Actor.of(participant), package_id=b.package("vocational").pk)


def balance(kind: str) -> int:
    account = ledger.programme_account(programme_id=demo_programme().pk, kind=kind)
    account.refresh_from_db()
    return account.balance


def held() -> int:
    return balance(AccountKind.CONTRIB_HELD)


def budget() -> int:
    return balance(AccountKind.BUDGET)


def pay(contribution, *, reference="BANK-1", amount=None, by=None, on=None):
    return services.contribution_payment_record(
        actor=Actor.of(by or b.operator()),
        contribution=contribution,
        amount=DUE if amount is None else amount,
        booked_on=on or timezone.localdate(),
        bank_reference=reference,
    )


def test_the_order_waits_for_the_contribution_the_rule_gives():
    order = vocational_order()
    contribution = order.contribution
    today = timezone.localdate()

    assert (contribution.status, contribution.amount, contribution.package_value) == (
        ContributionStatus.DUE,
        DUE,
        VOCATIONAL_VALUE,
    )
    assert contribution.share_bp == 1300
    assert contribution.due_on == domain.add_working_days(today, 14, POLISH_HOLIDAYS)
    assert contribution.transfer_title == domain.transfer_title(year=today.year, number=order.pk)
    assert contribution.account_iban == "PL92113010170020123456200001"
    assert contribution.rule_version.key == "contribution"
    audit = AuditEvent.objects.get(action="vouchers.contribution_created")
    assert audit.details["grosze"] == DUE


def test_the_issue_is_refused_while_unpaid_and_nothing_changes():
    order = vocational_order()
    before = budget()

    with pytest.raises(ValidationError, match="own contribution has not been paid"):
        services.order_issue(order_id=order.pk, actor=Actor.of(b.operator()), idempotency_key=b.key())

    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED
    assert not VoucherAccount.objects.filter(order=order).exists()
    assert budget() == before


def test_paid_then_issued_the_contribution_funds_its_part_of_the_package():
    order = vocational_order()
    before = budget()
    operator = b.operator()

    paid = pay(order.contribution, by=operator)
    assert paid.status == ContributionStatus.PAID
    assert held() == DUE
    account = services.order_issue(order_id=order.pk, actor=Actor.of(operator), idempotency_key=b.key())

    assert account.account.balance == VOCATIONAL_VALUE
    assert budget() == before - (VOCATIONAL_VALUE - DUE)
    assert held() == 0
    assert ledger_violations() == []


def test_a_package_the_rule_does_not_name_and_an_exempt_group_pay_nothing():
    general = services.order_create(
        actor=Actor.of(b.participant_with_plan("general")), package_id=b.package("general").pk
    )
    older = eligible_participant(profile=pesel_for(date(1960, 5, 5)))
    balance = signed_balance(participant=older)
    balance.plan.areas.update(package_kind="vocational")
    agreements.participation_accepted(older)  # the other gate of issuing
    exempt = vocational_order(older)

    assert (general.contribution.status, general.contribution.exempt_reason) == (
        "exempt",
        ExemptReason.PACKAGE,
    )
    assert (exempt.contribution.status, exempt.contribution.exempt_reason) == ("exempt", ExemptReason.GROUP)
    assert exempt.contribution.amount == 0
    assert exempt.contribution.transfer_title == ""
    account = services.order_issue(order_id=exempt.pk, actor=Actor.of(b.operator()), idempotency_key=b.key())
    assert account.account.balance == VOCATIONAL_VALUE


def test_unpaid_by_the_deadline_the_order_lapses_and_the_participant_is_told(
    django_capture_on_commit_callbacks,
):
    order = vocational_order()
    exempt = services.order_create(
        actor=Actor.of(b.participant_with_plan("general")), package_id=b.package("general").pk
    )
    due_on = order.contribution.due_on

    assert services.contributions_lapse(on=due_on) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.contributions_lapse(on=due_on + timedelta(days=1)) == 1
    assert services.contributions_lapse(on=due_on + timedelta(days=2)) == 0

    order.refresh_from_db()
    exempt.refresh_from_db()
    assert order.status == OrderStatus.LAPSED
    assert order.contribution.status == ContributionStatus.LAPSED
    assert exempt.status == OrderStatus.ORDERED
    assert [m.to for m in mail.outbox] == [[order.participant.email]]
    assert order.contribution.transfer_title in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="vouchers.order_lapsed", object_id=str(order.pk)).count() == 1
    # The package may be ordered again, with a new contribution and title.
    again = vocational_order(order.participant)
    assert again.contribution.transfer_title != order.contribution.transfer_title


def test_a_late_payment_is_held_and_paid_back():
    order = vocational_order()
    services.contributions_lapse(on=order.contribution.due_on + timedelta(days=1))
    operator = b.operator()

    late = pay(order.contribution, by=operator)
    assert late.status == ContributionStatus.PAID_LATE
    assert held() == DUE
    refunded = services.contribution_refund(actor=Actor.of(operator), contribution_id=late.pk)
    again = services.contribution_refund(actor=Actor.of(operator), contribution_id=late.pk)

    assert refunded.status == again.status == ContributionStatus.REFUNDED
    assert held() == 0
    assert ledger_violations() == []


def test_a_refused_order_cancels_a_due_contribution_and_pays_back_a_paid_one():
    operator = Actor.of(b.operator())
    due = vocational_order()
    paid_order = vocational_order()
    pay(paid_order.contribution)
    with pytest.raises(ValidationError, match="refused or lapsed"):
        services.contribution_refund(actor=operator, contribution_id=paid_order.contribution.pk)

    services.order_refuse(order_id=due.pk, actor=operator, reason="Brak planu.")
    services.order_refuse(order_id=paid_order.pk, actor=operator, reason="Brak planu.")
    services.contribution_refund(actor=operator, contribution_id=paid_order.contribution.pk)

    with pytest.raises(ValidationError, match="was received"):
        services.contribution_refund(actor=operator, contribution_id=due.contribution.pk)
    assert Contribution.objects.get(order=due).status == ContributionStatus.CANCELLED
    assert Contribution.objects.get(order=paid_order).status == ContributionStatus.REFUNDED
    assert held() == 0


def test_recording_is_idempotent_on_the_bank_entry_and_exact_on_the_amount():
    first, second = vocational_order(), vocational_order()
    operator = b.operator()

    with pytest.raises(ValidationError, match="differs"):
        pay(first.contribution, amount=DUE - 1, by=operator)
    assert Contribution.objects.get(pk=first.contribution.pk).status == ContributionStatus.DUE
    pay(first.contribution, reference="E2E-7", by=operator)
    assert pay(first.contribution, reference="E2E-7", by=operator).status == ContributionStatus.PAID
    with pytest.raises(ValidationError, match="another contribution"):
        pay(second.contribution, reference="E2E-7", by=operator)
    with pytest.raises(ValidationError, match="no payment can be recorded"):
        pay(first.contribution, reference="E2E-8", by=operator)
    assert held() == DUE


def test_only_the_operator_records_a_payment_or_a_refund():
    order = vocational_order()
    with pytest.raises(PermissionDenied):
        pay(order.contribution, by=order.participant)
    with pytest.raises(PermissionDenied):
        pay(order.contribution, by=b.officer())
    with pytest.raises(PermissionDenied):
        services.contribution_refund(actor=Actor.of(b.officer()), contribution_id=order.contribution.pk)
    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.DUE
    assert held() == 0


@pytest.mark.parametrize(
    "written",
    [
        "{title}",
        "{lower}",
        "Wpłata wkładu {nodash} Jan Kowalski",
        "wklad wlasny: {spaced}",
        "{title}/zamówienie",
    ],
)
def test_a_bank_entry_is_matched_by_its_title_in_any_writing(written):
    order = vocational_order()
    title = order.contribution.transfer_title
    text = written.format(
        title=title, lower=title.lower(), nodash=title.replace("-", ""), spaced=title.replace("-", " ")
    )

    matched = services.contribution_match(
        title=text, amount=DUE, booked_on=timezone.localdate(), bank_reference="STMT-1"
    )

    assert matched is not None
    assert matched.pk == order.contribution.pk
    assert matched.status == ContributionStatus.PAID
    assert matched.recorded_by is None
    # The same statement again: nothing more.
    assert (
        services.contribution_match(
            title=text, amount=DUE, booked_on=timezone.localdate(), bank_reference="STMT-1"
        )
        == matched
    )
    assert held() == DUE


def test_a_typo_a_wrong_amount_or_two_titles_are_left_to_a_person():
    order, other = vocational_order(), vocational_order()
    title, today = order.contribution.transfer_title, timezone.localdate()
    typo = title[:-1] + str((int(title[-1]) + 1) % 10)

    assert services.contribution_match(title=typo, amount=DUE, booked_on=today, bank_reference="A") is None
    assert (
        services.contribution_match(title=title, amount=DUE + 1, booked_on=today, bank_reference="B") is None
    )
    both = f"{title} {other.contribution.transfer_title}"
    assert services.contribution_match(title=both, amount=DUE, booked_on=today, bank_reference="C") is None
    assert Contribution.objects.filter(status=ContributionStatus.DUE).count() == 2
    assert held() == 0


def test_the_system_records_a_match_in_the_audit_log():
    order = vocational_order()
    services.contribution_match(
        title=order.contribution.transfer_title,
        amount=DUE,
        booked_on=timezone.localdate(),
        bank_reference="X-1",
    )
    audit = AuditEvent.objects.get(action="vouchers.contribution_paid")
    assert audit.actor_id is None
    assert audit.details["bank_reference"] == "X-1"


def test_a_waiting_order_from_before_the_rule_is_exempt_by_the_migration():
    """What migration 0009 gives an order that was waiting when it ran (its function, run again)."""
    from importlib import import_module

    from django.apps import apps

    order = vocational_order()
    Contribution.objects.filter(order=order).delete()
    import_module("kierunek.vouchers.migrations.0009_own_contribution").exempt_waiting_orders(apps, SYSTEM)

    contribution = VoucherOrder.objects.get(pk=order.pk).contribution
    assert (contribution.status, contribution.exempt_reason) == ("exempt", "before_rule")


def test_ledger_check_finds_a_contribution_the_books_do_not_show():
    order = vocational_order()
    pay(order.contribution)
    assert ledger_violations() == []

    # Marked paid back without the money moving (a planted inconsistency).
    Contribution.objects.filter(pk=order.contribution.pk).update(
        status="refunded", refunded_at=timezone.now()
    )

    problems = ledger_violations()
    assert any("contrib_held" in line for line in problems)
    assert any("payers" in line for line in problems)


def test_a_programme_without_the_rule_asks_nothing():
    from kierunek.programmes.models import RuleVersion

    RuleVersion.objects.filter(programme=demo_programme(), key="contribution").delete()
    order = vocational_order()

    assert (order.contribution.status, order.contribution.exempt_reason) == ("exempt", ExemptReason.NO_RULE)
    assert order.contribution.rule_version is None


def test_find_names_the_contribution_or_says_why_not_and_records_nothing():
    order = vocational_order()
    title = order.contribution.transfer_title

    found, reason = services.contribution_find(title=f"wplata {title.lower()}", amount=DUE)
    assert (found.pk, reason) == (order.contribution.pk, "")
    assert services.contribution_find(title="czynsz za grudzień", amount=DUE) == (None, "")
    found, reason = services.contribution_find(title=title, amount=DUE - 100)
    assert found is None
    assert "649,35" in reason
    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.DUE
    assert held() == 0

    pay(order.contribution)
    found, reason = services.contribution_find(title=title, amount=DUE)
    assert found is None
    assert "paid" in reason


# --- the bank statement pays the contribution --------------------------------------------------


def test_a_bank_statement_pays_the_contribution_its_entry_names():
    """The operator uploads the bank's statement: the incoming payment with the transfer title
    and the amount due pays the contribution (the matcher registered by vouchers), one with
    another amount waits for a person with the reason, and the same statement again changes
    nothing."""
    from kierunek.vouchers.statement_samples import SampleEntry

    order, other = vocational_order(), vocational_order()
    today = timezone.localdate()
    entries = [
        SampleEntry(
            direction="credit",
            amount=DUE,
            booked_on=today,
            title=f"Wkład własny {order.contribution.transfer_title} Jan Kowalski",
            name="Jan Kowalski",
            bank_reference="CAMT-CONTRIB-1",
        ),
        SampleEntry(
            direction="credit",
            amount=DUE - 100,
            booked_on=today,
            title=other.contribution.transfer_title,
            name="Anna Nowak",
            bank_reference="CAMT-CONTRIB-2",
        ),
    ]
    content = b.statement_of(entries, on=today)
    uploaded = services.statement_upload(actor=Actor.of(b.operator()), content=content, filename="wyciag.xml")

    assert (uploaded.matched, uploaded.unmatched) == (1, 1)
    order.contribution.refresh_from_db()
    other.contribution.refresh_from_db()
    assert order.contribution.status == ContributionStatus.PAID
    assert order.contribution.bank_reference == "CAMT-CONTRIB-1"
    assert other.contribution.status == ContributionStatus.DUE
    waiting = uploaded.statement.entries.get(bank_reference="CAMT-CONTRIB-2")
    assert waiting.unmatched_reason  # the person sees why: another amount
    assert held() == DUE
    assert ledger_violations() == []

    again = services.statement_upload(actor=Actor.of(b.operator()), content=content, filename="wyciag.xml")
    assert again.created is False
    assert held() == DUE
