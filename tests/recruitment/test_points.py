"""Points by the regulation (§§ 6-8 of the 2019 regulation), in hundredths, table by table."""

from __future__ import annotations

from datetime import date

import pytest

from kierunek.recruitment.domain import (
    REGULATION_2019,
    PointsError,
    Results,
    appeal_deadline,
    format_points,
    points,
    points_rules_on,
)

CLASS = ("biology", "chemistry")


def certificate(grade: int = 6, **other: int) -> dict[str, int]:
    return {
        "polish": grade,
        "maths": grade,
        "biology": grade,
        "chemistry": grade,
        "foreign_language": grade,
        **other,
    }


@pytest.mark.parametrize(
    ("polish", "maths", "language", "expected"),
    [
        (100, 100, 100, 10000),
        (0, 0, 0, 0),
        (80, 60, 90, 35 * 80 + 35 * 60 + 30 * 90),  # 28 + 21 + 27 = 76,00
        (1, 0, 0, 35),  # 0,35
        (0, 0, 1, 30),
    ],
)
def test_the_exam_counts_0_35_0_35_0_30_of_the_percentages(
    polish: int, maths: int, language: int, expected: int
) -> None:
    results = Results(polish, maths, language, grades=certificate(1))
    assert points(results, CLASS) == expected


@pytest.mark.parametrize(("grade", "each"), [(6, 1800), (5, 1700), (4, 1400), (3, 800), (2, 200), (1, 0)])
def test_each_of_the_four_grades_counts_by_the_table(grade: int, each: int) -> None:
    results = Results(0, 0, 0, grades=certificate(grade))
    assert points(results, CLASS) == 4 * each


def test_only_the_class_subjects_count() -> None:
    grades = certificate(2, physics=6, history=6)
    assert points(Results(0, 0, 0, grades=grades), CLASS) == 4 * 200
    assert points(Results(0, 0, 0, grades=grades), ("physics", "history")) == 2 * 200 + 2 * 1800


def test_distinction_contests_and_volunteering() -> None:
    base = Results(0, 0, 0, grades=certificate(1))
    assert points(Results(0, 0, 0, grades=certificate(1), distinction=True), CLASS) == 700
    assert points(Results(0, 0, 0, grades=certificate(1), contests=1000), CLASS) == 1000
    assert points(Results(0, 0, 0, grades=certificate(1), contests=5000), CLASS) == 1800  # up to 18
    assert points(Results(0, 0, 0, grades=certificate(1), volunteering=True), CLASS) == 300
    assert points(base, CLASS) == 0


def test_the_maximum_is_200_points() -> None:
    best = Results(100, 100, 100, grades=certificate(6), distinction=True, contests=1800, volunteering=True)
    assert points(best, CLASS) == 20000 == REGULATION_2019.maximum


@pytest.mark.parametrize(
    ("grade", "polish_maths", "language"),
    [(6, 3500, 3000), (5, 3000, 2500), (4, 2500, 2000), (3, 1500, 1000), (2, 1000, 500)],
)
def test_an_exempt_candidate_gets_points_from_grades(grade: int, polish_maths: int, language: int) -> None:
    grades = {"polish": grade, "maths": grade, "foreign_language": grade, "biology": 1, "chemistry": 1}
    exempt = Results(None, None, None, grades=grades)
    # The exam part from grades, plus the four grades of the class as for everyone.
    assert points(exempt, CLASS) == 2 * polish_maths + language + 2 * REGULATION_2019.grade_points[grade]


def test_an_exempt_candidate_with_all_sixes_also_reaches_200() -> None:
    best = Results(
        None, None, None, grades=certificate(6), distinction=True, contests=1800, volunteering=True
    )
    assert points(best, CLASS) == 20000


@pytest.mark.parametrize(
    "results",
    [
        Results(101, 0, 0, grades=certificate()),
        Results(None, 50, None, grades=certificate()),
        Results(50, 50, 50, grades={"polish": 6}),
        Results(50, 50, 50, grades=certificate(7)),
        Results(50, 50, 50, grades=certificate(), contests=-1),
    ],
)
def test_results_the_rules_cannot_score_are_refused(results: Results) -> None:
    with pytest.raises(PointsError):
        points(results, CLASS)


def test_a_class_scores_two_known_different_subjects() -> None:
    with pytest.raises(PointsError):
        points(Results(1, 1, 1, grades=certificate()), ("biology", "biology"))
    with pytest.raises(PointsError):
        points(Results(1, 1, 1, grades=certificate()), ("biology", "alchemy"))


def test_the_version_in_force_and_its_legal_reference() -> None:
    assert points_rules_on(date(2026, 5, 1)) is REGULATION_2019
    assert "Dz.U. 2019 poz. 1737" in REGULATION_2019.legal_reference
    with pytest.raises(PointsError):
        points_rules_on(date(2018, 1, 1))


def test_points_in_polish_form_and_appeal_deadlines() -> None:
    assert format_points(15345) == "153,45"
    assert format_points(700) == "7,00"
    assert appeal_deadline(date(2026, 7, 22)) == date(2026, 7, 25)
