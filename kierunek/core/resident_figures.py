"""The registry of anonymised figures about the residents of a powiat: what only this system knows
(competences confirmed in competence balances, trainings completed, certificates...), counted per
powiat and group by the human-resources offer (``kierunek.labourmarket``) and shown there with
cells under ten people suppressed.

The offer sits near the top of the layers, and the contexts that know the facts sit below it, so a
context that knows a figure registers it here from its ``AppConfig.ready()`` without importing the
offer (the offer registers the ones it computes from lower contexts' tables itself)::

    resident_figure_register(ResidentFigure(
        key="qualifications.certificates",
        title=gettext_lazy("Certificates by qualification"),
        group_title=gettext_lazy("Qualification"),
        people=certificates_people,
        order=30,
    ))

``people(person_ids)`` answers, for the people given (user ids: those living in one powiat), the
rows ``(person id, group key, group label)`` of what each of them has: a person with three
certificates of one qualification is one row of that group (the offer counts distinct people, so
repeating a row changes nothing). Labels are in the active language. The function must not name
anyone outside ``person_ids``."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

Label = str | Promise
FigureRow = tuple[int, str, str]


@dataclass(frozen=True)
class ResidentFigure:
    key: str  # "<context>.<name>", unique
    title: Label  # the table's caption: "Competences confirmed in competence balances"
    group_title: Label  # the header of the groups' column: "ESCO skill group"
    people: Callable[[Collection[int]], Iterable[FigureRow]]
    order: int = 100


_FIGURES: dict[str, ResidentFigure] = {}


def resident_figure_register(figure: ResidentFigure) -> None:
    """Add a figure (again with the same key: replace it, so a reload registers nothing twice)."""
    _FIGURES[figure.key] = figure


def resident_figures() -> list[ResidentFigure]:
    """Every registered figure, in ``order``, then by key."""
    return sorted(_FIGURES.values(), key=lambda figure: (figure.order, figure.key))
