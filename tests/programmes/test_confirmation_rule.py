"""The confirmation rule (programmes/domain_confirmation.py): its parser, the admin's validation,
the lines that explain it and the version Kierunek Kariera starts with."""

from datetime import date

import pytest
from django.utils import translation

from kierunek.programmes import domain, explain, selectors
from kierunek.programmes.domain_confirmation import (
    CONFIRM_WITHOUT_RATING,
    TO_OFFICER,
    ConfirmationRules,
    confirmation_rules_from,
)
from kierunek.programmes.models import RuleVersion
from tests.programmes.helpers import demo_programme

VALUE = {
    "confirm_days_after_report": 14,
    "rate_days_after_report": 21,
    "reminder_days_before": [2, 7],
    "after_deadline": "confirm_without_rating",
}


def test_a_value_parses_with_reminders_from_the_earliest():
    rules = confirmation_rules_from(VALUE, valid_from=date(2026, 1, 1), decision_ref="Uchwała")
    assert rules == ConfirmationRules(
        confirm_days_after_report=14,
        rate_days_after_report=21,
        reminder_days_before=(7, 2),
        after_deadline=CONFIRM_WITHOUT_RATING,
        valid_from=date(2026, 1, 1),
        decision_ref="Uchwała",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"confirm_days_after_report": 0}, "confirm_days_after_report must be at least 1"),
        ({"rate_days_after_report": "14"}, "rate_days_after_report must be a whole number"),
        ({"reminder_days_before": 7}, "reminder_days_before must be a list"),
        ({"reminder_days_before": [30]}, "reminder_days_before must be at most 21"),
        ({"reminder_days_before": [2, 2]}, "each day may be given once"),
        ({"after_deadline": "pay"}, "after_deadline must be one of"),
    ],
)
def test_a_malformed_value_is_refused_saying_what_is_wrong(change, message):
    with pytest.raises(domain.RuleValueError, match=message):
        domain.validate_rule_value(domain.RULE_CONFIRMATION, {**VALUE, **change})
    with pytest.raises(domain.RuleValueError):
        domain.validate_rule_value(domain.RULE_CONFIRMATION, [VALUE])


def test_a_well_formed_value_is_accepted_by_the_admin_validation():
    domain.validate_rule_value(domain.RULE_CONFIRMATION, {**VALUE, "after_deadline": TO_OFFICER})


@pytest.mark.django_db
def test_kierunek_kariera_sends_unconfirmed_services_to_an_officer_and_the_rule_reads_in_polish():
    version, rules = selectors.confirmation_rules_on(programme=demo_programme(), day=date(2026, 9, 1))
    assert (rules.confirm_days_after_report, rules.rate_days_after_report) == (14, 14)
    assert rules.reminder_days_before == (7, 2)
    assert rules.after_deadline == TO_OFFICER
    assert version.decision_ref.startswith("Uchwała")
    with translation.override("pl"):
        lines = explain.describe_rule(version)
    assert lines[0] == (
        "Uczestnik potwierdza udział w ciągu 14 dni od zgłoszenia zakończenia przez instytucję."
    )
    assert lines[-2] == (
        "Bez potwierdzenia w terminie pracownik programu decyduje, czy usługa została zrealizowana."
    )


@pytest.mark.django_db
def test_a_rule_that_counts_the_service_as_confirmed_is_explained_so():
    version = RuleVersion(programme=demo_programme(), key=domain.RULE_CONFIRMATION, value=VALUE)
    with translation.override("en"):
        lines = explain.describe_rule(version)
    assert "Without a confirmation in time, the service counts as confirmed without a rating." in lines
    assert "Reminders are e-mailed 7, 2 days before the deadline." in lines
