"""The first version of the confirmation rule of Kierunek Kariera (deadlines to confirm and rate a
completed service, reminders, and an officer's decision after the deadline)."""

from datetime import date

from django.db import migrations

from kierunek.programmes.rule_migrations import FirstRuleVersion

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


RULE = FirstRuleVersion(
    key=KEY,
    valid_from=VALID_FROM,
    value=VALUE,
    decision_ref=DECISION_REF,
    note=NOTE,
    kept_if_used_by=(("vouchers", "Booking", "confirmation_rule"),),
)
load, unload = RULE.load, RULE.unload  # the browser tests' reference data runs load again


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_more_rule_keys"),
        ("vouchers", "0007_booking_confirmation_deadlines"),
    ]

    operations = [migrations.RunPython(RULE.load, RULE.unload)]
