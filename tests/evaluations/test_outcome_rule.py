"""The outcome-survey rule as data: its parser, its place among the rule keys, the words that
explain it, the version Kierunek Kariera loads, and the calendar it gives (pure functions)."""

from datetime import date

import pytest
from django.utils import translation

from kierunek.evaluations import domain
from kierunek.programmes import domain as programme_domain
from kierunek.programmes import outcome_survey_rules as rules
from kierunek.programmes.explain import describe_rule
from kierunek.programmes.models import Programme, RuleVersion
from kierunek.programmes.selectors import outcome_survey_rules_on

VALUE = {"delay_months": 6, "reminder_days": [14, 28], "closes_after_days": 42}


def test_the_rule_parses_into_its_dataclass():
    parsed = rules.outcome_survey_rules_from(VALUE, valid_from=date(2025, 1, 1), decision_ref="U-1")
    assert parsed == rules.OutcomeSurveyRules(6, (14, 28), 42, date(2025, 1, 1), "U-1")


@pytest.mark.parametrize(
    "value",
    [
        [],
        {**VALUE, "delay_months": 0},
        {**VALUE, "delay_months": "6"},
        {**VALUE, "reminder_days": [28, 14]},
        {**VALUE, "reminder_days": [14, 14]},
        {**VALUE, "reminder_days": [14, 42]},
        {**VALUE, "reminder_days": 14},
        {**VALUE, "closes_after_days": True},
    ],
)
def test_a_malformed_value_is_refused_by_the_rule_check(value):
    with pytest.raises(programme_domain.RuleValueError):
        programme_domain.validate_rule_value(programme_domain.RULE_OUTCOME_SURVEY, value)


def test_a_survey_without_reminders_is_allowed():
    programme_domain.validate_rule_value(programme_domain.RULE_OUTCOME_SURVEY, {**VALUE, "reminder_days": []})


@pytest.mark.parametrize(
    ("completed", "invited"),
    [
        (date(2026, 3, 10), date(2026, 9, 10)),
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 7, 15), date(2027, 1, 15)),
    ],
)
def test_the_invitation_is_due_six_calendar_months_after_completion(completed, invited):
    assert domain.invite_on(rules.outcome_survey_rules_from(VALUE), completed) == invited


def test_reminders_fall_due_on_their_days_and_the_survey_closes():
    parsed = rules.outcome_survey_rules_from(VALUE)
    invited = date(2026, 9, 10)
    assert [domain.reminders_due(parsed, invited, date(2026, 9, 10 + d)) for d in (0, 13, 14, 20)] == [
        0,
        0,
        1,
        1,
    ]
    assert domain.reminders_due(parsed, invited, date(2026, 10, 8)) == 2
    assert domain.closes_on(parsed, invited) == date(2026, 10, 22)


@pytest.mark.django_db
def test_kierunek_kariera_has_the_first_version_and_the_selector_reads_it():
    programme = Programme.objects.get(code="kierunek-kariera")
    version, parsed = outcome_survey_rules_on(programme=programme, day=date(2026, 5, 1))
    assert (parsed.delay_months, parsed.reminder_days, parsed.closes_after_days) == (6, (14, 28), 42)
    assert version.decision_ref.startswith("Uchwała")
    assert version.note


@pytest.mark.django_db
def test_the_rule_is_explained_in_words():
    version = RuleVersion.objects.get(key=programme_domain.RULE_OUTCOME_SURVEY)
    with translation.override("en"):
        lines = describe_rule(version)
    assert lines == [
        "The participant is invited to the outcome survey 6 months after completing a service.",
        "Reminders, while unanswered, 14, 28 days after the invitation.",
        "The survey closes 42 days after the invitation.",
    ]
