"""A survey's results as CSV and XLSX: one row per group, question and answer (counts and shares,
means), only for groups at or over the threshold; text answers are listed without who wrote them
or their group's name when the group is hidden. The files are the project's tabular exports
(:mod:`kierunek.core.exports`)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from kierunek.core.exports import csv_bytes, xlsx_bytes

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


def results_csv(groups: list[GroupResults], *, label: Callable[[str], str] = str) -> bytes:
    return csv_bytes(_rows(groups, label))


def results_xlsx(groups: list[GroupResults], *, label: Callable[[str], str] = str) -> bytes:
    return xlsx_bytes(_rows(groups, label), title=_("Results"))
