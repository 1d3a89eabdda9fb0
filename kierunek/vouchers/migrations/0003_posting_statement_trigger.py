"""On PostgreSQL, the posting triggers run once per INSERT statement instead of once per row: the
ledger writes a transaction's postings with multi-row INSERTs, and a settlement has a posting per
booking. The statement trigger sees the inserted rows as a transition table, refuses them if any
joins a written transaction, and adds each account's total to its balance (the CHECK still refuses
a negative balance). SQLite keeps its row triggers (it has no statement triggers)."""

from django.db import migrations

POSTGRES_CREATE = [
    "DROP TRIGGER IF EXISTS vouchers_posting_into_open_transaction ON vouchers_posting;",
    "DROP TRIGGER IF EXISTS vouchers_posting_balance ON vouchers_posting;",
    """CREATE OR REPLACE FUNCTION vouchers_postings_inserted() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM new_postings n JOIN vouchers_ledgertransaction t ON t.id = n.transaction_id
        ) THEN
            RAISE EXCEPTION 'ledger: postings cannot be added to a written transaction';
        END IF;
        UPDATE vouchers_ledgeraccount a SET balance = a.balance + s.total
        FROM (SELECT account_id, SUM(amount) AS total FROM new_postings GROUP BY account_id ORDER BY account_id) s
        WHERE a.id = s.account_id;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER vouchers_postings_inserted AFTER INSERT ON vouchers_posting
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION vouchers_postings_inserted();""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS vouchers_postings_inserted ON vouchers_posting;",
    "DROP FUNCTION IF EXISTS vouchers_postings_inserted();",
    """CREATE TRIGGER vouchers_posting_into_open_transaction BEFORE INSERT ON vouchers_posting
    FOR EACH ROW EXECUTE FUNCTION vouchers_posting_before_insert();""",
    """CREATE TRIGGER vouchers_posting_balance AFTER INSERT ON vouchers_posting
    FOR EACH ROW EXECUTE FUNCTION vouchers_posting_after_insert();""",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("vouchers", "0002_ledger_triggers")]

    operations = [migrations.RunPython(create, drop)]
