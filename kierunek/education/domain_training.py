"""The pure rules of the teacher-training offer (no Django): who a course admits, and the
forms of the centre's offer."""

from __future__ import annotations

from datetime import date

# Who may enrol in a course (``TrainingCourse.audience``).
AUDIENCE_SCHOOL_STAFF = "school_staff"  # anybody working at a school
AUDIENCE_TEACHERS = "teachers"  # teachers and career counsellors
AUDIENCE_DIRECTORS = "directors"  # directors and their deputies

TEACHING_FUNCTIONS = frozenset({"teacher", "counsellor"})
DIRECTING_FUNCTIONS = frozenset({"director", "deputy_director"})

# Why a course does not admit a person (None: it does).
NOT_AT_SCHOOL = "not_at_school"
WRONG_FUNCTION = "wrong_function"
NOT_A_MEMBER = "not_a_member"
WRONG_SUBJECT = "wrong_subject"


def audience_refusal(
    *,
    audience: str,
    members_only: bool,
    subject: str,
    functions: frozenset[str] | set[str],
    subjects_taught: str,
    gmina_is_member: bool,
) -> str | None:
    """Whether a person who works at a school in ``functions`` (teaching ``subjects_taught``, a
    comma-separated list) may enrol with that school: None if so, else the reason."""
    if not functions:
        return NOT_AT_SCHOOL
    if audience == AUDIENCE_TEACHERS and not functions & TEACHING_FUNCTIONS:
        return WRONG_FUNCTION
    if audience == AUDIENCE_DIRECTORS and not functions & DIRECTING_FUNCTIONS:
        return WRONG_FUNCTION
    if members_only and not gmina_is_member:
        return NOT_A_MEMBER
    wanted = subject.strip().casefold()
    if wanted:
        taught = {s.strip().casefold() for s in subjects_taught.split(",")}
        if wanted not in taught:
            return WRONG_SUBJECT
    return None


def slots_overlap(a_start: object, a_end: object, b_start: object, b_end: object) -> bool:
    """Two half-open periods [start, end) overlap."""
    return bool(a_start < b_end and b_start < a_end)  # type: ignore[operator]


def school_year_bounds(school_year: int) -> tuple[date, date]:
    """The first day of the school year that begins in ``school_year`` and the first day of the
    next one: a course counts in the year in which it starts (1 September to 31 August)."""
    return date(school_year, 9, 1), date(school_year + 1, 9, 1)
