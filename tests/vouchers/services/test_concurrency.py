"""Concurrent bookings on one voucher account, each client in its own database connection:
the balance allows exactly ``k`` of them, so exactly ``k`` are made and the others are refused
with a clear message, and the balance never goes below zero; one idempotency key sent at once by
many clients makes one booking and one reservation.

PostgreSQL runs the scenarios in this process (threads, one connection each, in a transactional
test). SQLite cannot: the test suite's database is shared-cache memory, where a second writer
fails at once instead of waiting for the lock. There the scenarios run in a subprocess on a file
database, as deployed (WAL, BEGIN IMMEDIATE): a copy of the migrated test database (same schema,
triggers and reference data), made with SQLite's backup API."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kierunek.core.actor import Actor
from kierunek.vouchers import services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import Booking, LedgerAccount, LedgerTransaction, TransactionKind
from tests import races
from tests.vouchers import builders as b

ROOT = Path(__file__).resolve().parents[3]
CLIENTS = 10
UNIT = 1500
PRICE = 32 * UNIT  # a 16-hour language course: 32 vouchers under the rule of 1.07.2026


def _in_threads(calls) -> list[str]:
    """Run the calls at the same moment, one thread (and connection) each; return what each
    got: "created", "returned" (an earlier booking) or "refused: <message>"."""
    start = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        try:
            start.wait()
            created = call()
            outcomes.append("created" if created.created else f"returned {created.booking.pk}")
        except ValidationError as error:
            outcomes.append(f"refused: {' '.join(error.messages)}")
        except Exception as error:
            outcomes.append(f"error: {type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _state(account) -> dict:
    wallet = LedgerAccount.objects.get(pk=account.account_id).balance
    reserved = LedgerAccount.objects.get(pk=account.reserved_id).balance
    return {
        "wallet": wallet,
        "reserved": reserved,
        "bookings": Booking.objects.filter(voucher_account=account).count(),
        "reservations": LedgerTransaction.objects.filter(
            voucher_account=account, kind=TransactionKind.RESERVE
        ).count(),
        "violations": ledger_violations(),
    }


def race_for_the_last_vouchers() -> dict:
    """Ten clients book ten different courses of 32 vouchers on one account of 180: the balance
    allows five."""
    account = b.issued_account()
    provider = b.quality_provider()
    cards = [b.card(provider) for _ in range(CLIENTS)]
    calls = [
        lambda card=card: services.booking_create(
            actor=Actor.of(account.participant),
            card_id=card.pk,
            voucher_account_id=account.pk,
            idempotency_key=b.key("race"),
        )
        for card in cards
    ]
    return {"outcomes": _in_threads(calls), **_state(account)}


def race_with_one_key() -> dict:
    """Eight clients send the same booking with the same idempotency key at once."""
    account = b.issued_account()
    card = b.card()
    key = b.key("same")
    calls = [
        lambda: services.booking_create(
            actor=Actor.of(account.participant),
            card_id=card.pk,
            voucher_account_id=account.pk,
            idempotency_key=key,
        )
    ] * 8
    outcomes = _in_threads(calls)
    return {"outcomes": outcomes, "booking": Booking.objects.get(idempotency_key=key).pk, **_state(account)}


def race_of_settlement_runs() -> dict:
    """Four runs with different keys settle the same programme at once: each booking is settled
    by one of them, once."""
    providers = [b.quality_provider() for _ in range(3)]
    bookings = [
        b.confirmed_and_evaluated(b.book(b.issued_account(), b.card(provider)))
        for provider in providers
        for _ in range(2)
    ]
    programme_id = b.package().programme_id
    operator = b.operator()
    keys = [b.key("settle") for _ in range(4)]
    start = threading.Barrier(len(keys))
    outcomes: list[str] = []

    def settle(key: str) -> None:
        try:
            start.wait()
            result = services.settlement_run(
                programme_id=programme_id, actor=Actor.of(operator), idempotency_key=key
            )
            outcomes.append(f"settled {result.settled}")
        except Exception as error:
            outcomes.append(f"error: {type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=settle, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    settle_legs = LedgerTransaction.objects.filter(
        kind=TransactionKind.SETTLE, postings__booking__isnull=False
    )
    return {
        "outcomes": outcomes,
        "bookings": len(bookings),
        "settled": Booking.objects.filter(pk__in=[x.pk for x in bookings], status="settled").count(),
        "booking_legs": settle_legs.count(),
        "distinct_booking_legs": settle_legs.values("postings__booking").distinct().count(),
        "receivables": sum(
            LedgerAccount.objects.filter(kind="receivable", provider__in=providers).values_list(
                "balance", flat=True
            )
        ),
        "amount": sum(x.amount for x in bookings),
        "violations": ledger_violations(),
    }


SCENARIOS = {
    "last_vouchers": race_for_the_last_vouchers,
    "one_key": race_with_one_key,
    "settlement_runs": race_of_settlement_runs,
}


@pytest.fixture(scope="module")
def sqlite_file_results(django_db_setup, django_db_blocker, tmp_path_factory) -> dict:
    """The scenarios run on a file copy of the migrated test database, in a subprocess."""
    return races.sqlite_file_results(
        "tests.vouchers.services.test_concurrency",
        django_db_blocker=django_db_blocker,
        folder=tmp_path_factory.mktemp("ledger-race"),
        timeout=600,
    )


@pytest.fixture
def scenario(request):
    """Run a scenario: in this process on PostgreSQL, in the SQLite file subprocess otherwise."""
    return races.scenario_runner(request, SCENARIOS)


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_take_exactly_what_the_balance_allows(scenario):
    result = scenario("last_vouchers")

    outcomes = sorted(result["outcomes"])
    assert outcomes.count("created") == 5, outcomes
    refusals = [o for o in outcomes if o != "created"]
    assert len(refusals) == CLIENTS - 5
    # Each refusal says what the service takes (32 vouchers) and what is left (20).
    assert all(o.startswith("refused: ") and "32" in o and "20" in o for o in refusals), refusals
    assert result["wallet"] == 180 * UNIT - 5 * PRICE == 20 * UNIT
    assert result["reserved"] == 5 * PRICE
    assert result["bookings"] == result["reservations"] == 5
    assert result["violations"] == []


@pytest.mark.django_db(transaction=True)
def test_one_idempotency_key_sent_at_once_makes_one_booking(scenario):
    result = scenario("one_key")

    outcomes = result["outcomes"]
    assert outcomes.count("created") == 1, outcomes
    assert sorted(o for o in outcomes if o != "created") == [f"returned {result['booking']}"] * 7
    assert result["bookings"] == result["reservations"] == 1
    assert result["wallet"] == 180 * UNIT - PRICE
    assert result["reserved"] == PRICE
    assert result["violations"] == []


@pytest.mark.django_db
def test_the_same_idempotency_key_twice_in_a_row_makes_one_booking():
    account = b.issued_account()
    card = b.card()
    key = b.key("twice")

    def book():
        return services.booking_create(
            actor=Actor.of(account.participant),
            card_id=card.pk,
            voucher_account_id=account.pk,
            idempotency_key=key,
        )

    first, second = book(), book()

    assert first.created
    assert not second.created
    assert second.booking.pk == first.booking.pk
    assert second.not_me_token is None  # the link was sent once, with the first booking
    state = _state(account)
    assert (state["bookings"], state["reservations"], state["reserved"]) == (1, 1, PRICE)
    assert state["violations"] == []


@pytest.mark.django_db(transaction=True)
def test_settlement_runs_with_different_keys_at_once_settle_each_booking_once(scenario):
    result = scenario("settlement_runs")

    assert not [o for o in result["outcomes"] if o.startswith("error")], result["outcomes"]
    assert sum(int(o.split()[1]) for o in result["outcomes"]) == result["bookings"] == 6
    assert result["settled"] == result["booking_legs"] == result["distinct_booking_legs"] == 6
    assert result["receivables"] == result["amount"]
    assert result["violations"] == []
