"""Five more dated rules of a programme: hours against sessions, confirmation deadlines, the outcome
survey, appeals and complaints. Their first versions are loaded by the contexts that use them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_booking_rule"),
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
                        ],
                    )
                ),
                name="programmes_rule_key_valid",
            ),
        ),
    ]
