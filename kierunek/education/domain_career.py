"""Pure rules of the career-orientation offer: grades by school level, whether a booking fits an
activity's grades and places."""

from __future__ import annotations

PRIMARY, SECONDARY = "primary", "secondary"
# Grades of each level: primary school 1-8, upper-secondary school 1-5 (technikum).
GRADES = {PRIMARY: range(1, 9), SECONDARY: range(1, 6)}


def grade_valid(level: str, grade: int) -> bool:
    return level in GRADES and grade in GRADES[level]


def grade_fits(*, level: str, grade: int, activity_level: str, grade_from: int, grade_to: int) -> bool:
    """A class of ``grade`` at ``level`` may take part in an activity for ``grade_from``-``grade_to``
    of ``activity_level``."""
    return level == activity_level and grade_from <= grade <= grade_to


def places_left(*, places: int, taken: int) -> int:
    return max(places - taken, 0)
