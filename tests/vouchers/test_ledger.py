"""The ledger's invariants hold in the database itself, whatever code runs against it: raw SQL
that would break one is refused (migration 0002's triggers, the foreign key and the CHECKs). Each
refusal is paired with the same statement shape that the database accepts, so a refusal cannot
come from a mistake in the test's SQL."""

import uuid

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from kierunek.vouchers import ledger
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import AccountKind, LedgerAccount, LedgerTransaction, Posting
from tests.programmes.helpers import demo_programme

POSTING_SQL = "INSERT INTO vouchers_posting (transaction_id, account_id, amount) VALUES (%s, %s, %s)"
TRANSACTION_SQL = (
    "INSERT INTO vouchers_ledgertransaction (id, kind, programme_id, idempotency_key, memo, created_at)"
    " VALUES (%s, 'fund', %s, %s, '', %s)"
)


def _accounts():
    """A funding account (may go below zero) and a voucher wallet (may not), both at zero."""
    programme = demo_programme()
    funding = ledger.account_open(kind=AccountKind.FUNDING, programme_id=programme.pk)
    wallet = ledger.account_open(kind=AccountKind.VOUCHERS, programme_id=programme.pk)
    return programme, funding, wallet


def _write(programme, legs, *, transaction_row=True) -> uuid.UUID:
    """Postings first, then (unless told not to) the transaction row, as ledger.post does."""
    transaction_id = uuid.uuid4()
    with connection.cursor() as cursor:
        for account, amount in legs:
            cursor.execute(POSTING_SQL, [transaction_id.hex, account.pk, amount])
        if transaction_row:
            cursor.execute(
                TRANSACTION_SQL,
                [transaction_id.hex, programme.pk, f"raw-{transaction_id}", timezone.now().isoformat()],
            )
    return transaction_id


def _execute(sql: str, params=()) -> None:
    """One statement in its own savepoint (a refused one leaves the test's transaction usable)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _balances(*accounts) -> list[int]:
    return [LedgerAccount.objects.get(pk=a.pk).balance for a in accounts]


@pytest.mark.django_db
class TestRawSql:
    def test_a_balanced_transaction_is_accepted_and_moves_the_balances(self):
        programme, funding, wallet = _accounts()

        transaction_id = _write(programme, [(funding, -500), (wallet, 500)])

        assert _balances(funding, wallet) == [-500, 500]
        assert LedgerTransaction.objects.filter(pk=transaction_id).exists()
        assert ledger_violations() == []

    @pytest.mark.parametrize(
        "amounts", [[-500, 400], [-500, 500, 1], [500]], ids=["short", "over", "one-leg"]
    )
    def test_an_unbalanced_transaction_is_refused(self, amounts):
        programme, funding, wallet = _accounts()
        accounts = [funding, wallet, wallet]

        with (
            pytest.raises(DatabaseError, match="at least two postings summing to zero"),
            transaction.atomic(),
        ):
            _write(programme, list(zip(accounts, amounts, strict=False)))

        assert _balances(funding, wallet) == [0, 0]
        assert not Posting.objects.exists()
        assert not LedgerTransaction.objects.exists()

    def test_a_posting_cannot_be_updated(self):
        programme, funding, wallet = _accounts()
        transaction_id = _write(programme, [(funding, -500), (wallet, 500)])

        with pytest.raises(DatabaseError, match="append-only"):
            _execute(
                "UPDATE vouchers_posting SET amount = 900 WHERE transaction_id = %s AND amount = 500",
                [transaction_id.hex],
            )

        assert sorted(Posting.objects.values_list("amount", flat=True)) == [-500, 500]
        assert ledger_violations() == []

    def test_a_transaction_cannot_be_updated(self):
        programme, funding, wallet = _accounts()
        transaction_id = _write(programme, [(funding, -500), (wallet, 500)])

        with pytest.raises(DatabaseError, match="append-only"):
            _execute(
                "UPDATE vouchers_ledgertransaction SET memo = 'changed' WHERE id = %s", [transaction_id.hex]
            )

        assert LedgerTransaction.objects.get(pk=transaction_id).memo == ""

    def test_a_posting_cannot_be_added_to_a_written_transaction(self):
        programme, funding, wallet = _accounts()
        transaction_id = _write(programme, [(funding, -500), (wallet, 500)])

        with pytest.raises(DatabaseError, match="cannot be added to a written transaction"):
            _execute(POSTING_SQL, [transaction_id.hex, wallet.pk, 100])

        assert _balances(funding, wallet) == [-500, 500]
        assert Posting.objects.filter(transaction_id=transaction_id).count() == 2

    def test_a_posting_that_would_make_an_account_negative_is_refused(self):
        programme, funding, wallet = _accounts()
        _write(programme, [(funding, -500), (wallet, 500)])

        with pytest.raises(IntegrityError), transaction.atomic():
            _write(programme, [(wallet, -501), (funding, 501)])

        assert _balances(funding, wallet) == [-500, 500]
        # The same shape within the balance is accepted: the CHECK is what refused.
        _write(programme, [(wallet, -500), (funding, 500)])
        assert _balances(funding, wallet) == [0, 0]

    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no DELETE trigger (its test databases are flushed with DELETE); "
        "ledger_check catches a deletion there",
    )
    @pytest.mark.parametrize("table", ["vouchers_posting", "vouchers_ledgertransaction"])
    def test_postings_and_transactions_cannot_be_deleted(self, table):
        programme, funding, wallet = _accounts()
        _write(programme, [(funding, -500), (wallet, 500)])

        with pytest.raises(DatabaseError, match="append-only"):
            _execute(f"DELETE FROM {table}")  # noqa: S608 - a fixed table name

        assert Posting.objects.count() == 2
        assert LedgerTransaction.objects.count() == 1

    def test_a_deleted_transaction_is_caught_by_ledger_check_on_sqlite(self):
        if connection.vendor != "sqlite":
            pytest.skip("PostgreSQL refuses the deletion (test above)")
        programme, funding, wallet = _accounts()
        _write(programme, [(funding, -500), (wallet, 500)])

        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM vouchers_posting WHERE amount = 500")

        assert any("balance 500, postings 0" in problem for problem in ledger_violations())


@pytest.mark.django_db(transaction=True)
def test_postings_without_their_transaction_fail_at_commit(reference_data):
    programme, funding, wallet = _accounts()

    inside = []

    def postings_only():
        with transaction.atomic():
            _write(programme, [(funding, -500), (wallet, 500)], transaction_row=False)
            inside.append(_balances(funding, wallet))

    with pytest.raises(IntegrityError):
        postings_only()

    # Inside the transaction the postings were written (the deferred key not checked yet).
    assert inside == [[-500, 500]]

    assert not Posting.objects.exists()
    assert _balances(funding, wallet) == [0, 0]
    # The same postings followed by their transaction row commit.
    with transaction.atomic():
        _write(programme, [(funding, -500), (wallet, 500)])
    assert _balances(funding, wallet) == [-500, 500]
    assert ledger_violations() == []
