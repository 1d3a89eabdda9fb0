"""The indicators' public API: the list with each one's definition, unit, source and breakdowns,
and one indicator's table for a period and a breakdown: the numbers of the reports page and the
open data (:func:`kierunek.reports.selectors.indicator_table`), suppressed cells as null."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from kierunek.core.api_errors import ValidationErrorOut
from kierunek.core.indicators import Breakdown, Indicator

from .domain import period_parse
from .selectors import indicator_find, indicator_table, public_indicators

router = Router(auth=None)

# "<context>.<name>": anything else (control characters included) is refused with 422 before a lookup.
IndicatorKey = Annotated[str, Field(pattern=r"^[a-z][a-z_]*\.[a-z][a-z_]*$", max_length=80)]


class IndicatorOut(Schema):
    key: str
    name: str
    definition: str
    unit: str
    source: str
    breakdowns: list[str]


class IndicatorListOut(Schema):
    count: int
    items: list[IndicatorOut]


class GroupOut(Schema):
    key: str
    label: str
    value: int | None = Field(description="null when not shown to protect the people in the group")
    suppressed: bool


class IndicatorTableOut(IndicatorOut):
    period: str
    period_start: str
    period_end: str
    breakdown: str | None
    total: int | None
    total_suppressed: bool
    groups: list[GroupOut]


class IndicatorNotFoundOut(Schema):
    detail: str


class TableFilters(Schema):
    period: str = Field(
        "", description="2026 (a year), 2026-Q3 (a quarter) or 2026-07 (a month); this year by default"
    )
    breakdown: str = Field("", description="one of the indicator's breakdowns; none: the total alone")


def _out(indicator: Indicator) -> dict[str, Any]:
    return {
        "key": indicator.key,
        "name": str(indicator.name),
        "definition": str(indicator.definition),
        "unit": str(indicator.unit),
        "source": str(indicator.source),
        "breakdowns": [str(b) for b in indicator.breakdowns],
    }


@router.get("", response=IndicatorListOut, summary="The indicators", url_name="indicators")
def indicator_list(request: HttpRequest) -> Any:
    found = public_indicators()
    return {"count": len(found), "items": [_out(i) for i in found]}


def _invalid(name: str, message: str) -> Status[dict[str, Any]]:
    return Status(422, {"detail": [{"type": "invalid_parameter", "loc": ["query", name], "msg": message}]})


@router.get(
    "/{key}",
    response={200: IndicatorTableOut, 404: IndicatorNotFoundOut, 422: ValidationErrorOut},
    summary="One indicator for a period, by a breakdown",
    url_name="indicator",
)
def indicator_detail(request: HttpRequest, key: Path[IndicatorKey], filters: Query[TableFilters]) -> Any:
    indicator = indicator_find(key)
    if indicator is None or not indicator.public:
        return Status(404, {"detail": _("There is no indicator with this key.")})
    period = period_parse(filters.period or str(timezone.localdate().year))
    if period is None:
        return _invalid("period", _("A period is a year (2026), a quarter (2026-Q3) or a month (2026-07)."))
    breakdown = None
    if filters.breakdown:
        if filters.breakdown not in {str(b) for b in indicator.breakdowns}:
            return _invalid("breakdown", _("This indicator cannot be broken down so."))
        breakdown = Breakdown(filters.breakdown)
    table = indicator_table(indicator, period, breakdown)
    return {
        **_out(indicator),
        "period": period.key,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "breakdown": str(breakdown) if breakdown else None,
        "total": table.total,
        "total_suppressed": table.total_hidden is not None,
        "groups": [
            {"key": row.key, "label": row.label, "value": row.value, "suppressed": row.hidden is not None}
            for row in table.rows
        ],
    }
