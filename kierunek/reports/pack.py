"""The report pack for the region's board: every public indicator of a period, its total and its
main breakdown (by powiat where it has one, else by month) as a table with bars, in one PDF
(:func:`kierunek.core.pdf.render_tables_pdf`), from the same tables as the page."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kierunek.core.indicators import Breakdown, Indicator, figures_reused
from kierunek.core.pdf import TableBlock, render_tables_pdf

from .domain import PeriodChoice
from .presentation import summary, value_text
from .selectors import indicator_table, public_indicators, threshold


def _main_breakdown(indicator: Indicator) -> Breakdown | None:
    for candidate in (Breakdown.POWIAT, Breakdown.MONTH):
        if candidate in indicator.breakdowns:
            return candidate
    return None


def pack_pdf(period: PeriodChoice, *, language: str = "pl") -> bytes:
    shown = public_indicators()
    with translation.override(language), figures_reused(indicator.key for indicator in shown):
        blocks = []
        for indicator in shown:
            table = indicator_table(indicator, period, _main_breakdown(indicator))
            largest = max((row.value for row in table.rows if row.value), default=0)
            rows = [
                (
                    row.label,
                    value_text(row.value, indicator.unit, hidden=row.hidden),
                    (row.value or 0) / largest if largest else None,
                )
                for row in table.rows
            ]
            rows.append(
                (_("Total"), value_text(table.total, indicator.unit, hidden=table.total_hidden), None)
            )
            blocks.append(
                TableBlock(
                    heading=str(indicator.name), summary=f"{indicator.definition} {summary(table)}", rows=rows
                )
            )
        return render_tables_pdf(
            title=_("The programme's indicators: %(period)s") % {"period": period.key},
            meta={
                _("Period"): f"{period.start:%d.%m.%Y} \u2013 {period.end:%d.%m.%Y}",
                _("Prepared"): f"{timezone.localdate():%d.%m.%Y}",
                _("Disclosure control"): _("groups of fewer than %(n)d people are not shown")
                % {"n": threshold()},
            },
            blocks=blocks,
        )
