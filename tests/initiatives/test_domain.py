"""The pure rules: a result out of 100 from the jurors' points by weighted criteria, places with
ties, stage I's threshold, an activity's count."""

from decimal import Decimal

from kierunek.initiatives import domain

CRITERIA = [
    domain.CriterionRule(key=1, max_points=10, weight=2),
    domain.CriterionRule(key=2, max_points=20, weight=1),
]


def test_the_result_weighs_each_criterions_mean_share():
    # (2 * 8/10 + 1 * 15/20) / 3 * 100 = (1.6 + 0.75) / 3 * 100 = 78.33
    assert domain.result_points(CRITERIA, {1: [8], 2: [15]}) == Decimal("78.33")
    # two jurors: means 7 and 10 -> (2 * 0.7 + 0.5) / 3 * 100 = 63.33
    assert domain.result_points(CRITERIA, {1: [6, 8], 2: [5, 15]}) == Decimal("63.33")
    assert domain.result_points(CRITERIA, {1: [10], 2: [20]}) == Decimal("100.00")
    assert domain.result_points(CRITERIA, {1: [0], 2: [0]}) == Decimal("0.00")


def test_no_result_while_a_criterion_has_no_points():
    assert domain.result_points(CRITERIA, {1: [8]}) is None
    assert domain.result_points([], {}) is None


def test_equal_results_share_a_place_and_the_next_is_skipped():
    places = domain.ranked(
        [("a", Decimal("50")), ("b", Decimal("90")), ("c", Decimal("50")), ("d", None), ("e", Decimal("10"))]
    )
    assert places == [
        (1, "b", Decimal("90")),
        (2, "a", Decimal("50")),
        (2, "c", Decimal("50")),
        (4, "e", Decimal("10")),
    ]


def test_stage_one_and_counts():
    assert domain.workshops_enough(2, 2)
    assert not domain.workshops_enough(1, 2)
    assert domain.activity_count(None, 7) == 7
    assert domain.activity_count(40, 7) == 40
    assert domain.activity_count(0, 7) == 0
