"""The first version of the confirmation rule of Kierunek Kariera (deadlines to confirm and rate a
completed service, reminders, and an officer's decision after the deadline)."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "programmes" / "fixtures" / "kierunek_kariera.json"
KEY = "confirmation"
VALID_FROM = date(2025, 1, 1)
VALUE = {
    "confirm_days_after_report": 14,
    "rate_days_after_report": 14,
    "reminder_days_before": [7, 2],
    "after_deadline": "to_officer",
}
DECISION_REF = (
    "Uchwała nr 1742/24 Zarządu Województwa Małopolskiego z dnia 17 grudnia 2024 r. "
    "(Regulamin projektu, § 9 ust. 4)"
)
NOTE = (
    "Uczestnik potwierdza udział w usłudze i wypełnia ankietę oceniającą w ciągu 14 dni od zgłoszenia "
    "przez instytucję zakończenia usługi; przypomnienia 7 i 2 dni przed terminem. Bez potwierdzenia "
    "w terminie o rozliczeniu decyduje opiekun projektu: potwierdza usługę do rozliczenia (bez oceny) "
    "albo uznaje ją za niezrealizowaną i zwraca bony uczestnikowi."
)


def load(apps, schema_editor):
    """Add the first confirmation rule version to the programme of the fixture (idempotent)."""
    Programme = apps.get_model("programmes", "Programme")
    RuleVersion = apps.get_model("programmes", "RuleVersion")
    code = json.loads(FIXTURE.read_text(encoding="utf-8"))["programme"]["code"]
    programme = Programme.objects.filter(code=code).first()
    if programme is None:
        return
    RuleVersion.objects.get_or_create(
        programme=programme,
        key=KEY,
        valid_from=VALID_FROM,
        defaults={"value": VALUE, "decision_ref": DECISION_REF, "note": NOTE},
    )


def unload(apps, schema_editor):
    RuleVersion = apps.get_model("programmes", "RuleVersion")
    Booking = apps.get_model("vouchers", "Booking")
    used = Booking.objects.filter(confirmation_rule__isnull=False).values("confirmation_rule_id")
    RuleVersion.objects.filter(key=KEY, valid_from=VALID_FROM).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_more_rule_keys"),
        ("vouchers", "0007_booking_confirmation_deadlines"),
    ]

    operations = [migrations.RunPython(load, unload)]
