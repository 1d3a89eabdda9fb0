from decimal import Decimal

import pytest

from kierunek.outreach import domain


@pytest.mark.parametrize(
    ("count", "adults", "expected"),
    [
        (10, 20_000, Decimal("0.5")),
        (1, 3_000, Decimal("0.3")),  # 0.333.. rounded
        (1, 2_000, Decimal("0.5")),  # half up
        (250, 10_000, Decimal("25.0")),
        (5, None, None),
        (5, 0, None),
    ],
)
def test_per_thousand(count, adults, expected):
    assert domain.per_thousand(count, adults) == expected


@pytest.mark.parametrize(
    ("rate", "threshold", "low"),
    [
        (Decimal("0.4"), Decimal("0.5"), True),
        (Decimal("0.5"), Decimal("0.5"), False),
        (None, Decimal("1"), False),
    ],
)
def test_low_reach(rate, threshold, low):
    assert domain.reach_low(rate, threshold) is low


def test_codes_are_six_unambiguous_characters_and_read_back_in_any_case():
    code = domain.campaign_code_new()
    assert len(code) == 6
    assert not set(code) & set("01OI")
    assert domain.campaign_code_clean(f" {code.lower()[:3]} {code.lower()[3:]} ") == code
    assert domain.campaign_code_clean("ABC") is None
    assert domain.campaign_code_clean("ABCDE0") is None
