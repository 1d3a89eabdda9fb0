"""The first version of Kierunek Kariera's hours rule: how a card's hours are counted from its sessions.
Its own loader, not programmes.rule_migrations: the catalogue sits below programmes and imports
nothing of it (the migration depends on programmes' rule keys by name only)."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "programmes" / "fixtures" / "kierunek_kariera.json"
VALID_FROM = date(2025, 1, 1)
VERSION = {
    "value": {"hour_minutes": 60, "break_minutes": 30, "break_after_minutes": 360, "tolerance_minutes": 30},
    "decision_ref": (
        "Uchwała nr 1742/24 Zarządu Województwa Małopolskiego z dnia 17 grudnia 2024 r. "
        "(Regulamin projektu, § 8 ust. 3)"
    ),
    "note": (
        "Godzina usługi trwa 60 minut. W dniu, w którym zajęcia trwają łącznie ponad 6 godzin, "
        "30 minut to przerwa, która nie wlicza się do godzin usługi. Liczba godzin podana w karcie "
        "może różnić się od harmonogramu najwyżej o 30 minut; usługa, która podaje więcej, zużywa "
        "bony za godziny z harmonogramu."
    ),
}


def _programme(apps):
    code = json.loads(FIXTURE.read_text(encoding="utf-8"))["programme"]["code"]
    return apps.get_model("programmes", "Programme").objects.filter(code=code).first()


def load(apps, schema_editor):
    """Add the version to the programme (idempotent; nothing without the programme)."""
    programme = _programme(apps)
    if programme is None:
        return
    apps.get_model("programmes", "RuleVersion").objects.get_or_create(
        programme=programme,
        key="hours",
        valid_from=VALID_FROM,
        defaults={
            "value": VERSION["value"],
            "decision_ref": VERSION["decision_ref"],
            "note": VERSION["note"],
        },
    )


def unload(apps, schema_editor):
    programme = _programme(apps)
    if programme is not None:
        apps.get_model("programmes", "RuleVersion").objects.filter(
            programme=programme, key="hours", valid_from=VALID_FROM
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_import_jobs"),
        ("programmes", "0004_more_rule_keys"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
