"""The first version of Kierunek Kariera's complaints rule: the provider answers within 7 days of
being asked, an officer decides within 30 days of receipt (the month of the KPA, art. 35 § 3)."""

from datetime import date

from django.db import migrations

from kierunek.programmes.rule_migrations import FirstRuleVersion

VALID_FROM = date(2025, 1, 1)
VALUE = {"answer_days": 7, "decision_days": 30}
DECISION_REF = (
    "Uchwała nr 1742/24 Zarządu Województwa Małopolskiego z dnia 17 grudnia 2024 r. "
    "(Regulamin projektu) w zw. z art. 35 § 3 Kodeksu postępowania "
    "administracyjnego"
)
NOTE = (
    "Instytucja odpowiada na skargę w ciągu 7 dni od wezwania przez opiekuna projektu; "
    "rozstrzygnięcie skargi w ciągu 30 dni od jej wpływu (miesiąc, jak w KPA)."
)


RULE = FirstRuleVersion(
    key="complaints",
    valid_from=VALID_FROM,
    value=VALUE,
    decision_ref=DECISION_REF,
    note=NOTE,
)
load, unload = RULE.load, RULE.unload  # the browser tests' reference data runs load again


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("programmes", "0004_more_rule_keys"),
    ]

    operations = [migrations.RunPython(RULE.load, RULE.unload)]
