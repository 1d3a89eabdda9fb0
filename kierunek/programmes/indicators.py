"""The programme's indicators about participants (:mod:`kierunek.core.indicators`): who applied,
who was found eligible, how long the decision took; and the groups a participant belongs to, which
the indicators of guidance and vouchers use for their own breakdowns.

A participant's groups are read from their most recent submitted application (residence, education,
labour status: what they declared) and their profile (sex, date of birth); the age is taken on the
last day of the period."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.db.models import Case, Expression, F, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull, LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import ParticipantProfile
from kierunek.core.indicators import (
    AGE_BANDS,
    Breakdown,
    DaysBetween,
    Figure,
    Indicator,
    Period,
    Unit,
    age_band,
    figures_of,
    indicator_register,
    isced_group,
    medians_of,
    month_of,
    person_path,
)
from kierunek.geo.indicators import PLACES, figures_by_place

from .models import Application, ApplicationStatus

PERSON_BREAKDOWNS = (
    Breakdown.POWIAT,
    Breakdown.GMINA,
    Breakdown.SEX,
    Breakdown.AGE_BAND,
    Breakdown.EDUCATION,
    Breakdown.LABOUR_STATUS,
    Breakdown.MONTH,
)
# The outcome of the eligibility check: eligible by the rules, or accepted by an officer after a
# manual review.
ADMITTED = (ApplicationStatus.ELIGIBLE, ApplicationStatus.ACCEPTED)


# Ids per query: a list of people goes to the database in parts, within SQLite's (32 766) and
# PostgreSQL's (65 535) limits on a statement's parameters, whatever the size of the programme.
IDS_PER_QUERY = 5_000


def participant_groups(people: Collection[int], breakdown: Breakdown, period: Period) -> dict[int, str]:
    """Each person's group key in ``breakdown`` (those of the participant's own attributes;
    MONTH is the caller's). A person without the attribute gets ""."""
    people = list(people)
    groups: dict[int, str] = {}
    for start in range(0, len(people), IDS_PER_QUERY):
        groups.update(_groups_of(people[start : start + IDS_PER_QUERY], breakdown, period))
    return groups


def _groups_of(people: list[int], breakdown: Breakdown, period: Period) -> dict[int, str]:
    if breakdown in (Breakdown.SEX, Breakdown.AGE_BAND):
        profiles = ParticipantProfile.objects.filter(user_id__in=people).values_list(
            "user_id", "sex", "birth_date"
        )
        if breakdown == Breakdown.SEX:
            return {person: sex for person, sex, _born in profiles}
        return {person: age_band(born, period.end) for person, _sex, born in profiles}
    applications = (
        Application.objects.filter(participant_id__in=people, submitted_at__isnull=False)
        .order_by("participant_id", "submitted_at", "pk")
        .values_list(
            "participant_id",
            "residence_gmina__teryt",
            "residence_gmina__powiat__teryt",
            "education_level",
            "employment_status",
        )
    )
    groups: dict[int, str] = {}
    for person, gmina, powiat, education, status in applications:  # the latest one wins
        if breakdown == Breakdown.GMINA:
            groups[person] = gmina or ""
        elif breakdown == Breakdown.POWIAT:
            groups[person] = powiat or ""
        elif breakdown == Breakdown.EDUCATION:
            groups[person] = isced_group(education)
        else:
            groups[person] = status or ""
    return groups


def participant_group(breakdown: Breakdown, period: Period, person: str = "participant_id") -> Expression:
    """The group key in ``breakdown`` of the participant whose id is the field ``person`` of the
    rows, as the database computes it for :func:`kierunek.core.indicators.figures_of`: the same
    key :func:`participant_groups` gives (their newest submitted application; their profile; the
    age on the period's last day), "" where it is not known. Joined once through the person (the
    view :class:`~kierunek.programmes.models.NewestApplication`, the profile), not looked up row by
    row."""
    if breakdown in (Breakdown.SEX, Breakdown.AGE_BAND):
        if breakdown == Breakdown.SEX:
            return Coalesce(F(person_path(person, "participant_profile__sex")), Value(""))
        born = F(person_path(person, "participant_profile__birth_date"))
        # Of age ``years`` on the day ``on`` is who was born on or before that day ``years`` back.
        whens = [When(IsNull(born, True), then=Value(""))]
        whens.append(
            When(
                LessThanOrEqual(born, _years_before(period.end, AGE_BANDS[-1][1] + 1)),
                then=Value(AGE_BANDS[0][2]),
            )
        )
        whens += [
            When(LessThanOrEqual(born, _years_before(period.end, low)), then=Value(key))
            for low, _high, key in reversed(AGE_BANDS[1:])
        ]
        return Case(*whens, default=Value(AGE_BANDS[0][2]))
    if breakdown == Breakdown.EDUCATION:
        level = F(person_path(person, "newest_application__education_level"))
        return Case(
            When(IsNull(level, True), then=Value("")),
            When(LessThanOrEqual(level, 2), then=Value(isced_group(2))),
            When(LessThanOrEqual(level, 4), then=Value(isced_group(4))),
            default=Value(isced_group(8)),
        )
    field = {
        Breakdown.GMINA: "residence_gmina__teryt",
        Breakdown.POWIAT: "residence_gmina__powiat__teryt",
        Breakdown.LABOUR_STATUS: "employment_status",
    }[breakdown]
    return Coalesce(F(person_path(person, f"newest_application__{field}")), Value(""))


