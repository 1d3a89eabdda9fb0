"""The first version of Kierunek Kariera's hours rule: how a card's hours are counted from its sessions."""

from datetime import date

from django.db import migrations

from kierunek.programmes.rule_migrations import FirstRuleVersion

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


RULE = FirstRuleVersion(
    key="hours",
    valid_from=VALID_FROM,
    value=VERSION["value"],
    decision_ref=VERSION["decision_ref"],
    note=VERSION["note"],
)
load, unload = RULE.load, RULE.unload  # the browser tests' reference data runs load again


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_import_jobs"),
        ("programmes", "0004_more_rule_keys"),
    ]

    operations = [
        migrations.RunPython(RULE.load, RULE.unload),
    ]
