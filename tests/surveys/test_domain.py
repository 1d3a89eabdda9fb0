"""The survey engine's pure rules: counts, shares, means and rankings of one question's answers on
constructed data, the anonymity threshold, and the check of an answer against its question."""

import pytest

from kierunek.surveys import domain as d


def test_the_threshold_shows_a_group_from_n_responses_on():
    assert not d.shown(4, 5)
    assert d.shown(5, 5)
    assert d.shown(6, 5)
    assert not d.shown(0, 0)  # a threshold below one is one


def test_single_and_multiple_choices_are_counted_with_shares_of_those_who_answered():
    result = d.aggregate(d.MULTIPLE, ["a", "b", "c"], [[0, 1], [1], [1, 2], None, []])
    assert result.answered == 3
    assert [c.count for c in result.choices] == [1, 3, 1]
    assert [round(c.share, 3) for c in result.choices] == [0.333, 1.0, 0.333]
    single = d.aggregate(d.SINGLE, ["yes", "no"], [[0], [0], [1], [0]])
    assert [(c.label, c.count, c.share) for c in single.choices] == [("yes", 3, 0.75), ("no", 1, 0.25)]


def test_a_repeated_index_counts_once():
    assert [c.count for c in d.aggregate(d.MULTIPLE, ["a", "b"], [[0, 0]]).choices] == [1, 0]


def test_numbers_and_scales_give_the_mean_the_least_and_the_most():
    result = d.aggregate(d.SCALE, [], [1, 5, 3, None])
    assert (result.answered, result.mean, result.least, result.most) == (3, 3.0, 1.0, 5.0)
    assert d.aggregate(d.NUMBER, [], []).mean is None


def test_a_ranking_gives_firsts_and_mean_positions():
    result = d.aggregate(d.RANKING, ["x", "y", "z"], [[0, 1, 2], [1, 0, 2], [0, 2, 1]])
    assert [c.count for c in result.choices] == [2, 1, 0]
    positions = dict(result.mean_positions)
    assert positions["x"] == pytest.approx(4 / 3)
    assert positions["z"] == pytest.approx(8 / 3)


def test_texts_are_listed_sorted_never_in_the_order_given():
    result = d.aggregate(d.LONG_TEXT, [], ["zeta", "alfa", ""])
    assert result.texts == ("alfa", "zeta")
    assert result.answered == 2


@pytest.mark.parametrize(
    ("kind", "answer", "ok"),
    [
        (d.SINGLE, [1], True),
        (d.SINGLE, [0, 1], False),
        (d.SINGLE, [3], False),
        (d.MULTIPLE, [0, 2], True),
        (d.MULTIPLE, [0, 0], False),
        (d.RANKING, [2, 0, 1], True),
        (d.RANKING, [0, 1], False),
        (d.SCALE, 5, True),
        (d.SCALE, 6, False),
        (d.NUMBER, 2.5, True),
        (d.NUMBER, -1, False),
        (d.SHORT_TEXT, "x" * 200, True),
        (d.SHORT_TEXT, "x" * 201, False),
        (d.LONG_TEXT, 3, False),
    ],
)
def test_an_answer_is_checked_against_its_question(kind, answer, ok):
    assert (d.check_answer(kind, 3, answer) is None) is ok
