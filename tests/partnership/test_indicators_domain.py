"""The pure rules of the indicators: scoring by a rule as data, places shared on a tie with ties
in Polish order, the self-assessment's summary, the rule's validation."""

from datetime import date

import pytest

from kierunek.partnership import domain_indicators as rules


@pytest.mark.parametrize(
    ("counts", "weights", "expected"),
    [
        ({}, {"a": 5}, 0),
        ({"a": 2}, {"a": 5}, 10),
        ({"a": 2, "b": 3}, {"a": 5, "b": 1}, 13),
        ({"a": 2, "new_source": 9}, {"a": 5}, 10),  # a source the rule does not name scores nothing
        ({"a": 2}, {"a": 0, "b": 4}, 0),
    ],
)
def test_score_is_the_sum_of_counts_times_points(counts, weights, expected):
    assert rules.score(counts, weights) == expected


def test_places_are_shared_on_a_tie_and_ties_are_in_polish_order():
    items = [("Zakopane", 5), ("Łącko", 7), ("Lanckorona", 7), ("Ćwików", 3), ("Bochnia", 7), ("Nic", 0)]
    placed = rules.ranked(items, points=lambda i: i[1], name=lambda i: i[0])
    assert [(p.place, p.item[0], p.points) for p in placed] == [
        (1, "Bochnia", 7),
        (1, "Lanckorona", 7),
        (1, "Łącko", 7),
        (4, "Zakopane", 5),
        (5, "Ćwików", 3),
    ]


def test_nobody_without_points_is_placed_unless_asked():
    placed = rules.ranked([("A", 0)], points=lambda i: i[1], name=lambda i: i[0], keep_zero=True)
    assert [(p.place, p.points) for p in placed] == [(1, 0)]
    assert rules.ranked([("A", 0)], points=lambda i: i[1], name=lambda i: i[0]) == []


@pytest.mark.parametrize(
    ("weights", "problems"),
    [
        ({"a": 3, "b": 0}, []),
        ({"a": 0, "b": 0}, ["nothing_scores"]),
        ({"x": 1}, ["unknown:x"]),
        ({"a": -1}, ["points:a"]),
        ({"a": rules.POINTS_MAX + 1}, ["points:a"]),
        ({"a": 1.5}, ["points:a"]),
        ({"a": True}, ["points:a"]),
        ({"a": "3"}, ["points:a"]),
    ],
)
def test_a_rule_gives_whole_points_to_known_sources(weights, problems):
    assert rules.weights_valid(weights, ["a", "b"]) == problems


def test_question_summary_counts_averages_and_spreads():
    summary = rules.question_summary([5, 4, 4, 1])
    assert summary == rules.QuestionSummary(responses=4, average=3.5, distribution=(1, 0, 0, 2, 1))
    assert rules.question_summary([]).average is None


def test_questions_are_written_one_per_line():
    assert rules.questions_from_text("  Pierwsze  pytanie \n\n Drugie\r\n") == ["Pierwsze pytanie", "Drugie"]


def test_a_year_is_counted_from_its_first_to_its_last_day():
    assert rules.year_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))
