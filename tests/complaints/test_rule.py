"""The complaints rule as data: its parser (pure), the check the admin runs on a new version, and
the lines the rules page shows; and the domain's deadlines and overdue rule as a table."""

from datetime import date

import pytest
from django.utils import translation

from kierunek.complaints import domain
from kierunek.programmes import domain as programmes_domain
from kierunek.programmes.complaint_rules import complaint_rules_from
from kierunek.programmes.explain import describe_rule
from kierunek.programmes.models import RuleVersion


def test_a_well_formed_value_parses_with_its_date_and_reference():
    rules = complaint_rules_from(
        {"answer_days": 7, "decision_days": 30}, valid_from=date(2025, 1, 1), decision_ref="Uchwała"
    )
    assert (rules.answer_days, rules.decision_days, rules.valid_from) == (7, 30, date(2025, 1, 1))


@pytest.mark.parametrize(
    "value",
    [
        [],
        {},
        {"answer_days": 7},
        {"answer_days": 0, "decision_days": 30},
        {"answer_days": 7, "decision_days": "30"},
        {"answer_days": True, "decision_days": 30},
        {"answer_days": 7, "decision_days": 366},
    ],
)
def test_a_malformed_value_is_refused(value):
    with pytest.raises(programmes_domain.RuleValueError):
        programmes_domain.validate_rule_value(programmes_domain.RULE_COMPLAINTS, value)


def test_the_rules_page_describes_the_deadlines():
    version = RuleVersion(key="complaints", value={"answer_days": 5, "decision_days": 30})
    with translation.override("en"):
        lines = describe_rule(version)
    assert lines == [
        "The provider answers a complaint within 5 days of being asked.",
        "An officer decides on a complaint within 30 days of its receipt.",
    ]


D = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("status", "today", "answer_due", "overdue"),
    [
        (domain.RECEIVED, D, None, False),
        (domain.RECEIVED, date(2026, 4, 10), None, True),  # past the decision
        (domain.UNDER_REVIEW, date(2026, 3, 3), date(2026, 3, 2), True),  # the provider is late
        (domain.UNDER_REVIEW, date(2026, 3, 2), date(2026, 3, 2), False),  # the last day counts
        (domain.ANSWERED, date(2026, 3, 3), date(2026, 3, 2), False),  # answered late, decision in time
        (domain.ANSWERED, date(2026, 4, 10), date(2026, 3, 2), True),
        (domain.UPHELD, date(2026, 4, 10), None, False),
        (domain.DISMISSED, date(2026, 4, 10), None, False),
    ],
)
def test_overdue(status, today, answer_due, overdue):
    decision_due = domain.decision_due(received_on=date(2026, 2, 28), decision_days=30)
    assert decision_due == date(2026, 3, 30)
    assert (
        domain.is_overdue(status=status, today=today, decision_due=decision_due, answer_due=answer_due)
        is overdue
    )
