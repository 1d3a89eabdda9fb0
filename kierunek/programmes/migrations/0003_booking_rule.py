"""The booking rule (deadlines of a booking's life and how long vouchers may be used), a new dated
rule of every programme; Kierunek Kariera gets its first version (fixtures/kierunek_kariera.json,
"booking_rule_versions")."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations, models

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "kierunek_kariera.json"


def load(apps, schema_editor):
    """Add the booking rule versions of the fixture to its programme (idempotent)."""
    Programme = apps.get_model("programmes", "Programme")
    RuleVersion = apps.get_model("programmes", "RuleVersion")
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    programme = Programme.objects.filter(code=data["programme"]["code"]).first()
    if programme is None:
        return
    for version in data["booking_rule_versions"]:
        RuleVersion.objects.get_or_create(
            programme=programme,
            key=version["key"],
            valid_from=date.fromisoformat(version["valid_from"]),
            defaults={
                "value": version["value"],
                "decision_ref": version["decision_ref"],
                "decision_url": version.get("decision_url", ""),
                "note": version.get("note", ""),
            },
        )


def unload(apps, schema_editor):
    apps.get_model("programmes", "RuleVersion").objects.filter(key="booking").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_load_kierunek_kariera"),
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
                ],
                max_length=32,
                verbose_name="rule",
            ),
        ),
        migrations.AddConstraint(
            model_name="ruleversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("key__in", ["voucher_unit", "consumption", "eligibility", "booking"])),
                name="programmes_rule_key_valid",
            ),
        ),
        migrations.RunPython(load, unload),
    ]
