"""The registry of indicators: what the programme and its partners achieve, each defined once.

An indicator has a name, a definition, a unit, the context it comes from, the breakdowns it can be
given by, and one function that computes it. The reports context (``kierunek.reports``) sits at the
top of the layers and reads every indicator through this registry: the dashboards, the CSV and XLSX
exports, the API and the open data all call the same function, so their figures cannot differ. A
context registers its indicators from its ``AppConfig.ready()`` (``<context>/indicators.py``)::

    indicator_register(Indicator(
        key="programmes.applied",
        name=gettext_lazy("Participants who applied"),
        definition=gettext_lazy("People whose application was submitted in the period."),
        unit=Unit.PEOPLE,
        source=gettext_lazy("Programmes"),
        breakdowns=(Breakdown.POWIAT, Breakdown.SEX, ...),
        compute=applied,
    ))

``compute(period, breakdown)`` answers ``{group key: Figure}``: the group keys are the raw keys of
the breakdown (a powiat's TERYT code, "F"/"M", an age band's key, "2026-03" for a month...; the
reports context gives them their labels), and with ``breakdown=None`` one group, ``TOTAL``. A
figure is its value (people, vouchers, grosze, days) and the number of people behind it, which the
disclosure rule (:mod:`kierunek.core.disclosure`) reads: a group of fewer than ten people is not
published. For additive units the groups of a breakdown add up to the total whenever each person
falls in exactly one group (a breakdown says when they may not: a person of two gminas).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import Count, Expression, F, Func, IntegerField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.functional import Promise

Label = str | Promise
TOTAL = ""
T = TypeVar("T")


class Unit(StrEnum):
    PEOPLE = "people"
    VOUCHERS = "vouchers"
    BOOKINGS = "bookings"
    GROSZE = "grosze"
    DAYS = "days"  # a median: not additive across groups
    COUNT = "count"  # things partners made or held (meetings, products, good practices)
    # Rates keep one decimal as a whole number of tenths (123 is 12.3): not additive across groups.
    PER_THOUSAND = "per_thousand_x10"  # per 1 000 adult residents
    PERCENT = "percent_x10"  # a share in per cent


ADDITIVE_UNITS = frozenset({Unit.PEOPLE, Unit.VOUCHERS, Unit.BOOKINGS, Unit.GROSZE, Unit.COUNT})


class Breakdown(StrEnum):
    """What an indicator can be broken down by; the reports context labels each key."""

    POWIAT = "powiat"  # the powiat's TERYT code (of the residence gmina), "" outside Małopolska
    GMINA = "gmina"  # the gmina's TERYT code
    SEX = "sex"  # "F", "M"
    AGE_BAND = "age_band"  # domain keys: "18-24", "25-34", ... "65+"
    EDUCATION = "education"  # "isced_0_2", "isced_3_4", "isced_5_8", "" unknown
    LABOUR_STATUS = "labour_status"  # programmes.EmploymentStatus values, "" unknown
    MONTH = "month"  # "2026-03"
    PACKAGE = "package"  # a package's name
    CATEGORY = "category"  # a top category's code
    PROVIDER = "provider"  # a provider's NIP


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period ends on or after its start.")

    @property
    def since(self) -> datetime:
        """The first moment of the period, for filtering date-times."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def before(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


@dataclass(frozen=True)
class Figure:
    value: int
    people: int  # how many people the value is about: what the disclosure rule counts


@dataclass(frozen=True)
class Indicator:
    key: str  # "<context>.<name>", unique
    name: Label
    definition: Label
    unit: Unit
    source: Label
    breakdowns: tuple[Breakdown, ...]
    compute: Callable[[Period, Breakdown | None], dict[str, Figure]]
    public: bool = True  # published as open data (only figures about groups, never a person)
    order: int = 100
    # A rate's count: the key of the indicator of the people a rate is computed from. A group whose
    # count is hidden has its rate hidden too, since the rate and a published base (the adult
    # residents of a gmina) would give the count back.
    hidden_with: str = ""


_INDICATORS: dict[str, Indicator] = {}


def indicator_register(indicator: Indicator) -> None:
    """Add an indicator (again with the same key: replace it, so a reload registers nothing twice)."""
    _INDICATORS[indicator.key] = indicator


def indicators() -> list[Indicator]:
    """Every registered indicator, in ``order``, then by key."""
    return sorted(_INDICATORS.values(), key=lambda indicator: (indicator.order, indicator.key))


def indicator_get(key: str) -> Indicator:
    """The indicator registered under ``key``; KeyError for none."""
    return _INDICATORS[key]


_MEMO: ContextVar[dict[Hashable, object] | None] = ContextVar("indicator_memo", default=None)
_SHOWN: ContextVar[frozenset[str]] = ContextVar("indicators_shown", default=frozenset())


