"""The outcome survey's calendar as pure functions (no Django): when a completed service's
participant is invited, until when the survey is open and how many reminders are due. The rule's
values come from the programme's dated ``outcome_survey`` rule (``programmes.outcome_survey_rules``)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from kierunek.programmes.outcome_survey_rules import OutcomeSurveyRules


def invite_on(rules: OutcomeSurveyRules, completed_on: date) -> date:
    """``delay_months`` calendar months after ``completed_on`` (the month's last day where the
    month is shorter: 31 August + 6 months is 28 or 29 February)."""
    months = completed_on.month - 1 + rules.delay_months
    year, month = completed_on.year + months // 12, months % 12 + 1
    return date(year, month, min(completed_on.day, monthrange(year, month)[1]))


def closes_on(rules: OutcomeSurveyRules, invited_on: date) -> date:
    return invited_on + timedelta(days=rules.closes_after_days)


def reminders_due(rules: OutcomeSurveyRules, invited_on: date, today: date) -> int:
    """How many of the rule's reminders have fallen due by ``today``; the task sends one reminder
    when this number passes the count already sent, so a missed day never sends two at once."""
    elapsed = (today - invited_on).days
    return sum(1 for days in rules.reminder_days if days <= elapsed)
