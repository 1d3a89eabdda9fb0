"""Backup and restore (kierunek/core/backup.py, ``db_backup`` and ``db_restore``) on the engine of
the test run: SQLite's online backup API, or pg_dump/pg_restore when DATABASE_URL points to
PostgreSQL.

The drill is what an operator rehearses: back up a database with a voucher ledger in it, wipe the
database, restore, and ``ledger_check`` passes with every balance, posting and booking as before.
Bad input (a missing, foreign, damaged or other-engine file; an existing target) is refused with a
message that says why, and leaves the database and the files as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from kierunek.accounts.models import User
from kierunek.core.models import AuditEvent
from kierunek.vouchers.models import Booking, LedgerAccount, LedgerTransaction, Posting
from tests.accounts.factories import StaffUserFactory
from tests.reference_data import load_reference_data
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _engine_tools():
    """On PostgreSQL the commands run pg_dump and pg_restore: without them the tests cannot run."""
    if connection.vendor == "postgresql":
        for tool in ("pg_dump", "pg_restore"):
            if shutil.which(tool) is None:
                pytest.skip(
                    f"{tool} is not installed (Debian: postgresql-client): the PostgreSQL path needs it"
                )


@pytest.fixture
def ledger():
    """Reference data and a ledger with each kind of money movement the services make up to a
    settlement: a programme's budget, two issued packages, bookings, one of them settled."""
    load_reference_data()
    first = b.issued_account()
    second = b.issued_account()
    settled = b.confirmed_and_evaluated(b.book(first))
    b.settle(settled)
    b.book(second)
    return first


def state() -> dict[str, object]:
    """What a restore must bring back exactly: every ledger balance, transaction and posting, the
    bookings, the people and the audit trail."""
    return {
        "balances": sorted(LedgerAccount.objects.values_list("pk", "kind", "balance")),
        "transactions": sorted(LedgerTransaction.objects.values_list("pk", "kind", "idempotency_key")),
        "postings": sorted(Posting.objects.values_list("pk", "transaction_id", "account_id", "amount")),
        "bookings": sorted(Booking.objects.values_list("pk", "status", "voucher_account_id")),
        "users": sorted(User.objects.values_list("pk", "email")),
        "audit": AuditEvent.objects.count(),
    }


def restore(path: Path) -> None:
    call_command("db_restore", str(path), "--noinput", verbosity=0)


def test_drill_backup_wipe_restore_and_the_ledger_checks(ledger, tmp_path):
    # Given a database with a ledger, backed up
    before = state()
    assert before["postings"]
    assert before["bookings"]
    backup = tmp_path / "kierunek.backup"
    call_command("db_backup", str(backup), verbosity=0)
    assert backup.is_file()
    assert not (tmp_path / "kierunek.backup.partial").exists()

    # When the database is wiped
    call_command("flush", "--noinput", verbosity=0)
    assert not LedgerAccount.objects.exists()
    assert not User.objects.exists()

    # and restored from the backup
    restore(backup)

    # Then everything is as it was, and the ledger's invariants hold (balances re-derived)
    assert state() == before
    call_command("ledger_check", verbosity=0)


def test_a_restore_takes_the_database_back_to_the_backup(ledger, tmp_path):
    # Given a backup, then more work done after it
    backup = tmp_path / "before-booking.backup"
    before = state()
    call_command("db_backup", str(backup), verbosity=0)
    b.book(ledger)
    assert state() != before

    # When the backup is restored over the live database
    restore(backup)

    # Then the later booking and its postings are gone, and the ledger is consistent
    assert state() == before
    call_command("ledger_check", verbosity=0)
    # and the restored database takes new work (sequences restored, triggers in place)
    b.book(ledger)
    call_command("ledger_check", verbosity=0)


def test_the_backup_does_not_overwrite_a_file(tmp_path):
    target = tmp_path / "existing.backup"
    target.write_bytes(b"an older backup")

    with translation.override("en"), pytest.raises(CommandError, match="already exists"):
        call_command("db_backup", str(target), verbosity=0)

    assert target.read_bytes() == b"an older backup"


def test_the_backup_refuses_a_folder_that_does_not_exist(tmp_path):
    with translation.override("en"), pytest.raises(CommandError, match="does not exist"):
        call_command("db_backup", str(tmp_path / "missing" / "kierunek.backup"), verbosity=0)
    assert not (tmp_path / "missing").exists()


def test_the_restore_refuses_what_it_cannot_restore_and_changes_nothing(ledger, tmp_path):
    backup = tmp_path / "kierunek.backup"
    call_command("db_backup", str(backup), verbosity=0)
    whole = backup.read_bytes()
    # The first bytes of the other engine's backup files.
    other_engine = (
        b"PGDMP\x01\x0f\x00" if connection.vendor == "sqlite" else b"SQLite format 3\x00" + bytes(84)
    )
    cases = [
        ("missing", None, "does not exist"),
        ("a csv file", b"name;pesel\nJan;44051401359\n", "is not a backup made by db_backup"),
        ("empty", b"", "is not a backup made by db_backup"),
        ("the other engine's", other_engine, "is a backup of a"),
        ("cut in half", whole[: len(whole) // 2], "is damaged|cannot be read|pg_restore failed"),
    ]
    b.book(ledger)
    after = state()

    for name, content, message in cases:
        path = tmp_path / f"{name}.backup"
        if content is not None:
            path.write_bytes(content)

        with translation.override("en"), pytest.raises(CommandError, match=message):
            restore(path)

        assert state() == after, name
    call_command("ledger_check", verbosity=0)


def test_the_restore_asks_first_and_a_no_changes_nothing(tmp_path, monkeypatch):
    backup = tmp_path / "kierunek.backup"
    call_command("db_backup", str(backup), verbosity=0)
    StaffUserFactory()
    after = state()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with translation.override("en"), pytest.raises(CommandError, match="cancelled"):
        call_command("db_restore", str(backup), verbosity=0)

    assert state() == after


def test_the_messages_are_in_polish_by_default(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("db_restore", str(tmp_path / "brak.backup"), "--noinput", verbosity=0)
    assert "nie istnieje" in str(refused.value)
