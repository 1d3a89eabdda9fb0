"""The voucher consumption rule: how many vouchers a service takes and what the participant pays on
top, by category, length and price, under both dated versions of the demo programme's rule."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.programmes import domain, selectors
from kierunek.programmes.domain import ConsumptionRules, voucher_cost

PER_HOUR_V1 = {"languages": 1, "it_digital": 2, "general_digital_basics": 2, "driving_a": 2, "driving_b": 2}
V1 = ConsumptionRules(voucher_unit=1500, default_per_hour=3, per_hour=PER_HOUR_V1, exam_max_vouchers=40)
V2 = ConsumptionRules(
    voucher_unit=1500, default_per_hour=3, per_hour={**PER_HOUR_V1, "languages": 2}, exam_max_vouchers=40
)


def pln(amount: int) -> int:
    return amount * 100


# (category, parent, service type, hours, price) -> (vouchers, covered, top-up) under v1 and v2
CASES = [
    # Languages: 1 voucher an hour, from the later date 2 (30 PLN) an hour.
    (
        "languages_english",
        "languages",
        "training",
        "30",
        pln(1200),
        (30, pln(450), pln(750)),
        (60, pln(900), pln(300)),
    ),
    ("languages_german", "languages", "training", "60", pln(600), (40, pln(600), 0), (40, pln(600), 0)),
    ("languages", None, "training", "1.5", pln(90), (1, pln(15), pln(75)), (3, pln(45), pln(45))),
    # IT and digital skills: 2 an hour, in both versions.
    (
        "it_programming",
        "it_digital",
        "training",
        "40",
        pln(2000),
        (80, pln(1200), pln(800)),
        (80, pln(1200), pln(800)),
    ),
    (
        "general_digital_basics",
        "general_education",
        "training",
        "20",
        pln(450),
        (30, pln(450), 0),
        (30, pln(450), 0),
    ),
    # Driving licences A and B: 2 an hour; C, C+E and D are "other": 3 an hour.
    (
        "driving_b",
        "driving",
        "training",
        "30",
        pln(3400),
        (60, pln(900), pln(2500)),
        (60, pln(900), pln(2500)),
    ),
    (
        "driving_a",
        "driving",
        "training",
        "20",
        pln(2500),
        (40, pln(600), pln(1900)),
        (40, pln(600), pln(1900)),
    ),
    (
        "driving_c",
        "driving",
        "training",
        "50",
        pln(5000),
        (150, pln(2250), pln(2750)),
        (150, pln(2250), pln(2750)),
    ),
    (
        "driving_ce",
        "driving",
        "training",
        "30",
        pln(4000),
        (90, pln(1350), pln(2650)),
        (90, pln(1350), pln(2650)),
    ),
    # Other categories: 3 an hour; a cheap course takes only what its price needs.
    (
        "technical_welding",
        "technical",
        "training",
        "80",
        pln(4000),
        (240, pln(3600), pln(400)),
        (240, pln(3600), pln(400)),
    ),
    ("soft_communication", "soft_skills", "training", "16", pln(300), (20, pln(300), 0), (20, pln(300), 0)),
    # A price that is not a multiple of the unit: whole vouchers, the rest is the top-up.
    (
        "management_projects",
        "management",
        "training",
        "10",
        pln(100),
        (6, pln(90), pln(10)),
        (6, pln(90), pln(10)),
    ),
    # Half hours round down to whole vouchers (4.5 -> 4).
    ("finance_tax", "finance", "advisory", "1.5", pln(200), (4, pln(60), pln(140)), (4, pln(60), pln(140))),
    # An exam: at most 40 vouchers whatever its length.
    ("exams_language", "exams", "exam", "3", pln(900), (40, pln(600), pln(300)), (40, pln(600), pln(300))),
    ("exams_it", "exams", "exam", "2", pln(450), (30, pln(450), 0), (30, pln(450), 0)),
    # An exam by its type in a non-exam category, and a category under "exams" of another type.
    (
        "it_programming",
        "it_digital",
        "exam",
        "2",
        pln(800),
        (40, pln(600), pln(200)),
        (40, pln(600), pln(200)),
    ),
    (
        "exams_professional",
        "exams",
        "training",
        "100",
        pln(3000),
        (40, pln(600), pln(2400)),
        (40, pln(600), pln(2400)),
    ),
    # Free of charge: nothing to cover.
    ("languages_english", "languages", "training", "10", 0, (0, 0, 0), (0, 0, 0)),
]


@pytest.mark.parametrize(
    ("category", "parent", "service_type", "hours", "price", "under_v1", "under_v2"),
    CASES,
    ids=[f"{c[0]}-{c[2]}-{c[3]}h-{c[4] // 100}zl" for c in CASES],
)
def test_voucher_cost_under_both_versions(category, parent, service_type, hours, price, under_v1, under_v2):
    for rules, expected in ((V1, under_v1), (V2, under_v2)):
        cost = voucher_cost(
            rules=rules,
            category_code=category,
            parent_category_code=parent,
            service_type=service_type,
            hours=Decimal(hours),
            price_gross=price,
        )
        assert (cost.vouchers, cost.covered, cost.top_up) == expected
        assert cost.covered + cost.top_up == price


def test_the_exam_cap_and_per_hour_basis_are_reported():
    exam = voucher_cost(
        rules=V1,
        category_code="exams_it",
        parent_category_code="exams",
        service_type="exam",
        hours=Decimal("2"),
        price_gross=pln(1000),
    )
    assert (exam.basis, exam.max_vouchers, exam.per_hour) == (domain.BASIS_EXAM_CAP, 40, None)
    course = voucher_cost(
        rules=V2,
        category_code="languages_other",
        parent_category_code="languages",
        service_type="training",
        hours=Decimal("10"),
        price_gross=pln(1000),
    )
    assert (course.basis, course.max_vouchers, course.per_hour) == (domain.BASIS_PER_HOUR, 20, 2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"price_gross": -1}, "price_gross"),
        ({"price_gross": 12.5}, "price_gross"),
        ({"price_gross": True}, "price_gross"),
        ({"hours": Decimal("-1")}, "hours"),
        ({"hours": 3}, "hours"),
        ({"hours": Decimal("NaN")}, "hours"),
    ],
)
def test_bad_input_is_refused(kwargs, message):
    arguments = {
        "rules": V1,
        "category_code": "languages",
        "parent_category_code": None,
        "service_type": "training",
        "hours": Decimal("10"),
        "price_gross": pln(100),
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        voucher_cost(**arguments)


@given(
    per_hour=st.integers(min_value=0, max_value=10),
    hours=st.decimals(min_value=0, max_value=500, places=1, allow_nan=False, allow_infinity=False),
    price=st.integers(min_value=0, max_value=10_000_000),
    unit=st.integers(min_value=1, max_value=10_000),
    exam=st.booleans(),
)
def test_voucher_cost_invariants(per_hour, hours, price, unit, exam):
    """Covered plus top-up is the price; never more vouchers than the rule allows or than the
    price needs; and never fewer than both allow (no value is left unused for nothing)."""
    rules = ConsumptionRules(voucher_unit=unit, default_per_hour=per_hour, exam_max_vouchers=40)
    cost = voucher_cost(
        rules=rules,
        category_code="x",
        parent_category_code=None,
        service_type="exam" if exam else "training",
        hours=hours,
        price_gross=price,
    )
    assert cost.covered + cost.top_up == price
    assert 0 <= cost.covered <= price
    assert cost.vouchers <= cost.max_vouchers
    assert cost.vouchers * unit <= price
    assert cost.vouchers == cost.max_vouchers or cost.top_up < unit


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "languages_per_hour", "decision"),
    [
        (date(2025, 1, 1), 1, "1742/24"),
        (date(2026, 6, 30), 1, "1742/24"),
        (date(2026, 7, 1), 2, "811/26"),
        (date(2029, 12, 31), 2, "811/26"),
    ],
)
def test_the_demo_programme_applies_the_version_in_force_on_the_day(day, languages_per_hour, decision):
    programme = selectors.programme_get(code="kierunek-kariera")
    rules = selectors.consumption_rules_on(programme=programme, day=day)
    assert rules.per_hour_for("languages_english", "languages") == languages_per_hour
    assert rules.per_hour_for("driving_ce", "driving") == 3
    assert rules.per_hour_for("it_security", "it_digital") == 2
    assert rules.exam_max_vouchers == 40
    assert rules.voucher_unit == selectors.voucher_unit_on(programme=programme, day=day) == 1500
    assert decision in rules.decision_ref
    assert rules.valid_from is not None
    assert rules.valid_from <= day


@pytest.mark.django_db
def test_no_rule_before_the_first_version():
    programme = selectors.programme_get(code="kierunek-kariera")
    with pytest.raises(selectors.RuleNotInForce):
        selectors.consumption_rules_on(programme=programme, day=date(2024, 12, 31))


@pytest.mark.django_db
def test_the_demo_programme_ships_as_data():
    programme = selectors.programme_current(today=date(2026, 11, 22))
    assert programme is not None
    assert programme.code == "kierunek-kariera"
    assert programme.name == "Kierunek Kariera"
    values = {
        package.kind: (package.vouchers, value)
        for package, value in selectors.package_values_on(programme=programme, day=date(2026, 11, 22))
    }
    assert values == {"general": (180, pln(2700)), "vocational": (333, pln(4995))}
    assert [p.kind for p in selectors.packages_of(programme=programme)] == ["general", "vocational"]
