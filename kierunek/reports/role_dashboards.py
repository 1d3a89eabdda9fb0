"""The dashboards of each kind of reader: the office, the financial operator, the programme
council, a gmina's coordinator, a partner and the public. Each is a chosen set of indicators with
the breakdown it opens with; the reader chooses the period, and any figure opens in the reports
page for another breakdown. Every figure is :func:`kierunek.reports.selectors.indicator_table`'s,
so a dashboard shows nothing the reports page would not.

Who opens which: the office's dashboard is the programme officers' and administrators'; the
operator's adds the financial operator; the council's is also read by anyone sitting on a council
of the partnership today; the partners' by partner staff; the gmina's by a gmina's coordinator,
who sees their own gmina only (the office chooses a gmina); the public one by anybody, with the
public indicators only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.indicators import Breakdown, Indicator, Label
from kierunek.geo.models import Gmina
from kierunek.outreach.selectors import gmina_for
from kierunek.partnership.activity import council_member_reads

from .domain import PeriodChoice
from .presentation import value_text
from .selectors import Table, indicator_find, indicator_table

OFFICE = frozenset({Role.OFFICER, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Item:
    key: str  # the indicator
    breakdown: Breakdown | None  # what it opens with


@dataclass(frozen=True)
class RoleDashboard:
    slug: str
    title: Label
    intro: Label
    roles: frozenset[str]  # who may open it besides what ``may_open`` adds; empty: everybody
    items: tuple[Item, ...]
    by_gmina: bool = False  # one gmina's figures beside its powiat's and the region's

    def may_open(self, user: Any) -> bool:
        if not self.roles:
            return True
        if not getattr(user, "is_authenticated", False):
            return False
        if getattr(user, "role", None) in self.roles:
            return True
        return self.slug == "rada" and council_member_reads(user)


P, G, M = Breakdown.POWIAT, Breakdown.GMINA, Breakdown.MONTH
DASHBOARDS: dict[str, RoleDashboard] = {
    board.slug: board
    for board in (
        RoleDashboard(
            slug="urzad",
            title=_("The office's dashboard"),
            intro=_("Who applies and from where, how far people get, and how long decisions take."),
            roles=OFFICE,
            items=(
                Item("programmes.applied", P),
                Item("guidance.plans_signed", P),
                Item("vouchers.issued", M),
                Item("programmes.days_to_decision", M),
                Item("outreach.reach_registered", P),
                Item("events.attended", M),
            ),
        ),
        RoleDashboard(
            slug="operator",
            title=_("The financial operator's dashboard"),
            intro=_("The value of vouchers issued, money settled and paid, and how long payment takes."),
            roles=OFFICE | {Role.FINANCIAL_OPERATOR},
            items=(
                Item("vouchers.value_issued", Breakdown.PACKAGE),
                Item("vouchers.settled", Breakdown.CATEGORY),
                Item("vouchers.paid", M),
                Item("vouchers.days_to_payment", M),
                Item("vouchers.expired", M),
                Item("vouchers.clawed_back", M),
            ),
        ),
        RoleDashboard(
            slug="rada",
            title=_("The programme council's dashboard"),
            intro=_("What the programme and the partnership achieve across the region."),
            roles=OFFICE,
            items=(
                Item("programmes.applied", P),
                Item("vouchers.used", Breakdown.CATEGORY),
                Item("qualifications.certified", M),
                Item("partnership.meetings", M),
                Item("partnership.practices", P),
                Item("education.training_completed", P),
                Item("recruitment.candidates", None),
                Item("recruitment.confirmation_rate", None),
            ),
        ),
        RoleDashboard(
            slug="gmina",
            title=_("The gmina's dashboard"),
            intro=_(
                "Your gmina's residents at each step of the programme, beside the powiat and the region."
            ),
            roles=OFFICE | {Role.GMINA_STAFF},
            items=(
                Item("outreach.reach_registered", G),
                Item("outreach.registered_per_thousand", G),
                Item("outreach.reach_balance", G),
                Item("outreach.reach_vouchers_issued", G),
                Item("outreach.reach_vouchers_used", G),
                Item("outreach.reach_completed", G),
                Item("programmes.applied", G),
                Item("education.training_enrolled", G),
            ),
            by_gmina=True,
        ),
        RoleDashboard(
            slug="partner",
            title=_("The partners' dashboard"),
            intro=_("What the partnership does and whom its events reach."),
            roles=OFFICE | {Role.PARTNER_STAFF},
            items=(
                Item("partnership.practices", P),
                Item("partnership.products", M),
                Item("partnership.meetings", M),
                Item("events.attended", P),
                Item("programmes.applied", P),
            ),
        ),
        RoleDashboard(
            slug="publiczny",
            title=_("The programme in figures"),
            intro=_("How many people take part, where from, and how long payment for their training takes."),
            roles=frozenset(),
            items=(
                Item("programmes.applied", P),
                Item("vouchers.paid", M),
                Item("vouchers.days_to_payment", M),
                Item("qualifications.certified", M),
                Item("events.attended", P),
            ),
        ),
    )
}
HOME_OF_ROLE = {
    Role.OFFICER: "urzad",
    Role.ADMINISTRATOR: "urzad",
    Role.FINANCIAL_OPERATOR: "operator",
    Role.GMINA_STAFF: "gmina",
    Role.PARTNER_STAFF: "partner",
}


def dashboard_home(user: Any) -> str:
    """The dashboard a person opens first: their role's, or the public one."""
    role = getattr(user, "role", None)
    return next((slug for each, slug in HOME_OF_ROLE.items() if each == role), "publiczny")


