from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.core.money import Money, sum_money

NBSP = "\u00a0"

# Up to a trillion złoty either way: far beyond any programme budget, well inside int range.
amounts = st.builds(Money, st.integers(min_value=-(10**14), max_value=10**14))


@pytest.mark.parametrize(
    ("grosze", "expected"),
    [
        (0, "0,00 zł"),
        (5, "0,05 zł"),
        (99, "0,99 zł"),
        (100, "1,00 zł"),
        (99_999, "999,99 zł"),
        (100_000, "1 000,00 zł"),
        (123_450, "1 234,50 zł"),
        (100_000_000, "1 000 000,00 zł"),
        (-5, "-0,05 zł"),
        (-123_450, "-1 234,50 zł"),
        (-100_000_000, "-1 000 000,00 zł"),
    ],
)
def test_format(grosze, expected):
    assert Money(grosze).format() == expected
    assert str(Money(grosze)) == expected
    assert Money(grosze).format(nbsp=True) == expected.replace(" ", NBSP)


@pytest.mark.parametrize(
    ("grosze", "expected"),
    [(0, "0.00"), (5, "0.05"), (-1230, "-12.30"), (123_450, "1234.50"), (100_000_000, "1000000.00")],
)
def test_api_str_and_decimal(grosze, expected):
    assert Money(grosze).api_str() == expected
    assert Money(grosze).to_decimal() == Decimal(expected)
    assert str(Money(grosze).to_decimal()) == expected  # always two places


@pytest.mark.parametrize(
    ("value", "grosze"),
    [
        ("1234.50", 123_450),
        ("1234,50", 123_450),
        ("1 234,50", 123_450),
        (f"1{NBSP}234,50", 123_450),
        ("1\u202f234,50", 123_450),
        ("1 234,50 zł", 123_450),
        (f"1{NBSP}234,50{NBSP}zł", 123_450),
        ("12.30 PLN", 1230),
        ("  7,5  ", 750),
        ("0,05", 5),
        ("-12.30", -1230),
        ("1000000", 100_000_000),
        (Decimal("12.30"), 1230),
        (Decimal("12.300"), 1230),  # trailing zeros lose nothing
        (Decimal("-0.05"), -5),
        (Decimal("1E+3"), 100_000),
        (12, 1200),
        (-3, -300),
    ],
)
def test_from_pln_accepts(value, grosze):
    assert Money.from_pln(value) == Money(grosze)


@pytest.mark.parametrize(
    "value",
    [
        "1.005",  # more than two decimal places
        "1,234",  # ambiguous: thousands or decimals?
        "12 34,50",  # wrong grouping
        "1.234,50",
        "1,234.50",
        "",
        "zł",
        "abc",
        "- 5",
        "+5",
        ",50",
        "1e3",
        Decimal("1.005"),
        Decimal("NaN"),
        Decimal("Infinity"),
    ],
)
def test_from_pln_refuses_bad_values(value):
    with pytest.raises(ValueError):  # noqa: PT011 - the message is for a developer
        Money.from_pln(value)


@pytest.mark.parametrize("value", [1.5, True, None, [1]])
def test_from_pln_refuses_other_types(value):
    with pytest.raises(TypeError):
        Money.from_pln(value)


@pytest.mark.parametrize("value", [1.0, True, False, Decimal("1"), "100", None])
def test_constructor_takes_int_grosze_only(value):
    with pytest.raises(TypeError):
        Money(value)


def test_arithmetic():
    assert Money(150) + Money(50) == Money(200)
    assert Money(150) - Money(200) == Money(-50)
    assert -Money(150) == Money(-150)
    assert Money(150) * 3 == Money(450)
    assert 3 * Money(150) == Money(450)
    assert Money.zero() == Money(0)


@pytest.mark.parametrize(
    "operation",
    [
        lambda: Money(1) + 1,
        lambda: 1 + Money(1),
        lambda: Money(1) - Decimal(1),
        lambda: Money(1) * 1.5,
        lambda: Money(1) * True,
        lambda: Money(1) * Money(2),
        lambda: Money(1) < 2,
    ],
)
def test_mixed_type_operations_are_refused(operation):
    with pytest.raises(TypeError):
        operation()


def test_ordering_and_truth():
    assert Money(-1) < Money(0) < Money(1) <= Money(1)
    assert max(Money(3), Money(7), Money(5)) == Money(7)
    assert not Money(0)
    assert Money(1)
    assert Money(-1)


def test_is_immutable_and_hashable():
    money = Money(1)
    with pytest.raises(AttributeError):
        money.grosze = 2  # type: ignore[misc]
    assert len({Money(1), Money(1), Money(2)}) == 2


def test_sum_money():
    assert sum_money([]) == Money.zero()
    assert sum_money(Money(g) for g in (100, 250, -50)) == Money(300)
    with pytest.raises(TypeError):
        sum_money([Money(1), 2])  # type: ignore[list-item]


@given(amounts)
def test_format_round_trips(money):
    assert Money.from_pln(money.format()) == money
    assert Money.from_pln(money.format(nbsp=True)) == money


@given(amounts)
def test_api_str_and_decimal_round_trip(money):
    assert Money.from_pln(money.api_str()) == money
    assert Money.from_pln(money.to_decimal()) == money


@given(amounts, amounts)
def test_add_and_sub_are_inverse(a, b):
    assert (a + b) - b == a
    assert (a - b) + b == a
    assert a - a == Money.zero()


@given(amounts, amounts, amounts)
def test_addition_is_commutative_and_associative(a, b, c):
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert sum_money([a, b, c]) == a + b + c


@given(amounts, st.integers(min_value=-1000, max_value=1000))
def test_multiplication_is_repeated_addition(money, factor):
    assert money * factor == factor * money == Money(money.grosze * factor)


@given(amounts)
def test_format_groups_every_three_digits(money):
    units = money.format().removeprefix("-").removesuffix(" zł").split(",")[0]
    groups = units.split(" ")
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])
