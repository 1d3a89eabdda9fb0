"""Pure rules of the diagnosis of training needs: the gap between demand (respondents who named a
topic a priority) and supply (places scheduled) per topic and area, with the anonymity threshold
(an area with too few responses shows no demand), and the year's plan against what was delivered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

UNMET = "unmet"
MET = "met"
HIDDEN = "hidden"


@dataclass(frozen=True)
class Gap:
    topic: str
    area: str
    responses: int
    demand: int | None  # None: the area has too few responses to show
    supply: int

    @property
    def gap(self) -> int | None:
        return None if self.demand is None else self.demand - self.supply

    @property
    def status(self) -> str:
        if self.demand is None:
            return HIDDEN
        return UNMET if self.demand > self.supply else MET


def gaps(
    *,
    topics: list[str],
    areas: list[str],
    responses: Mapping[str, int],
    demand: Mapping[tuple[str, str], int],
    supply: Mapping[tuple[str, str], int],
    threshold: int,
) -> list[Gap]:
    """One row per topic and area: ``responses`` per area, ``demand`` and ``supply`` per (topic,
    area). An area under the threshold shows no demand (its supply is still shown)."""
    rows = []
    for topic in topics:
        for area in areas:
            size = responses.get(area, 0)
            visible = size >= max(threshold, 1)
            rows.append(
                Gap(
                    topic=topic,
                    area=area,
                    responses=size,
                    demand=demand.get((topic, area), 0) if visible else None,
                    supply=supply.get((topic, area), 0),
                )
            )
    return rows


def roll_up(values: Mapping[tuple[str, str], int], parent: Mapping[str, str]) -> dict[tuple[str, str], int]:
    """Figures per (topic, gmina) summed per (topic, powiat) (``parent``: gmina → powiat)."""
    out: dict[tuple[str, str], int] = {}
    for (topic, area), value in values.items():
        key = (topic, parent.get(area, area))
        out[key] = out.get(key, 0) + value
    return out


def sum_by_area(values: Mapping[str, int], parent: Mapping[str, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for area, value in values.items():
        up = parent.get(area, area)
        out[up] = out.get(up, 0) + value
    return out


@dataclass(frozen=True)
class PlanCheck:
    planned: int
    delivered: int | None

    @property
    def rate(self) -> float | None:
        """Delivered as a share of planned (None until recorded, or with nothing planned)."""
        if self.delivered is None or self.planned == 0:
            return None
        return self.delivered / self.planned

    @property
    def shortfall(self) -> int | None:
        return None if self.delivered is None else max(self.planned - self.delivered, 0)
