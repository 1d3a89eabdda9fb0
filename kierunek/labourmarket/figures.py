"""What only this system knows about the people living in a powiat, anonymised: the figures of the
registry (:mod:`kierunek.core.resident_figures`), counted as distinct people per group and
published through the suppression rule (:func:`kierunek.labourmarket.domain.suppress`).

Where a person lives is the gmina of residence of their newest submitted application to a
programme (a withdrawn one does not count: its consent to processing was withdrawn; a person who
lives outside Małopolska lives in no powiat). This context registers the two figures it can count
from lower contexts' tables: competences confirmed in competence balances, by ESCO skill group, and
trainings completed with vouchers, by catalogue category. Certificates come from the context that
issues them, through the same registry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kierunek.catalogue.models import Category
from kierunek.core.collation import polish_key
from kierunek.core.disclosure import Cell, suppress
from kierunek.core.resident_figures import (
    FigureRow,
    ResidentFigure,
    resident_figure_register,
    resident_figures,
)
from kierunek.geo.models import Powiat
from kierunek.guidance.models import Competence, ProfileCompetence
from kierunek.programmes.models import Application, ApplicationStatus
from kierunek.vouchers.models import Booking, BookingStatus

OTHER_GROUP = "other"
# A booking in these states was completed: settled ones were completed first (a clawed-back one
# was reversed, so it is not counted).
COMPLETED = (BookingStatus.COMPLETED, BookingStatus.SETTLED)


def residents_of(powiat: Powiat) -> set[int]:
    """The people (user ids) whose newest submitted application names a gmina of ``powiat``."""
    newest: dict[int, int | None] = {}
    applications = (
        Application.objects.exclude(status__in=(ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN))
        .order_by("submitted_at", "pk")
        .values_list("participant_id", "residence_gmina__powiat_id")
    )
    for person_id, powiat_id in applications:
        newest[person_id] = powiat_id
    return {person_id for person_id, powiat_id in newest.items() if powiat_id == powiat.pk}


# --- competences by ESCO skill group -------------------------------------------------------------


def _ancestry(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Each competence of ``ids`` and every broader concept above it, by id."""
    known: dict[int, dict[str, Any]] = {}
    pending = set(ids)
    while pending:
        rows = Competence.objects.filter(pk__in=pending).values(
            "pk", "parent_id", "concept_type", "code", "label"
        )
        for row in rows:
            known[row["pk"]] = dict(row)
        pending = {row["parent_id"] for row in known.values() if row["parent_id"]} - set(known)
    return known


def skill_group_of(competence_id: int, known: dict[int, dict[str, Any]]) -> dict[str, Any] | None:
    """The group of the skills hierarchy's second level ("S1 komunikacja, współpraca i
    kreatywność", "T2 ...", a field of knowledge) a competence falls under, the competence itself
    if it is a group of the first or second level; None for one outside the hierarchy (the
    office's own entries)."""
    chain = [known[competence_id]]
    seen = {competence_id}
    while chain[-1]["parent_id"] and chain[-1]["parent_id"] in known and chain[-1]["parent_id"] not in seen:
        seen.add(chain[-1]["parent_id"])
        chain.append(known[chain[-1]["parent_id"]])
    root = chain[-1]
    if root["concept_type"] != Competence.ConceptType.GROUP:
        return None
    return chain[-2] if len(chain) >= 2 else root


def competences_people(person_ids: Collection[int]) -> list[FigureRow]:
    """(person, skill group) for each competence of a completed competence profile."""
    profile = list(
        ProfileCompetence.objects.filter(
            balance__participant_id__in=list(person_ids), balance__profile_done_at__isnull=False
        ).values_list("balance__participant_id", "competence_id")
    )
    known = _ancestry(competence_id for _person, competence_id in profile)
    rows = []
    for person_id, competence_id in profile:
        group = skill_group_of(competence_id, known)
        if group is None:
            rows.append((person_id, OTHER_GROUP, _("outside the ESCO hierarchy")))
        else:
            label = f"{group['code']} {group['label']}" if group["code"] else group["label"]
            rows.append((person_id, f"esco:{group['pk']}", label))
    return rows


# --- trainings completed by category ---------------------------------------------------------------


def trainings_people(person_ids: Collection[int]) -> list[FigureRow]:
    """(person, top category of the catalogue) for each completed booking."""
    categories = {category.pk: category for category in Category.objects.all()}
    language = get_language() or "pl"
    rows = []
    bookings = Booking.objects.filter(participant_id__in=list(person_ids), status__in=COMPLETED).values_list(
        "participant_id", "card__category_id"
    )
    for person_id, category_id in bookings:
        category = categories[category_id]
        top = categories.get(category.parent_id or 0, category)
        rows.append((person_id, top.code, top.label(language)))
    return rows


def resident_figures_register() -> None:
    """Called from ``LabourmarketConfig.ready()``."""
    resident_figure_register(
        ResidentFigure(
            key="guidance.competences",
            title=gettext_lazy("Competences confirmed in competence balances"),
            group_title=gettext_lazy("ESCO skill group"),
            people=competences_people,
            order=10,
        )
    )
    resident_figure_register(
        ResidentFigure(
            key="vouchers.trainings",
            title=gettext_lazy("Trainings completed with vouchers"),
            group_title=gettext_lazy("Category of the catalogue"),
            people=trainings_people,
            order=20,
        )
    )


# --- the tables as published ---------------------------------------------------------------------


@dataclass(frozen=True)
class FigureTable:
    figure: ResidentFigure
    rows: list[tuple[str, Cell]]  # (group label, cell), in Polish order of the labels
    total: Cell  # people in any group


def resident_tables(powiat: Powiat) -> list[FigureTable]:
    """Every registered figure for the people living in ``powiat``, suppressed. Rows are in the
    labels' Polish order, never by their counts: an order by size would tell where a hidden cell
    stands among the shown ones."""
    residents = residents_of(powiat)
    tables = []
    for figure in resident_figures():
        people: dict[str, set[int]] = defaultdict(set)
        labels: dict[str, str] = {}
        everyone: set[int] = set()
        for person_id, key, label in figure.people(residents) if residents else ():
            if person_id in residents:  # a figure never counts anyone else
                people[key].add(person_id)
                labels[key] = label
                everyone.add(person_id)
        published = suppress({key: len(ids) for key, ids in people.items()}, len(everyone))
        rows = sorted(
            ((labels[key], cell) for key, cell in published.cells.items()), key=lambda r: polish_key(r[0])
        )
        assert published.total is not None
        tables.append(FigureTable(figure=figure, rows=rows, total=published.total))
    return tables
