"""The own contribution as a dated rule of a programme (wkład własny, paid before the vouchers are
issued), and its first version in Kierunek Kariera: 13 % of the vocational package, within 14
working days of the order, people 50+ and those with at most lower-secondary education exempt."""

from datetime import date

from django.db import migrations, models

from kierunek.programmes.rule_migrations import FirstRuleVersion

RULE = FirstRuleVersion(
    key="contribution",
    valid_from=date(2025, 1, 1),
    value={
        "share_bp": 1300,
        "packages": ["vocational"],
        "due_working_days": 14,
        "rounding": "half_up",
        "exempt_groups": [{"min_age": 50}, {"max_isced": 2}],
        "account_iban": "PL92113010170020123456200001",
        "account_holder": "Operator Finansowy Kierunek Kariera",
        "refund_unissued": True,
    },
    decision_ref=(
        "Uchwała nr 1742/24 Zarządu Województwa Małopolskiego z dnia 17 grudnia 2024 r. "
        "(Regulamin projektu, § 8 ust. 3-6)"
    ),
    note=(
        "Wkład własny uczestnika: 13 % wartości pakietu zawodowego, zaokrąglony do grosza (połówki w górę), "
        "wpłacany w ciągu 14 dni roboczych od zamówienia na rachunek operatora finansowego; bez wpłaty "
        "w terminie zamówienie wygasa. Zwolnione osoby w wieku 50+ i osoby z wykształceniem co najwyżej "
        "gimnazjalnym (ISCED 2). Wkład wpłacony za zamówienie odrzucone albo wygasłe jest zwracany."
    ),
)
load, unload = RULE.load, RULE.unload  # the browser tests' reference data runs load again


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_application_attachment"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="ruleversion",
            name="programmes_rule_key_valid",
        ),
        migrations.AlterField(
            model_name="ruleversion",
            name="key",
            field=models.CharField(
                choices=[
                    ("voucher_unit", "voucher unit"),
                    ("consumption", "vouchers per hour by category"),
                    ("eligibility", "eligibility"),
                    ("booking", "booking deadlines and voucher validity"),
                    ("hours", "hours of a service against its sessions"),
                    ("confirmation", "deadlines to confirm and rate a service"),
                    ("outcome_survey", "outcome survey after a service"),
                    ("appeal", "how to appeal a refusal"),
                    ("complaints", "deadlines of complaints"),
                    ("contribution", "own contribution before vouchers are issued"),
                ],
                max_length=32,
                verbose_name="rule",
            ),
        ),
        migrations.AddConstraint(
            model_name="ruleversion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "key__in",
                        [
                            "voucher_unit",
                            "consumption",
                            "eligibility",
                            "booking",
                            "hours",
                            "confirmation",
                            "outcome_survey",
                            "appeal",
                            "complaints",
                            "contribution",
                        ],
                    )
                ),
                name="programmes_rule_key_valid",
            ),
        ),
        migrations.RunPython(RULE.load, RULE.unload),
    ]
