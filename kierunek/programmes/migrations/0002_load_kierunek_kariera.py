"""The demo programme "Kierunek Kariera" as data (fixtures/kierunek_kariera.json): its period,
budget, packages, and the dated versions of its rules with the decisions that set them."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "kierunek_kariera.json"


def load(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Package = apps.get_model("programmes", "Package")
    RuleVersion = apps.get_model("programmes", "RuleVersion")
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    fields = dict(data["programme"])
    for name in ("starts_on", "ends_on", "orders_open_on", "orders_close_on"):
        fields[name] = date.fromisoformat(fields[name])
    programme = Programme.objects.create(**fields)
    for package in data["packages"]:
        Package.objects.create(programme=programme, **package)
    for version in data["rule_versions"]:
        RuleVersion.objects.create(
            programme=programme,
            key=version["key"],
            valid_from=date.fromisoformat(version["valid_from"]),
            value=version["value"],
            decision_ref=version["decision_ref"],
            note=version.get("note", ""),
        )


def unload(apps, schema_editor):
    code = json.loads(FIXTURE.read_text(encoding="utf-8"))["programme"]["code"]
    Programme = apps.get_model("programmes", "Programme")
    Programme.objects.filter(code=code, applications__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
