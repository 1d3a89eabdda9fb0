"""The 20 MSUES 2.0 standards, from quality/fixtures/msues_2_0.json (the office edits them in the admin
afterwards; the fixture is the starting point, in the standard's four areas)."""

import json
from pathlib import Path

from django.db import migrations

# The fixture moved with the quality mark to its own context (kierunek/quality/fixtures).
FIXTURE = Path(__file__).resolve().parents[2] / "quality" / "fixtures" / "msues_2_0.json"


def load(apps, schema_editor):
    QualityStandard = apps.get_model("providers", "QualityStandard")
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    QualityStandard.objects.bulk_create([QualityStandard(**row["fields"]) for row in rows])


def unload(apps, schema_editor):
    apps.get_model("providers", "QualityStandard").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("providers", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
