"""The first version of Kierunek Kariera's outcome-survey rule: six months after completion, two reminders, six weeks open."""

from datetime import date

from django.db import migrations

from kierunek.programmes.rule_migrations import FirstRuleVersion

VALID_FROM = date(2025, 1, 1)
VALUE = {"delay_months": 6, "reminder_days": [14, 28], "closes_after_days": 42}
DECISION_REF = (
    "Uchwała nr 1742/24 Zarządu Województwa Małopolskiego z dnia 17 grudnia 2024 r. "
    "(Regulamin projektu, § 11 ust. 3: badanie efektów)"
)
NOTE = (
    "Ankieta o efektach usługi: zaproszenie 6 miesięcy po zakończeniu usługi (ok. 182 dni); "
    "przypomnienia po 14 i 28 dniach, jeśli brak odpowiedzi; ankieta otwarta 42 dni od zaproszenia."
)


RULE = FirstRuleVersion(
    key="outcome_survey",
    valid_from=VALID_FROM,
    value=VALUE,
    decision_ref=DECISION_REF,
    note=NOTE,
)
load, unload = RULE.load, RULE.unload  # the browser tests' reference data runs load again


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_comments_and_outcome_survey"),
        ("programmes", "0004_more_rule_keys"),
    ]

    operations = [migrations.RunPython(RULE.load, RULE.unload)]
