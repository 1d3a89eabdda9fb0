"""The first version of Kierunek Kariera's outcome-survey rule: six months after completion, two reminders, six weeks open."""

from datetime import date

from django.db import migrations

PROGRAMME = "kierunek-kariera"
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


def load(apps, schema_editor):
    """Add the first version to the programme, if it exists (idempotent)."""
    Programme = apps.get_model("programmes", "Programme")
    RuleVersion = apps.get_model("programmes", "RuleVersion")
    programme = Programme.objects.filter(code=PROGRAMME).first()
    if programme is None:
        return
    RuleVersion.objects.get_or_create(
        programme=programme,
        key="outcome_survey",
        valid_from=VALID_FROM,
        defaults={"value": VALUE, "decision_ref": DECISION_REF, "note": NOTE},
    )


def unload(apps, schema_editor):
    apps.get_model("programmes", "RuleVersion").objects.filter(
        programme__code=PROGRAMME, key="outcome_survey", valid_from=VALID_FROM
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_comments_and_outcome_survey"),
        ("programmes", "0004_more_rule_keys"),
    ]

    operations = [migrations.RunPython(load, unload)]
