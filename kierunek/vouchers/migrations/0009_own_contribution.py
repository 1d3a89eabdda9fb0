"""The participant's own contribution (decision 0011): a contribution per voucher order, with its
own lifecycle; orders may lapse; the ledger gets the contributions' accounts and transactions.
Orders already waiting to be issued were ordered before the contribution existed: each gets an
exempt contribution ("ordered before the contribution was introduced"), so the issue gate, which
asks every order for a paid or exempt contribution, lets them through as before."""

from importlib import import_module

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

LEDGER_TRIGGERS = import_module("kierunek.vouchers.migrations.0002_ledger_triggers")


def sqlite_triggers_drop(apps, schema_editor):
    """SQLite rebuilds a table to change its constraints, and a rebuild loses the table's triggers
    and trips over the others' references to it: the ledger's triggers step aside meanwhile (on
    PostgreSQL constraints change in place and the triggers stay)."""
    if schema_editor.connection.vendor == "sqlite":
        LEDGER_TRIGGERS.drop(apps, schema_editor)


def sqlite_triggers_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        LEDGER_TRIGGERS.create(apps, schema_editor)


def exempt_waiting_orders(apps, schema_editor):
    Contribution = apps.get_model("vouchers", "Contribution")
    for order in apps.get_model("vouchers", "VoucherOrder").objects.filter(status="ordered"):
        Contribution.objects.get_or_create(
            order=order,
            defaults={
                "participant_id": order.participant_id,
                "programme_id": order.programme_id,
                "status": "exempt",
                "package_value": 0,
                "amount": 0,
                "exempt_reason": "before_rule",
                "created_at": order.ordered_at,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0004_centre_opening_hours"),
        ("programmes", "0007_own_contribution_rule"),
        ("providers", "0005_bank_account_statement_and_withdrawal"),
        ("vouchers", "0008_confirmation_rule"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(sqlite_triggers_drop, sqlite_triggers_create),
        migrations.CreateModel(
            name="Contribution",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("due", "waiting for the payment"),
                            ("paid", "paid"),
                            ("exempt", "nothing to pay"),
                            ("lapsed", "not paid in time"),
                            ("paid_late", "paid after the deadline"),
                            ("cancelled", "cancelled with the order"),
                            ("refunded", "paid back"),
                        ],
                        default="due",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("package_value", models.BigIntegerField(verbose_name="value of the package (grosze)")),
                ("share_bp", models.PositiveIntegerField(default=0, verbose_name="share (basis points)")),
                ("amount", models.BigIntegerField(verbose_name="amount (grosze)")),
                (
                    "exempt_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("group", "you belong to a group the programme exempts"),
                            ("package", "the programme asks no contribution for this package"),
                            ("no_rule", "the programme asks no contribution"),
                            ("zero", "the contribution rounds to nothing"),
                            ("before_rule", "ordered before the contribution was introduced"),
                        ],
                        max_length=12,
                        verbose_name="why nothing is due",
                    ),
                ),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="pay by")),
                (
                    "transfer_title",
                    models.CharField(blank=True, max_length=20, verbose_name="transfer title"),
                ),
                ("account_iban", models.CharField(blank=True, max_length=34, verbose_name="account")),
                (
                    "account_holder",
                    models.CharField(blank=True, max_length=200, verbose_name="account holder"),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="ordered"),
                ),
                (
                    "paid_amount",
                    models.BigIntegerField(blank=True, null=True, verbose_name="amount received (grosze)"),
                ),
                ("paid_on", models.DateField(blank=True, null=True, verbose_name="booked by the bank on")),
                (
                    "bank_reference",
                    models.CharField(blank=True, max_length=100, verbose_name="bank reference"),
                ),
                ("refunded_at", models.DateTimeField(blank=True, null=True, verbose_name="paid back")),
            ],
            options={
                "verbose_name": "own contribution",
                "verbose_name_plural": "own contributions",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="ledgeraccount",
            name="vouchers_account_kind_valid",
        ),
        migrations.RemoveConstraint(
            model_name="ledgeraccount",
            name="vouchers_account_negative_only_where_allowed",
        ),
        migrations.RemoveConstraint(
            model_name="ledgeraccount",
            name="vouchers_one_programme_account_per_kind",
        ),
        migrations.RemoveConstraint(
            model_name="ledgertransaction",
            name="vouchers_transaction_kind_valid",
        ),
        migrations.RemoveConstraint(
            model_name="voucherorder",
            name="vouchers_order_status_valid",
        ),
        migrations.RemoveConstraint(
            model_name="voucherorder",
            name="vouchers_one_live_order_per_package",
        ),
        migrations.RemoveConstraint(
            model_name="voucherorder",
            name="vouchers_order_decision_recorded",
        ),
        migrations.AlterField(
            model_name="ledgeraccount",
            name="kind",
            field=models.CharField(
                choices=[
                    ("funding", "programme funding (source)"),
                    ("budget", "programme budget"),
                    ("vouchers", "participant's vouchers"),
                    ("reserved", "vouchers reserved by bookings"),
                    ("receivable", "owed to the provider"),
                    ("in_payment", "in a payment batch"),
                    ("paid_out", "paid out"),
                    ("payers", "participants' own contributions (source)"),
                    ("contrib_held", "own contributions received"),
                ],
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="ledgertransaction",
            name="kind",
            field=models.CharField(
                choices=[
                    ("fund", "programme funded"),
                    ("issue", "vouchers issued"),
                    ("reserve", "vouchers reserved by a booking"),
                    ("release", "reservation released"),
                    ("settle", "booking settled"),
                    ("batch", "payment batch built"),
                    ("batch_cancel", "payment batch cancelled"),
                    ("pay", "paid out"),
                    ("expire", "vouchers expired"),
                    ("clawback", "clawback"),
                    ("contribution", "own contribution received"),
                    ("contrib_refund", "own contribution paid back"),
                ],
                max_length=14,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="voucherorder",
            name="status",
            field=models.CharField(
                choices=[
                    ("ordered", "waiting to be issued"),
                    ("issued", "issued"),
                    ("refused", "refused"),
                    ("lapsed", "lapsed: the contribution was not paid in time"),
                ],
                default="ordered",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "funding",
                            "budget",
                            "vouchers",
                            "reserved",
                            "receivable",
                            "in_payment",
                            "paid_out",
                            "payers",
                            "contrib_held",
                        ],
                    )
                ),
                name="vouchers_account_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("may_go_negative", False),
                    ("kind__in", ["funding", "receivable", "payers"]),
                    _connector="OR",
                ),
                name="vouchers_account_negative_only_where_allowed",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("kind__in", ["funding", "budget", "in_payment", "paid_out", "payers", "contrib_held"])
                ),
                fields=("programme", "kind"),
                name="vouchers_one_programme_account_per_kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgertransaction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "fund",
                            "issue",
                            "reserve",
                            "release",
                            "settle",
                            "batch",
                            "batch_cancel",
                            "pay",
                            "expire",
                            "clawback",
                            "contribution",
                            "contrib_refund",
                        ],
                    )
                ),
                name="vouchers_transaction_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="voucherorder",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["ordered", "issued", "refused", "lapsed"])),
                name="vouchers_order_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="voucherorder",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["refused", "lapsed"]), _negated=True),
                fields=("participant", "package"),
                name="vouchers_one_live_order_per_package",
            ),
        ),
        migrations.AddConstraint(
            model_name="voucherorder",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "ordered"),
                    models.Q(("decided_at__isnull", False), ("decided_by__isnull", False)),
                    models.Q(("decided_at__isnull", False), ("status", "lapsed")),
                    _connector="OR",
                ),
                name="vouchers_order_decision_recorded",
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="order",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contribution",
                to="vouchers.voucherorder",
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="participant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contributions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="programmes.programme"
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="refunded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="rule_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="programmes.ruleversion",
                verbose_name="contribution rule applied",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["due", "paid", "exempt", "lapsed", "paid_late", "cancelled", "refunded"])
                ),
                name="vouchers_contribution_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("amount", 0), ("status", "exempt"), models.Q(("exempt_reason", ""), _negated=True)
                    ),
                    models.Q(
                        models.Q(("status", "exempt"), _negated=True),
                        ("amount__gt", 0),
                        ("exempt_reason", ""),
                    ),
                    _connector="OR",
                ),
                name="vouchers_contribution_exempt_iff_zero",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "exempt"),
                    models.Q(
                        ("due_on__isnull", False),
                        models.Q(("transfer_title", ""), _negated=True),
                        models.Q(("account_iban", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="vouchers_contribution_payment_details_set",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ("paid", "paid_late", "refunded")), _negated=True),
                    models.Q(
                        ("paid_amount", models.F("amount")),
                        ("paid_on__isnull", False),
                        models.Q(("bank_reference", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="vouchers_contribution_payment_recorded",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "refunded"), _negated=True),
                    ("refunded_at__isnull", False),
                    _connector="OR",
                ),
                name="vouchers_contribution_refund_recorded",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.UniqueConstraint(
                condition=models.Q(("transfer_title", ""), _negated=True),
                fields=("transfer_title",),
                name="vouchers_one_transfer_title",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.UniqueConstraint(
                condition=models.Q(("bank_reference", ""), _negated=True),
                fields=("bank_reference",),
                name="vouchers_contribution_one_bank_entry",
            ),
        ),
        migrations.RunPython(exempt_waiting_orders, migrations.RunPython.noop),
        migrations.RunPython(sqlite_triggers_create, sqlite_triggers_drop),
    ]