def _years_before(day: date, years: int) -> date:
    """The day ``years`` before ``day`` (the 28th for a 29 February that year has not)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def group_expression(
    breakdown: Breakdown | None, period: Period, *, moment: str, person: str = "participant_id"
) -> Expression | None:
    """The group of a row about a participant (the field ``person``) for :func:`figures_of`: the
    month of its date-time ``moment``, the participant's group, or None for the total."""
    if breakdown is None:
        return None
    if breakdown == Breakdown.MONTH:
        return month_of(moment)
    return participant_group(breakdown, period, person)


def participant_figures(
    key: str,
    rows: QuerySet,
    breakdown: Breakdown | None,
    period: Period,
    *,
    moment: str,
    person: str = "participant_id",
    value: Expression | F | str | None = None,
) -> dict[str, Figure]:
    """:func:`figures_of` the rows about participants (the field ``person``) in ``breakdown``
    (:func:`group_expression`). By gmina, by powiat and in total the figures are added up from
    one count by the gmina where each person lives (:func:`figures_by_place`, ``key`` naming the
    rows in the period): a gmina's table and its powiats count once, and its total with them."""
    if breakdown is None or breakdown in PLACES:
        lives_in = F(person_path(person, "newest_application__residence_gmina_id"))
        return figures_by_place(
            (key, period),
            breakdown,
            lambda: figures_of(rows, person=person, group=lives_in, value=value),
            lambda: figures_of(rows, person=person, group=None, value=value),
        )
    group = group_expression(breakdown, period, moment=moment, person=person)
    return figures_of(rows, person=person, group=group, value=value)


def applied(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = Application.objects.filter(submitted_at__gte=period.since, submitted_at__lt=period.before)
    return participant_figures("programmes.applied", rows, breakdown, period, moment="submitted_at")


def admitted(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = Application.objects.filter(
        status__in=ADMITTED, decided_at__gte=period.since, decided_at__lt=period.before
    )
    return participant_figures("programmes.admitted", rows, breakdown, period, moment="decided_at")


def days_to_decision(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    """The median of the days from submission to the decision, of the decisions in the period."""
    rows = Application.objects.filter(
        decided_at__gte=period.since, decided_at__lt=period.before, submitted_at__isnull=False
    )
    group = group_expression(breakdown, period, moment="decided_at")
    return medians_of(
        rows, person="participant_id", group=group, value=DaysBetween("decided_at", "submitted_at")
    )


def indicators_register() -> None:
    """Called from ``ProgrammesConfig.ready()``."""
    source = _("Programmes and applications")
    indicator_register(
        Indicator(
            key="programmes.applied",
            name=_("Participants who applied"),
            definition=_("People whose application to the programme was submitted in the period."),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=PERSON_BREAKDOWNS,
            compute=applied,
            order=10,
        )
    )
    indicator_register(
        Indicator(
            key="programmes.admitted",
            name=_("Participants found eligible"),
            definition=_(
                "People whose application was found eligible in the period, by the rules or by an "
                "officer after a review."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=PERSON_BREAKDOWNS,
            compute=admitted,
            order=11,
        )
    )
    indicator_register(
        Indicator(
            key="programmes.days_to_decision",
            name=_("Days from application to decision"),
            definition=_(
                "The median number of days from the submission of an application to its decision, of "
                "the decisions made in the period."
            ),
            unit=Unit.DAYS,
            source=source,
            breakdowns=(Breakdown.MONTH, Breakdown.POWIAT),
            compute=days_to_decision,
            order=19,
        )
    )
