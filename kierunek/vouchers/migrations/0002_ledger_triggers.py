"""The ledger's invariants in the database, whatever code runs against it.

- A posting cannot be added to a transaction that already exists; the transaction row is inserted
  after its postings, and inserting it checks that they are at least two and sum to zero. Postings
  whose transaction is never inserted fail the deferred foreign key at commit.
- Each posting adds its amount to its account's balance; the account's CHECK refuses a negative
  balance where one is not allowed, which refuses the posting.
- Postings and transactions cannot be updated; on PostgreSQL they cannot be deleted either (SQLite
  flushes test databases with DELETE, so there a deletion is caught by ``ledger_check``: the
  balances no longer equal the postings).
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE TRIGGER vouchers_posting_into_open_transaction BEFORE INSERT ON vouchers_posting
    WHEN EXISTS (SELECT 1 FROM vouchers_ledgertransaction WHERE id = NEW.transaction_id)
    BEGIN SELECT RAISE(ABORT, 'ledger: postings cannot be added to a written transaction'); END;""",
    """CREATE TRIGGER vouchers_posting_balance AFTER INSERT ON vouchers_posting
    BEGIN UPDATE vouchers_ledgeraccount SET balance = balance + NEW.amount WHERE id = NEW.account_id; END;""",
    """CREATE TRIGGER vouchers_transaction_balanced BEFORE INSERT ON vouchers_ledgertransaction
    WHEN (SELECT COUNT(*) FROM vouchers_posting WHERE transaction_id = NEW.id) < 2
      OR (SELECT COALESCE(SUM(amount), 0) FROM vouchers_posting WHERE transaction_id = NEW.id) <> 0
    BEGIN SELECT RAISE(ABORT, 'ledger: a transaction needs at least two postings summing to zero'); END;""",
    """CREATE TRIGGER vouchers_posting_no_update BEFORE UPDATE ON vouchers_posting
    BEGIN SELECT RAISE(ABORT, 'ledger: postings are append-only'); END;""",
    """CREATE TRIGGER vouchers_transaction_no_update BEFORE UPDATE ON vouchers_ledgertransaction
    BEGIN SELECT RAISE(ABORT, 'ledger: transactions are append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS vouchers_posting_into_open_transaction;",
    "DROP TRIGGER IF EXISTS vouchers_posting_balance;",
    "DROP TRIGGER IF EXISTS vouchers_transaction_balanced;",
    "DROP TRIGGER IF EXISTS vouchers_posting_no_update;",
    "DROP TRIGGER IF EXISTS vouchers_transaction_no_update;",
]

POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION vouchers_posting_before_insert() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM vouchers_ledgertransaction WHERE id = NEW.transaction_id) THEN
            RAISE EXCEPTION 'ledger: postings cannot be added to a written transaction';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER vouchers_posting_into_open_transaction BEFORE INSERT ON vouchers_posting
    FOR EACH ROW EXECUTE FUNCTION vouchers_posting_before_insert();""",
    """CREATE OR REPLACE FUNCTION vouchers_posting_after_insert() RETURNS trigger AS $$
    BEGIN
        UPDATE vouchers_ledgeraccount SET balance = balance + NEW.amount WHERE id = NEW.account_id;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER vouchers_posting_balance AFTER INSERT ON vouchers_posting
    FOR EACH ROW EXECUTE FUNCTION vouchers_posting_after_insert();""",
    """CREATE OR REPLACE FUNCTION vouchers_transaction_before_insert() RETURNS trigger AS $$
    DECLARE
        legs integer;
        total bigint;
    BEGIN
        SELECT COUNT(*), COALESCE(SUM(amount), 0) INTO legs, total
        FROM vouchers_posting WHERE transaction_id = NEW.id;
        IF legs < 2 OR total <> 0 THEN
            RAISE EXCEPTION 'ledger: a transaction needs at least two postings summing to zero';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER vouchers_transaction_balanced BEFORE INSERT ON vouchers_ledgertransaction
    FOR EACH ROW EXECUTE FUNCTION vouchers_transaction_before_insert();""",
    """CREATE OR REPLACE FUNCTION vouchers_ledger_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'ledger: %% is append-only', TG_TABLE_NAME;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER vouchers_posting_append_only BEFORE UPDATE OR DELETE ON vouchers_posting
    FOR EACH ROW EXECUTE FUNCTION vouchers_ledger_refuse_change();""",
    """CREATE TRIGGER vouchers_transaction_append_only BEFORE UPDATE OR DELETE ON vouchers_ledgertransaction
    FOR EACH ROW EXECUTE FUNCTION vouchers_ledger_refuse_change();""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS vouchers_posting_into_open_transaction ON vouchers_posting;",
    "DROP TRIGGER IF EXISTS vouchers_posting_balance ON vouchers_posting;",
    "DROP TRIGGER IF EXISTS vouchers_transaction_balanced ON vouchers_ledgertransaction;",
    "DROP TRIGGER IF EXISTS vouchers_posting_append_only ON vouchers_posting;",
    "DROP TRIGGER IF EXISTS vouchers_transaction_append_only ON vouchers_ledgertransaction;",
    "DROP FUNCTION IF EXISTS vouchers_posting_before_insert();",
    "DROP FUNCTION IF EXISTS vouchers_posting_after_insert();",
    "DROP FUNCTION IF EXISTS vouchers_transaction_before_insert();",
    "DROP FUNCTION IF EXISTS vouchers_ledger_refuse_change();",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("vouchers", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
