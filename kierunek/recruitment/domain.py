"""Pure rules of the recruitment to upper-secondary schools (no Django): the points by the
regulation as dated rule versions with their legal references, in hundredths as integers; the
subjects a class may score; the appeal deadlines of art. 158 Prawo oświatowe."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

# The subjects a class (oddział) may name as its two scored subjects, besides Polish and maths.
SUBJECTS: tuple[tuple[str, str], ...] = (
    ("biology", "biology"),
    ("chemistry", "chemistry"),
    ("physics", "physics"),
    ("geography", "geography"),
    ("history", "history"),
    ("civics", "civics"),
    ("informatics", "informatics"),
    ("foreign_language", "foreign language"),
    ("technology", "technology"),
    ("art", "art"),
    ("music", "music"),
)
SUBJECT_CODES = frozenset(code for code, _ in SUBJECTS)
GRADES = range(1, 7)


class PointsError(ValueError):
    """A result that the rules cannot score (a grade out of 1..6, a percentage out of 0..100)."""


@dataclass(frozen=True, slots=True)
class PointsRules:
    """One version of the points rule, in hundredths of a point."""

    valid_from: date
    legal_reference: str
    exam_weights: tuple[int, int, int]  # Polish, maths, foreign language: hundredths per percent
    grade_points: Mapping[int, int]
    distinction: int
    contests_max: int
    volunteering: int
    exempt_polish_maths: Mapping[int, int]
    exempt_language: Mapping[int, int]

    @property
    def maximum(self) -> int:
        return (
            100 * sum(self.exam_weights)
            + 4 * max(self.grade_points.values())
            + self.distinction
            + self.contests_max
            + self.volunteering
        )


REGULATION_2019 = PointsRules(
    valid_from=date(2019, 9, 1),
    legal_reference=(
        "art. 134 ust. 1-3 ustawy z dnia 14 grudnia 2016 r. - Prawo oświatowe; §§ 6-8 rozporządzenia "
        "Ministra Edukacji Narodowej z dnia 21 sierpnia 2019 r. w sprawie przeprowadzania postępowania "
        "rekrutacyjnego oraz postępowania uzupełniającego (Dz.U. 2019 poz. 1737)"
    ),
    exam_weights=(35, 35, 30),
    grade_points={6: 1800, 5: 1700, 4: 1400, 3: 800, 2: 200, 1: 0},
    distinction=700,
    contests_max=1800,
    volunteering=300,
    exempt_polish_maths={6: 3500, 5: 3000, 4: 2500, 3: 1500, 2: 1000, 1: 0},
    exempt_language={6: 3000, 5: 2500, 4: 2000, 3: 1000, 2: 500, 1: 0},
)

# Every version, oldest first; a recruitment year uses the one in force on its first day.
POINTS_RULES: tuple[PointsRules, ...] = (REGULATION_2019,)


def points_rules_on(day: date, versions: tuple[PointsRules, ...] = POINTS_RULES) -> PointsRules:
    """The version in force on the day."""
    in_force = [v for v in versions if v.valid_from <= day]
    if not in_force:
        raise PointsError(f"no points rule is in force on {day.isoformat()}")
    return max(in_force, key=lambda v: v.valid_from)


@dataclass(frozen=True, slots=True)
class Results:
    """A candidate's results: the exam in whole percent (None when exempt) and the certificate."""

    exam_polish: int | None
    exam_maths: int | None
    exam_language: int | None
    grades: Mapping[str, int]  # "polish", "maths" and the subjects of SUBJECT_CODES
    distinction: bool = False
    contests: int = 0  # hundredths, from the superintendent's list
    volunteering: bool = False

    @property
    def exempt(self) -> bool:
        return self.exam_polish is None


def _grade(results: Results, subject: str) -> int:
    grade = results.grades.get(subject)
    if grade is None:
        raise PointsError(f"no grade in {subject}")
    if grade not in GRADES:
        raise PointsError(f"a grade is 1 to 6, not {grade}")
    return grade


def _percent(value: int | None, name: str) -> int:
    if value is None or not 0 <= value <= 100:
        raise PointsError(f"the exam in {name} is a percentage 0..100, not {value!r}")
    return value


def points_parts(results: Results, rules: PointsRules = REGULATION_2019) -> tuple[int, dict[str, int]]:
    """The points every class gives (exam or its grades, Polish and maths, distinction, contests,
    volunteering) and the points of each scored subject's grade: a class scoring (a, b) gives
    ``common + subject[a] + subject[b]``. A round computes each candidate's parts once."""
    total = 0
    if results.exempt:
        if results.exam_maths is not None or results.exam_language is not None:
            raise PointsError("an exempt candidate has no exam results")
        total += rules.exempt_polish_maths[_grade(results, "polish")]
        total += rules.exempt_polish_maths[_grade(results, "maths")]
        total += rules.exempt_language[_grade(results, "foreign_language")]
    else:
        polish_w, maths_w, language_w = rules.exam_weights
        total += polish_w * _percent(results.exam_polish, "Polish")
        total += maths_w * _percent(results.exam_maths, "maths")
        total += language_w * _percent(results.exam_language, "foreign language")
    for subject in ("polish", "maths"):
        total += rules.grade_points[_grade(results, subject)]
    if results.distinction:
        total += rules.distinction
    if results.contests < 0:
        raise PointsError("contest points cannot be negative")
    total += min(results.contests, rules.contests_max)
    if results.volunteering:
        total += rules.volunteering
    subjects = {
        code: rules.grade_points[_grade(results, code)] for code in SUBJECT_CODES if code in results.grades
    }
    return total, subjects


def points(results: Results, subjects: tuple[str, str], rules: PointsRules = REGULATION_2019) -> int:
    """The candidate's points at a class that scores ``subjects``, in hundredths (200.00 at most)."""
    first, second = subjects
    if first == second or not {first, second} <= SUBJECT_CODES:
        raise PointsError(f"a class scores two different subjects, not {subjects!r}")
    common, by_subject = points_parts(results, rules)
    for subject in subjects:
        if subject not in by_subject:
            raise PointsError(f"no grade in {subject}")
    return common + by_subject[first] + by_subject[second]


def lottery_number(seed: str, application_id: int) -> int:
    """The candidate's lottery number, drawn reproducibly from the published seed: anyone with the
    seed and the application's number can draw it again (a lower number wins a tie)."""
    digest = hashlib.sha256(f"{seed}:{application_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") >> 1  # 31 bits: an integer column on every database


def format_points(hundredths: int) -> str:
    """Points as Polish write them: 153,45."""
    return f"{hundredths // 100},{hundredths % 100:02d}"


# The four steps of an appeal (art. 158 ust. 6-9 Prawo oświatowe): the integrated recruitment's
# timetable gives each of them 3 days from the step before.
APPEAL_DAYS = 3


def appeal_deadline(since: date, days: int = APPEAL_DAYS) -> date:
    """The last day of a step that may be taken ``days`` days after ``since``."""
    return since + timedelta(days=days)