def dashboards_open_to(user: Any) -> list[RoleDashboard]:
    return [board for board in DASHBOARDS.values() if board.may_open(user)]


def items_shown(board: RoleDashboard) -> list[tuple[Indicator, Breakdown | None]]:
    """The board's indicators that are registered, with the breakdown each opens with (none when
    the indicator has not that breakdown); the public board shows public indicators only."""
    shown = []
    for item in board.items:
        indicator = indicator_find(item.key)
        if indicator is None or (not board.roles and not indicator.public):
            continue
        shown.append((indicator, item.breakdown if item.breakdown in indicator.breakdowns else None))
    return shown


def keys_shown(board: RoleDashboard) -> list[str]:
    """The keys of :func:`items_shown`: what the board's page tells
    :func:`~kierunek.core.indicators.figures_reused` it shows."""
    return [indicator.key for indicator, _breakdown in items_shown(board)]


def gmina_of_reader(user: Any, asked: str) -> Gmina | None:
    """The gmina whose figures the gmina dashboard shows: a coordinator's own, whatever is asked;
    for the office, the gmina asked for (by TERYT code)."""
    if getattr(user, "role", None) == Role.GMINA_STAFF:
        return gmina_for(user)
    return Gmina.objects.select_related("powiat").filter(teryt=asked).first() if asked else None


@dataclass(frozen=True)
class GminaLine:
    indicator: Indicator
    gmina: str
    powiat: str
    region: str


def _cell(table: Table, key: str) -> str:
    row = next((row for row in table.rows if row.key == key), None)
    if row is None:
        return value_text(0, table.indicator.unit) if table.additive else str(_("none"))
    return value_text(row.value, table.indicator.unit, hidden=row.hidden)


def gmina_lines(board: RoleDashboard, gmina: Gmina, period: PeriodChoice) -> list[GminaLine]:
    """Each indicator's figure for ``gmina``, its powiat and the region, as the reports publish
    them (the gmina's row of the table by gmina, so hidden there means hidden here)."""
    lines = []
    for indicator, _breakdown in items_shown(board):
        if Breakdown.GMINA not in indicator.breakdowns:
            continue
        by_gmina = indicator_table(indicator, period, Breakdown.GMINA)
        powiat = (
            _cell(indicator_table(indicator, period, Breakdown.POWIAT), gmina.powiat.teryt)
            if Breakdown.POWIAT in indicator.breakdowns
            else ""
        )
        region = value_text(by_gmina.total, indicator.unit, hidden=by_gmina.total_hidden)
        lines.append(GminaLine(indicator, _cell(by_gmina, gmina.teryt), powiat, region))
    return lines
