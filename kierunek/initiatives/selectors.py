"""Reads of the regional initiatives, scoped by role and object: a gmina's own applications, a
juror's applications to score, the office's editions; the public results of a published edition,
a campaign's activities with their places on the map and the counts of participants."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from kierunek.accounts.models import GminaStaff
from kierunek.core.collation import polish_sorted
from kierunek.core.disclosure import SuppressedTable, suppress
from kierunek.events import domain as events_domain
from kierunek.events.models import Registration
from kierunek.geo.map import drawing

from . import domain
from .models import (
    Activity,
    Campaign,
    ContestApplication,
    ContestEdition,
    ContestWorkshop,
    Juror,
    OrganiserKind,
    Score,
)


def workshops_attended(application: ContestApplication) -> int:
    """Stage I: of the edition's workshops, at how many someone of the gmina's staff was checked in."""
    staff = GminaStaff.objects.filter(gmina_id=application.gmina_id).values("user_id")
    return (
        Registration.objects.filter(
            event_id__in=ContestWorkshop.objects.filter(edition_id=application.edition_id).values("event_id"),
            person_id__in=staff,
            attendance=events_domain.CHECKED_IN,
        )
        .values("event_id")
        .distinct()
        .count()
    )


def applications_of_gmina(*, gmina_id: int) -> QuerySet[ContestApplication]:
    return (
        ContestApplication.objects.filter(gmina_id=gmina_id)
        .select_related("edition")
        .order_by("-edition__year")
    )


def application_of_gmina(*, application_id: int, gmina_id: int) -> ContestApplication:
    return ContestApplication.objects.select_related("edition", "gmina").get(
        pk=application_id, gmina_id=gmina_id
    )


def edition_open() -> ContestEdition | None:
    return ContestEdition.objects.filter(status=domain.OPEN).order_by("-year").first()


def editions_public() -> QuerySet[ContestEdition]:
    return ContestEdition.objects.exclude(status=domain.DRAFT).order_by("-year")


def edition_public(*, year: int) -> ContestEdition:
    return ContestEdition.objects.exclude(status=domain.DRAFT).get(year=year)


def editions_for_office() -> QuerySet[ContestEdition]:
    return ContestEdition.objects.annotate(applied=Count("applications")).order_by("-year")


def applications_of_edition(edition: ContestEdition) -> list[ContestApplication]:
    return polish_sorted(edition.applications.select_related("gmina"), key=lambda a: a.gmina.name)


def juror_seats(*, user: Any) -> QuerySet[Juror]:
    return Juror.objects.filter(user=user).select_related("edition").order_by("-edition__year")


def juror_application(*, application_id: int, user: Any) -> tuple[ContestApplication, Juror]:
    """An application of an edition the person sits on the jury of, reported for scoring;
    ``DoesNotExist`` for everybody else."""
    application = ContestApplication.objects.select_related("edition", "gmina").get(
        pk=application_id, status=domain.REPORTED
    )
    juror = Juror.objects.filter(edition_id=application.edition_id, user=user).first()
    if juror is None:
        raise ContestApplication.DoesNotExist
    return application, juror


def applications_to_score(juror: Juror) -> list[dict[str, Any]]:
    applications = ContestApplication.objects.filter(edition_id=juror.edition_id, status=domain.REPORTED)
    declared = dict(juror.declarations.values_list("application_id", "has_conflict"))
    scored = set(juror.scores.values_list("application_id", flat=True))
    rows = [
        {
            "application": a,
            "declared": a.pk in declared,
            "conflict": declared.get(a.pk, False),
            "scored": a.pk in scored,
        }
        for a in applications.select_related("gmina")
    ]
    return polish_sorted(rows, key=lambda row: row["application"].gmina.name)


@dataclass
class ResultRow:
    application: ContestApplication
    result: Decimal | None
    place: int | None = None
    awards: list[str] = field(default_factory=list)


def edition_results(edition: ContestEdition) -> list[ResultRow]:
    """The reported gminas with their results (out of 100) and places, best first, then those not
    scored yet; the jurors' points count only from jurors without a conflict of interest (a juror
    who declared one never scores)."""
    criteria = [
        domain.CriterionRule(key=c.pk, max_points=c.max_points, weight=c.weight)
        for c in edition.criteria.all()
    ]
    applications = polish_sorted(
        edition.applications.filter(status=domain.REPORTED).select_related("gmina"),
        key=lambda a: a.gmina.name,
    )
    points: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    # Scores exist only from jurors who declared no conflict with the gmina (scores_save).
    for application_id, criterion_id, given in Score.objects.filter(application__edition=edition).values_list(
        "application_id", "criterion_id", "points"
    ):
        points[application_id][criterion_id].append(given)
    results = {a.pk: domain.result_points(criteria, points.get(a.pk, {})) for a in applications}
    awards: dict[int, list[str]] = defaultdict(list)
    for application_id, title in edition.awards.values_list("application_id", "title"):
        awards[application_id].append(title)
    places = {
        int(key): place
        for place, key, _value in domain.ranked((str(a.pk), results[a.pk]) for a in applications)
    }
    rows = [ResultRow(a, results[a.pk], places.get(a.pk), awards.get(a.pk, [])) for a in applications]
    return sorted(rows, key=lambda row: (row.place is None, row.place or 0))


# Campaigns --------------------------------------------------------------------------------------


def campaign_public(*, kind: str, year: int) -> Campaign:
    return Campaign.objects.get(kind=kind, year=year)


def campaigns_public() -> QuerySet[Campaign]:
    return Campaign.objects.annotate(count=Count("activities")).order_by("-year", "kind")


def campaign_open_for(*, today: Any) -> QuerySet[Campaign]:
    return Campaign.objects.filter(registration_closes_on__gte=today).order_by("starts_on")


def checked_in_counts(activities: list[Activity]) -> dict[int, int]:
    rows = (
        Registration.objects.filter(
            event_id__in=[a.event_id for a in activities], attendance=events_domain.CHECKED_IN
        )
        .values("event_id")
        .annotate(n=Count("pk"))
    )
    return {row["event_id"]: row["n"] for row in rows}


@dataclass
class CampaignView:
    activities: list[Activity]
    counts: SuppressedTable  # participants per activity (key: the activity's id), suppressed
    by_organiser: SuppressedTable  # participants per kind of organiser
    organisers: dict[str, int]  # activities per kind of organiser
    points: list[dict[str, Any]]  # the map's symbols: a gmina's seat, its activities
    online: int
    picture: Any


def campaign_view(campaign: Campaign, *, gmina_teryt: str = "") -> CampaignView:
    activities = list(
        Activity.objects.filter(campaign=campaign)
        .select_related("event__gmina__powiat")
        .order_by("event__starts_at", "pk")
    )
    checked = checked_in_counts(activities)
    per_activity = {
        str(a.pk): domain.activity_count(a.participants, checked.get(a.event_id, 0))
        for a in activities
        if a.participants is not None or checked.get(a.event_id)
    }
    per_kind: dict[str, int] = dict.fromkeys(OrganiserKind.values, 0)
    organisers: dict[str, int] = dict.fromkeys(OrganiserKind.values, 0)
    for a in activities:
        organisers[a.organiser_kind] += 1
        per_kind[a.organiser_kind] += per_activity.get(str(a.pk), 0)
    total = sum(per_activity.values())
    picture = drawing()
    by_gmina: dict[int, list[Activity]] = defaultdict(list)
    for a in activities:
        if a.event.gmina_id is not None:
            by_gmina[a.event.gmina_id].append(a)
    points = []
    for items in by_gmina.values():
        gmina = items[0].event.gmina
        assert gmina is not None
        x, y = picture.point(lon=gmina.lon, lat=gmina.lat)
        points.append({"gmina": gmina, "x": x, "y": y, "n": len(items), "r": 4 + 3 * len(items) ** 0.5})
    points = polish_sorted(points, key=lambda p: p["gmina"].name)
    shown = [
        a for a in activities if not gmina_teryt or (a.event.gmina and a.event.gmina.teryt == gmina_teryt)
    ]
    return CampaignView(
        activities=shown,
        counts=suppress(per_activity, total),
        by_organiser=suppress(per_kind, total),
        organisers=organisers,
        points=points,
        online=sum(1 for a in activities if a.event.gmina_id is None),
        picture=picture,
    )


def activities_of(*, user: Any) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(registered_by=user)
        .select_related("campaign", "event__gmina")
        .order_by("-event__starts_at", "-pk")
    )


def activities_checked_in(activities: list[Activity]) -> dict[int, int]:
    return checked_in_counts(activities)
