"""Which kinds of service the vouchers pay for, as a dated rule of a programme (issue 16), and its
first version in Kierunek Kariera: from 1 December 2026 the vouchers also pay for the validation of a
market qualification's learning outcomes and for the certification after it, each as a whole up to
a cap (80 and 60 vouchers: 1 200 and 900 zł at 15 zł a voucher). The decision and the caps are
sample values of the demo programme (decision 0019), as the other rules' are."""

from datetime import date

from django.db import migrations, models

from kierunek.programmes.rule_migrations import FirstRuleVersion

RULE = FirstRuleVersion(
    key="service_types",
    valid_from=date(2026, 12, 1),
    value={
        "payable": ["training", "advisory", "exam", "postgraduate", "validation", "certification"],
        "max_vouchers": {"validation": 80, "certification": 60},
    },
    decision_ref=(
        "Uchwała nr 1398/26 Zarządu Województwa Małopolskiego z dnia 24 listopada 2026 r. "
        "(zmiana § 7 Regulaminu projektu: walidacja i certyfikacja kwalifikacji rynkowych ZSK)"
    ),
    note=(
        "Bony opłacają także walidację efektów uczenia się i certyfikację kwalifikacji z Zintegrowanego "
        "Rejestru Kwalifikacji: walidacja najwyżej 80 bonów (1 200 zł), certyfikacja najwyżej 60 bonów "
        "(900 zł), niezależnie od liczby godzin; pozostałe rodzaje usług jak dotąd (dane przykładowe)."
    ),
)
load, unload = RULE.load, RULE.unload  # the browser tests' reference data runs load again


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0007_own_contribution_rule"),
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
                    ("service_types", "kinds of service vouchers pay for"),
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
                            "service_types",
                        ],
                    )
                ),
                name="programmes_rule_key_valid",
            ),
        ),
        migrations.RunPython(RULE.load, RULE.unload),
    ]