@contextmanager
def figures_reused(shown: Iterable[str] = ()) -> Iterator[None]:
    """Within the block, what :func:`memoized` is asked for is computed once: a page of several
    tables (a dashboard, the open data) reads its sources once, not once a table. Outside any
    block nothing is kept, so every page reads the sources as they are. ``shown``: the keys of the
    indicators the page shows (:func:`figures_shown`), so that a source which can count several of
    them in one reading counts those together. A block inside another is part of it: the outer
    block's figures and ``shown`` hold."""
    keys = frozenset(shown)
    if _MEMO.get() is not None:
        yield
        return
    token, shown_token = _MEMO.set({}), _SHOWN.set(keys)
    try:
        yield
    finally:
        _SHOWN.reset(shown_token)
        _MEMO.reset(token)


def figures_shown() -> frozenset[str]:
    """The keys of the indicators the enclosing :func:`figures_reused` block's page shows (none
    when it did not say, or outside any block)."""
    return _SHOWN.get()


def memoized(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``key`` inside :func:`figures_reused` (every time outside it). The
    answer is shared: callers must not change it."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]


def figures_reusing() -> bool:
    """True inside :func:`figures_reused`: what is computed now is kept for the rest of the page,
    so a source that gives several figures at once may as well give them all."""
    return _MEMO.get() is not None


def memoized_already(key: Hashable) -> object | None:
    """What :func:`memoized` keeps for ``key`` in this :func:`figures_reused` block; None if it
    has computed nothing for it (or outside any block)."""
    memo = _MEMO.get()
    return None if memo is None else memo.get(key)


def count_people(rows: Sequence[tuple[Hashable, str]]) -> dict[str, Figure]:
    """``{group: Figure}`` of distinct people per group from ``(person id, group key)`` rows: a
    person with two rows of one group counts once there."""
    groups: dict[str, set[Hashable]] = {}
    for person, group in rows:
        groups.setdefault(group, set()).add(person)
    return {group: Figure(len(people), len(people)) for group, people in groups.items()}


def sum_by_group(rows: Sequence[tuple[Hashable, str, int]]) -> dict[str, Figure]:
    """``{group: Figure}`` summing the values of ``(person id, group key, value)`` rows, with the
    number of distinct people behind each group."""
    values: dict[str, int] = {}
    people: dict[str, set[Hashable]] = {}
    for person, group, value in rows:
        values[group] = values.get(group, 0) + value
        people.setdefault(group, set()).add(person)
    return {group: Figure(values[group], len(people[group])) for group in values}


def month_of(field: str) -> Expression:
    """The month key of a date-time ``field`` counted by the database (see :func:`figures_of`):
    the month in UTC, as Python's ``f"{moment:%Y-%m}"`` of the date-time Django reads back."""
    return TruncMonth(field, tzinfo=UTC)


def text_of(field: str) -> Expression:
    """A text ``field`` as a group key: "" where it is empty."""
    return Coalesce(F(field), Value(""))


def person_path(person: str, path: str) -> str:
    """The lookup of ``path`` (a path from a user: ``participant_profile__sex``) from rows whose
    field ``person`` holds the user's id: ``pk`` for rows that are users, else that foreign key's
    relation (``balance__participant_id`` gives ``balance__participant__participant_profile__sex``),
    so the database joins the person's rows once rather than looking them up row by row."""
    if person in ("pk", "id"):
        return path
    return f"{person.removesuffix('_id')}__{path}"


def figures_of(
    rows: QuerySet, *, person: str, group: Expression | F | None, value: Expression | F | str | None = None
) -> dict[str, Figure]:
    """``{group: Figure}`` counted by the database, without bringing the rows to Python: per value
    of ``group`` (None: one group, TOTAL; :func:`month_of` gives month keys), the number of distinct
    people (``person``, a field of the rows) and the sum of ``value`` (None: the people). The same
    figures :func:`count_people` and :func:`sum_by_group` give for the rows' ``(person, group[,
    value])``, in one grouped query instead of every row read: what keeps a dashboard's time flat
    in the size of the programme."""
    people = Count(person, distinct=True)
    found = (
        rows.annotate(indicator_group=group if group is not None else Value(TOTAL))
        .order_by()
        .values("indicator_group")
        .annotate(indicator_people=people, indicator_value=people if value is None else Sum(value))
    )
    result: dict[str, Figure] = {}
    for row in found:
        if not row["indicator_people"]:
            continue  # the total of no rows: a constant group is no GROUP BY, and gives one row of 0
        key = _group_key(row["indicator_group"])
        if key in result:  # two database values of one key: the people could not be added
            raise ValueError(f"The group {key!r} came twice: its expression must give one value a group.")
        result[key] = Figure(row["indicator_value"] or 0, row["indicator_people"])
    return result


def _group_key(key: object) -> str:
    """A group's key as the database gives it, as the figures name it: a month as YYYY-MM."""
    if isinstance(key, datetime):
        return f"{key.astimezone(UTC):%Y-%m}"
    return "" if key is None else str(key)


class DaysBetween(Func):
    """The whole days from the date-time ``start`` to ``end`` (whole periods of 24 hours, rounded
    down: Python's ``(end - start).days``), as the database computes it."""

    output_field = IntegerField()
    template = "FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400)"
    arg_joiner = " - "

    def __init__(self, end: str, start: str) -> None:
        super().__init__(F(end), F(start))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Django's own SQLite function gives the microseconds between two date-times; SQLite's
        # integer division rounds towards zero, so a negative span is rounded down by hand.
        end, end_params = compiler.compile(self.get_source_expressions()[0])
        start, start_params = compiler.compile(self.get_source_expressions()[1])
        span, params = f"django_timestamp_diff({end}, {start})", [*end_params, *start_params]
        day = 86_400_000_000
        sql = f"(CASE WHEN {span} >= 0 THEN {span} / {day} ELSE -((-{span} + {day - 1}) / {day}) END)"
        return sql, params * 4


def medians_of(
    rows: QuerySet,
    *,
    person: str,
    group: Expression | F | None,
    value: Expression | F,
    times: str | None = None,
) -> dict[str, Figure]:
    """``{group: Figure}`` of the median of ``value`` (whole days) of the rows per value of
    ``group`` (None: one group, TOTAL), with the number of distinct people behind it: what
    :func:`median_by_group` gives for the rows' ``(person, group, value)``, without bringing the
    rows to Python. The database counts the rows of each value in each group (a few hundred
    numbers of days, however many rows) and the median is read from those counts. ``times``: a
    field of rows that are counts already (how many times a row's value occurs), summed instead."""
    people = figures_of(rows, person=person, group=group)
    counts: dict[str, dict[int, int]] = {}
    for row in (
        rows.annotate(indicator_group=group if group is not None else Value(TOTAL), indicator_days=value)
        .order_by()
        .values("indicator_group", "indicator_days")
        .annotate(indicator_rows=Count("*") if times is None else Sum(times))
    ):
        if row["indicator_days"] is not None:
            found = counts.setdefault(_group_key(row["indicator_group"]), {})
            found[int(row["indicator_days"])] = row["indicator_rows"]
    return {
        key: Figure(median_of_counts(counts[key]), figure.people)
        for key, figure in people.items()
        if key in counts
    }


def median_of_counts(counts: Mapping[int, int]) -> int:
    """The median of values given as ``{value: how many times}``, rounded half up to a whole
    number: the same as :func:`median_by_group` gives for the values written out."""
    total = sum(counts.values())
    if not total:
        raise ValueError("The median of no values.")
    # The values at the places total // 2 (odd) or total // 2 - 1 and total // 2 (even).
    wanted = [total // 2] if total % 2 else [total // 2 - 1, total // 2]
    middle: list[int] = []
    seen = 0
    for value in sorted(counts):
        before, seen = seen, seen + counts[value]
        middle += [value for place in wanted if before <= place < seen]
        if len(middle) == len(wanted):
            break
    doubled = middle[0] * 2 if len(middle) == 1 else middle[0] + middle[1]
    return (doubled + 1) // 2


def figures_regrouped(figures: Mapping[str, Figure], group_of: Callable[[str], str]) -> dict[str, Figure]:
    """Figures of coarser groups added up from finer ones (``group_of`` maps a fine key to its
    coarse key: a gmina to its powiat, every key to TOTAL). Exact only where each person is in
    one fine group, such as where they live: people are added, not counted again, so a
    breakdown by a row's own attribute (its month) must be counted by the database instead."""
    result: dict[str, Figure] = {}
    for key, figure in figures.items():
        group = group_of(key)
        before = result.get(group, Figure(0, 0))
        result[group] = Figure(before.value + figure.value, before.people + figure.people)
    return result


def median_by_group(rows: Sequence[tuple[Hashable, str, int]]) -> dict[str, Figure]:
    """``{group: Figure}`` of the median of the values (days) of ``(person id, group key, value)``
    rows, rounded half up to a whole day, with the number of distinct people behind it."""
    values: dict[str, list[int]] = {}
    people: dict[str, set[Hashable]] = {}
    for person, group, value in rows:
        values.setdefault(group, []).append(value)
        people.setdefault(group, set()).add(person)
    result = {}
    for group, found in values.items():
        ordered = sorted(found)
        middle = len(ordered) // 2
        doubled = ordered[middle] * 2 if len(ordered) % 2 else ordered[middle - 1] + ordered[middle]
        result[group] = Figure((doubled + 1) // 2, len(people[group]))
    return result


# Age bands of the EU's ESF+ common indicators (under 25, 25-54, 55 and over) refined by decade:
# each ESF+ band is a sum of these.
AGE_BANDS = (
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
    (65, 200, "65+"),
)


def age_band(birth_date: date, on: date) -> str:
    """The band of a person born on ``birth_date`` on the day ``on``."""
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for low, high, key in AGE_BANDS:
        if low <= years <= high:
            return key
    return AGE_BANDS[0][2]


def isced_group(level: int | None) -> str:
    """ESF+ groups of the ISCED level of education: 0-2 (at most lower secondary), 3-4 (upper
    secondary and post-secondary), 5-8 (tertiary); "" when not known."""
    if level is None:
        return ""
    return "isced_0_2" if level <= 2 else "isced_3_4" if level <= 4 else "isced_5_8"
