"""Reads of outreach, scoped by role and gmina: the agreements, the leaders' register, the
campaigns and what they brought. ``campaign_users`` and ``campaigns_all`` are for the contexts
above (brokerage's fraud signals per campaign)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from kierunek.accounts.models import Role, User
from kierunek.core.collation import polish_sorted
from kierunek.core.disclosure import Cell, suppress
from kierunek.geo.models import Gmina

from . import domain, figures
from .models import Campaign, GminaAgreement, Leader
from .services.base import gmina_of_staff


def campaigns_all() -> QuerySet[Campaign]:
    """Every campaign, newest first, with its gmina."""
    return Campaign.objects.select_related("gmina", "leader").order_by("-starts_on", "-pk")


def campaign_users(*, campaign: Campaign) -> QuerySet[User]:
    """The people who signed up through ``campaign``."""
    return User.objects.filter(outreach_signup__campaign=campaign)


def gmina_for(user: User) -> Gmina | None:
    """The gmina a gmina-staff person works for (None for everybody else)."""
    return gmina_of_staff(user)


def agreements(*, gmina: Gmina | None = None) -> list[GminaAgreement]:
    queryset = GminaAgreement.objects.select_related("gmina", "coordinator")
    if gmina is not None:
        queryset = queryset.filter(gmina=gmina)
    return polish_sorted(queryset, key=lambda a: (a.gmina.name, str(a.starts_on)))


def agreement_current(gmina: Gmina) -> GminaAgreement | None:
    return (
        GminaAgreement.objects.select_related("coordinator")
        .filter(gmina=gmina, status__in=domain.CURRENT_STATES)
        .first()
    )


def agreement_visible(*, user: User, agreement_id: int) -> GminaAgreement:
    """The agreement if ``user`` may see it (the office, or the gmina's own staff); else
    ``DoesNotExist``, so another gmina's agreement is a 404."""
    agreement = GminaAgreement.objects.select_related("gmina", "coordinator").get(pk=agreement_id)
    if user.role == Role.OFFICER:
        return agreement
    own = gmina_of_staff(user)
    if own is None or own.pk != agreement.gmina_id:
        raise GminaAgreement.DoesNotExist
    return agreement


def leaders(*, gmina: Gmina) -> list[Leader]:
    return list(
        Leader.objects.filter(gmina=gmina).prefetch_related("contacts").order_by("erased_at", "kind", "pk")
    )


def leader_visible(*, user: User, leader_id: int) -> Leader:
    leader = Leader.objects.select_related("gmina").get(pk=leader_id)
    if user.role != Role.OFFICER:
        own = gmina_of_staff(user)
        if own is None or own.pk != leader.gmina_id:
            raise Leader.DoesNotExist
    return leader


def campaigns_of(*, user: User) -> QuerySet[Campaign]:
    """The office sees every campaign; a gmina's staff their gmina's only."""
    if user.role == Role.OFFICER:
        return campaigns_all()
    own = gmina_of_staff(user)
    if own is None:
        return Campaign.objects.none()
    return campaigns_all().filter(gmina=own)


def campaign_visible(*, user: User, campaign_id: int) -> Campaign:
    return campaigns_of(user=user).get(pk=campaign_id)


@dataclass
class FunnelRow:
    label: object
    campaign: Campaign | None
    cells: dict[str, Cell]

    @property
    def cell_list(self) -> list[Cell]:
        return [self.cells[step] for step in figures.STEPS]


def campaign_funnel(campaigns: list[Campaign], *, exact: bool) -> list[FunnelRow]:
    """For each campaign, how many who signed up through it registered, had a balance, were
    issued vouchers, used them and completed a training. ``exact`` for the office's internal
    page; otherwise each step's column is suppressed like every published count."""
    journeys = figures.steps()
    came = figures.signups()
    groups: dict[int, set[int]] = {campaign.pk: set() for campaign in campaigns}
    for person, (campaign_id, _channel) in came.items():
        if campaign_id in groups:
            groups[campaign_id].add(person)
    columns: dict[str, dict[str, Cell]] = {}
    for step in figures.STEPS:
        counts = {str(pk): journeys.count(step, people) for pk, people in groups.items()}
        columns[step] = (
            {key: Cell(value) for key, value in counts.items()}
            if exact
            else suppress(counts, total=sum(counts.values())).cells
        )
    return [
        FunnelRow(
            label=campaign.name,
            campaign=campaign,
            cells={s: columns[s][str(campaign.pk)] for s in figures.STEPS},
        )
        for campaign in campaigns
    ]


def channel_funnel() -> list[FunnelRow]:
    """The office's view by channel (exact: internal, not published)."""
    journeys = figures.steps()
    came = figures.signups()
    groups: dict[str, set[int]] = {key: set() for key in figures.CHANNEL_LABELS}
    for person in journeys.people[figures.REGISTERED]:
        groups[figures.channel_of(person, came)].add(person)
    return [
        FunnelRow(
            label=figures.CHANNEL_LABELS[key],
            campaign=None,
            cells={step: Cell(journeys.count(step, people)) for step in figures.STEPS},
        )
        for key, people in groups.items()
    ]
