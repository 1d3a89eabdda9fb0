"""The authority's pages (the Metropolis' education staff): the year's timetable and its steps
(match the main round, publish the admitted, match the supplementary round, close), the results
import, and the statistics with their CSV and XLSX files."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.exports import CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_sheets_bytes
from kierunek.core.pages import act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required

from .. import selectors, services
from ..forms import ResultsFileForm
from ..models import RecruitmentYear

AUTHORITY = Role.METROPOLIS_STAFF

STEPS = {
    "match_main": services.year_match_main,
    "publish_admitted": services.year_publish_admitted,
    "match_supplementary": services.year_match_supplementary,
    "close": services.year_close,
}


def _year() -> RecruitmentYear:
    year = selectors.year_current()
    if year is None:
        raise Http404
    return year


@role_required(AUTHORITY)
def authority(request: HttpRequest) -> HttpResponse:
    year = _year()
    form = ResultsFileForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.results_import(actor=actor_from_request(request), year=year, text=data["file"]),
        success=lambda count: _("%(count)s results imported.") % {"count": count},
        done="recruitment:authority",
    )
    if done is not None:
        return done
    from ..workflows import YEAR

    return render(
        request,
        "recruitment/authority.html",
        {
            "year": year,
            "form": form,
            "steps": YEAR.allowed(state=year.status, role=AUTHORITY),
            "stats": selectors.statistics(year),
        },
    )


@role_required(AUTHORITY)
@post_or_back(lambda request, step: reverse("recruitment:authority"))
def step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    year = _year()
    from ..workflows import YEAR

    asked = confirm_first(
        request,
        question=str(YEAR[step].label),
        consequences=[_("Every candidate's result of the round follows from this step.")],
        confirm_label=_("Yes, do it"),
        back=reverse("recruitment:authority"),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: STEPS[step](actor=actor_from_request(request), year=year),
        success=_("Done: %(step)s.") % {"step": YEAR[step].label},
        done="recruitment:authority",
    )


HEADERS = (
    "school",
    "class",
    "profile",
    "seats",
    "applicants",
    "per_seat",
    "lowest_points",
    "free_main",
    "free_supplementary",
)


@role_required(AUTHORITY)
def statistics_file(request: HttpRequest, kind: str) -> HttpResponse:
    year = _year()
    stats = selectors.statistics(year)
    rows = [[c[h] for h in HEADERS] for c in stats["classes"]]
    summary = [
        ("candidates", stats["candidates"]),
        ("first_choice_pct", stats["first"]),
        ("second_choice_pct", stats["second"]),
        ("third_choice_pct", stats["third"]),
        ("unplaced_main", stats["unplaced_main"]),
        ("unplaced_after_supplementary", stats["unplaced_after"]),
        ("confirmation_rate_pct", stats["confirmation_rate"]),
        ("free_seats_main", stats["free_main"]),
        ("free_seats_supplementary", stats["free_supplementary"]),
    ]
    name = f"rekrutacja-{year.year}"
    if kind == "csv":
        content = csv_bytes([list(HEADERS), *rows, [], *[list(line) for line in summary]])
        response = HttpResponse(content, content_type=CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if kind == "xlsx":
        content = xlsx_sheets_bytes(
            [("oddzialy", [list(HEADERS), *rows]), ("podsumowanie", [list(line) for line in summary])]
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404
