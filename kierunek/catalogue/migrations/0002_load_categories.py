"""The fixed category tree, from fixtures/categories.json (parents are given by code)."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "categories.json"


def load(apps, schema_editor):
    Category = apps.get_model("catalogue", "Category")
    by_code = {}
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        fields = dict(row["fields"])
        parent_code = fields.pop("parent")
        category = Category.objects.create(parent=by_code.get(parent_code), **fields)
        by_code[category.code] = category


def unload(apps, schema_editor):
    Category = apps.get_model("catalogue", "Category")
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
