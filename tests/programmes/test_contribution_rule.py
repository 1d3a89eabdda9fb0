"""The own-contribution rule as pure data: its shape, the amount (rounded to the grosz, half up or
down, never by a float), the packages it applies to and who is exempt; and its first version in
Kierunek Kariera."""

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.programmes.contribution_rules import (
    ContributionRules,
    ExemptGroup,
    contribution_amount,
    contribution_rules_from,
    exempt_group_of,
)
from kierunek.programmes.domain import RuleValueError, validate_rule_value

VALID = {
    "share_bp": 1300,
    "packages": ["vocational"],
    "due_working_days": 14,
    "rounding": "half_up",
    "exempt_groups": [{"min_age": 50}, {"max_isced": 2}],
    "account_iban": "PL92 1130 1017 0020 1234 5620 0001",
    "account_holder": "Operator Finansowy",
    "refund_unissued": True,
}
values = st.integers(min_value=0, max_value=10**12)
shares = st.integers(min_value=0, max_value=10_000)


@given(value=values, share=shares)
def test_half_up_is_the_exact_share_rounded_half_up_to_the_grosz(value, share):
    exact = Decimal(value) * share / 10_000
    assert contribution_amount(package_value=value, share_bp=share, rounding="half_up") == int(
        exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )
    assert contribution_amount(package_value=value, share_bp=share, rounding="down") == int(
        exact.quantize(Decimal(1), rounding=ROUND_DOWN)
    )


@given(value=values, share=shares)
def test_the_amount_is_within_half_a_grosz_and_never_more_than_the_package(value, share):
    amount = contribution_amount(package_value=value, share_bp=share, rounding="half_up")
    assert 0 <= amount <= value
    assert abs(amount * 10_000 - value * share) <= 5_000


@given(value=values, share=shares, more=st.integers(min_value=0, max_value=10**6))
def test_a_bigger_package_or_share_never_asks_less(value, share, more):
    base = contribution_amount(package_value=value, share_bp=share, rounding="half_up")
    assert contribution_amount(package_value=value + more, share_bp=share, rounding="half_up") >= base
    assert (
        contribution_amount(package_value=value, share_bp=min(share + 1, 10_000), rounding="half_up") >= base
    )


@pytest.mark.parametrize(
    ("value", "share", "rounding", "due"),
    [
        (499_500, 1300, "half_up", 64_935),  # 13 % of 4 995 zł
        (270_000, 1300, "half_up", 35_100),
        (12_345, 1300, "half_up", 1_605),  # 1604,85 gr -> 1605
        (12_345, 1300, "down", 1_604),
        (50, 1000, "half_up", 5),
        (5, 1000, "half_up", 1),  # 0,5 gr -> 1 gr
        (4, 1000, "half_up", 0),
        (499_500, 0, "half_up", 0),
        (499_500, 10_000, "half_up", 499_500),
    ],
)
def test_amounts_by_hand(value, share, rounding, due):
    assert contribution_amount(package_value=value, share_bp=share, rounding=rounding) == due


def test_a_bad_share_or_rounding_is_a_programming_error():
    with pytest.raises(ValueError, match="basis points"):
        contribution_amount(package_value=100, share_bp=10_001, rounding="half_up")
    with pytest.raises(ValueError, match="Unknown rounding"):
        contribution_amount(package_value=100, share_bp=100, rounding="up")


DAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("born", "isced", "exempt"),
    [
        (date(1976, 6, 1), 6, True),  # 50 on the day
        (date(1976, 6, 2), 6, False),  # 49
        (date(1990, 1, 1), 2, True),  # lower secondary
        (date(1990, 1, 1), 3, False),
        (date(1990, 1, 1), None, False),  # not known: not presumed
        (None, 2, True),
        (None, None, False),
    ],
)
def test_exempt_groups(born, isced, exempt):
    rules = contribution_rules_from(VALID)
    found = exempt_group_of(rules=rules, birth_date=born, education_level=isced, on=DAY)
    assert (found is not None) is exempt


def test_a_group_of_both_conditions_needs_both():
    rules = ContributionRules(share_bp=1300, exempt_groups=(ExemptGroup(min_age=25, max_isced=3),))
    assert exempt_group_of(rules=rules, birth_date=date(1990, 1, 1), education_level=3, on=DAY)
    assert exempt_group_of(rules=rules, birth_date=date(1990, 1, 1), education_level=4, on=DAY) is None
    assert exempt_group_of(rules=rules, birth_date=date(2005, 1, 1), education_level=3, on=DAY) is None


def test_it_applies_to_the_named_packages_and_to_all_when_none_is_named():
    rules = contribution_rules_from(VALID)
    assert rules.applies_to("vocational")
    assert not rules.applies_to("general")
    assert contribution_rules_from({**VALID, "packages": []}).applies_to("general")
    assert not contribution_rules_from({**VALID, "packages": [], "share_bp": 0}).applies_to("general")


def test_the_valid_shape_parses_and_keeps_the_compact_iban():
    rules = contribution_rules_from(VALID, valid_from=DAY, decision_ref="Uchwała")
    assert rules.account_iban == "PL92113010170020123456200001"
    assert rules.exempt_groups == (ExemptGroup(min_age=50), ExemptGroup(max_isced=2))
    assert (rules.valid_from, rules.decision_ref) == (DAY, "Uchwała")
    validate_rule_value("contribution", VALID)


@pytest.mark.parametrize(
    "change",
    [
        {"share_bp": 10_001},
        {"share_bp": 13.0},
        {"due_working_days": 0},
        {"rounding": "up"},
        {"exempt_groups": [{}]},
        {"exempt_groups": [{"min_age": "50"}]},
        {"account_iban": "PL00113010170020123456200001"},
        {"account_holder": " "},
        {"refund_unissued": "yes"},
        {"packages": "vocational"},
    ],
)
def test_a_malformed_value_is_refused_with_a_reason(change):
    with pytest.raises(RuleValueError):
        validate_rule_value("contribution", {**VALID, **change})


@pytest.mark.django_db
def test_kierunek_kariera_asks_13_percent_of_the_vocational_package():
    from kierunek.programmes import selectors
    from tests.programmes.helpers import demo_programme

    version, rules = selectors.contribution_rules_on(programme=demo_programme(), day=date(2026, 3, 2))
    assert (rules.share_bp, rules.packages, rules.due_working_days) == (1300, ("vocational",), 14)
    assert version.decision_ref.startswith("Uchwała")
    assert selectors.contribution_rules_on(programme=demo_programme(), day=date(2024, 12, 31)) is None


@pytest.mark.django_db
def test_the_rule_is_explained_to_people():
    from django.utils import translation

    from kierunek.programmes.explain import describe_rule
    from kierunek.programmes.models import RuleVersion
    from tests.programmes.helpers import demo_programme

    version = RuleVersion.objects.get(programme=demo_programme(), key="contribution")
    with translation.override("en"):
        lines = describe_rule(version)
    assert lines[0] == "Before the vouchers are issued, the participant pays 13 % of the package's value."
    assert "14 working days" in lines[1]
    assert "PL92113010170020123456200001" in lines[1]
    assert "Exempt: people aged 50 or more." in lines
