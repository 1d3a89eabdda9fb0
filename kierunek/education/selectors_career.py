"""Reads of the career-orientation offer: the public search, a gmina's bookings and plan, and the
pupils reached by grade and gmina."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, QuerySet, Sum
from django.utils import timezone

from kierunek.core.collation import polish_sorted
from kierunek.geo.domain import search_key
from kierunek.geo.models import Gmina

from .models_career import ActivityKind, CareerActivity, CareerBooking, CareerPlan, SchoolLevel


@dataclass(frozen=True)
class ActivityFilters:
    q: str = ""
    kind: str = ""
    level: str = ""
    grade: int | None = None
    gmina: str = ""  # TERYT
    with_places: bool = False


def activities_search(filters: ActivityFilters, *, today: date | None = None) -> QuerySet[CareerActivity]:
    """Activities still to come that match, by date; a cancelled activity has left the offer."""
    day = today or timezone.localdate()
    found = CareerActivity.objects.filter(held_on__gte=day, cancelled_at__isnull=True).select_related(
        "institution", "gmina"
    )
    for word in search_key(filters.q).split():
        found = found.filter(search_text__contains=word)
    if filters.kind in ActivityKind.values:
        found = found.filter(kind=filters.kind)
    if filters.level in SchoolLevel.values:
        found = found.filter(level=filters.level)
    if filters.grade is not None:
        found = found.filter(grade_from__lte=filters.grade, grade_to__gte=filters.grade)
    if filters.gmina:
        found = found.filter(gmina__teryt=filters.gmina)
    if filters.with_places:
        found = found.filter(places_taken__lt=F("places"))
    return found.order_by("held_on", "pk")


def activity(activity_id: int) -> CareerActivity:
    return CareerActivity.objects.select_related("institution", "gmina").get(pk=activity_id)


def booked_schools(*, activity_id: int) -> set[int]:
    """The schools that had booked the activity (cancelled bookings included): they still see it
    when it is cancelled."""
    return set(CareerBooking.objects.filter(activity_id=activity_id).values_list("school_id", flat=True))


def bookings_of_gmina(*, gmina: Gmina, year: int) -> list[CareerBooking]:
    return list(
        CareerBooking.objects.filter(gmina=gmina, activity__held_on__year=year)
        .select_related("activity__institution", "school")
        .order_by("activity__held_on", "pk")
    )


def bookings_of_activity(*, activity_id: int) -> list[CareerBooking]:
    """The bookings of one activity, for its partner's staff and the Metropolis."""
    return list(
        CareerBooking.objects.filter(activity_id=activity_id)
        .select_related("activity__institution", "school")
        .order_by("school__name", "pk")
    )


def bookings_of_schools(*, school_ids: list[int]) -> list[CareerBooking]:
    return list(
        CareerBooking.objects.filter(school_id__in=school_ids)
        .select_related("activity__institution", "school")
        .order_by("-activity__held_on", "pk")
    )


@dataclass(frozen=True)
class Reach:
    """Pupils reached in a year: by gmina, then by (level, grade)."""

    grades: list[tuple[str, int]]
    rows: list[tuple[Gmina, list[int], int]]  # the gmina, its pupils in the order of ``grades``, its total
    totals: list[int]
    total: int

    def pupils(self, gmina: Gmina, level: str, grade: int) -> int:
        """The pupils of one cell (for tests and exports)."""
        index = self.grades.index((level, grade)) if (level, grade) in self.grades else None
        for row_gmina, cells, _total in self.rows:
            if row_gmina.pk == gmina.pk and index is not None:
                return cells[index]
        return 0


def pupils_reached(*, year: int, gminas: list[Gmina] | None = None) -> Reach:
    """Pupils reached by the activities of the year (booked places of activities held in it, not
    cancelled)."""
    bookings = CareerBooking.objects.filter(activity__held_on__year=year, cancelled_at__isnull=True)
    if gminas is not None:
        bookings = bookings.filter(gmina__in=gminas)
    cells: dict[int, dict[tuple[str, int], int]] = defaultdict(dict)
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for row in bookings.values("gmina_id", "level", "grade").annotate(pupils=Sum("pupils")):
        key = (row["level"], row["grade"])
        cells[row["gmina_id"]][key] = row["pupils"]
        totals[key] += row["pupils"]
    grades = sorted(totals, key=lambda k: (k[0] != SchoolLevel.PRIMARY, k[1]))
    by_id = {g.pk: g for g in Gmina.objects.filter(pk__in=cells)}
    rows = polish_sorted(
        [(by_id[pk], [cell.get(key, 0) for key in grades], sum(cell.values())) for pk, cell in cells.items()],
        key=lambda r: r[0].name,
    )
    return Reach(grades=grades, rows=rows, totals=[totals[key] for key in grades], total=sum(totals.values()))


@dataclass(frozen=True)
class PlanProgress:
    plan: CareerPlan | None
    activities: int
    pupils: int


def plan_progress(*, gmina: Gmina, year: int) -> PlanProgress:
    """The gmina's plan of the year against the activities its schools took part in and the pupils."""
    done = CareerBooking.objects.filter(
        gmina=gmina, activity__held_on__year=year, cancelled_at__isnull=True
    ).aggregate(activities=Count("activity", distinct=True), pupils=Sum("pupils"))
    return PlanProgress(
        plan=CareerPlan.objects.filter(gmina=gmina, year=year).first(),
        activities=done["activities"] or 0,
        pupils=done["pupils"] or 0,
    )
