"""A survey's results as CSV and XLSX: one row per group, question and answer (counts and shares,
means), only for groups at or over the threshold; text answers are listed without who wrote them
or their group's name when the group is hidden."""

from __future__ import annotations

import csv
from collections.abc import Callable
from io import BytesIO, StringIO

from django.utils.translation import gettext as _

from kierunek.core.csvsafe import cell_neutralise

from .selectors import GroupResults


def _rows(groups: list[GroupResults], label: Callable[[str], str]) -> list[list[object]]:
    rows: list[list[object]] = [
        [_("Group"), _("Responses"), _("Question"), _("Answer"), _("Count"), _("Share"), _("Mean")]
    ]
    for group in groups:
        name = label(group.group) if group.group else _("All")
        if group.hidden:
            rows.append([name, "", "", _("Too few responses to show"), "", "", ""])
            continue
        for question, result in group.results:
            for choice in result.choices:
                rows.append(
                    [
                        name,
                        group.responses,
                        question.text,
                        choice.label,
                        choice.count,
                        round(choice.share, 4),
                        "",
                    ]
                )
            for choice_label, position in result.mean_positions:
                rows.append(
                    [
                        name,
                        group.responses,
                        question.text,
                        choice_label,
                        "",
                        "",
                        "" if position is None else round(position, 2),
                    ]
                )
            if result.mean is not None:
                rows.append(
                    [name, group.responses, question.text, "", result.answered, "", round(result.mean, 2)]
                )
            for text in result.texts:
                rows.append([name, group.responses, question.text, text, "", "", ""])
    return rows


def results_csv(groups: list[GroupResults], *, label: Callable[[str], str] = str) -> str:
    out = StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in _rows(groups, label):
        writer.writerow([cell_neutralise(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()


def results_xlsx(groups: list[GroupResults], *, label: Callable[[str], str] = str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    for row in _rows(groups, label):
        sheet.append([cell_neutralise(cell) if isinstance(cell, str) else cell for cell in row])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
