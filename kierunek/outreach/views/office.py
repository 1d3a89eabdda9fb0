"""The office's pages: the gminas' agreements and campaigns with what each channel brought, the
population imports, and the reach of every gmina (map, table, CSV and XLSX)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kierunek.accounts.models import Role
from kierunek.catalogue.importexport import ImportRefused
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, submit
from kierunek.core.permissions import role_required
from kierunek.geo.map import drawing

from .. import figures, reach, selectors, services
from ..forms import AgreementForm, CampaignForm, PopulationImportForm
from ..models import PopulationImport
from ..reach_export import reach_csv, reach_xlsx
from ..services.population import MAX_FILE_BYTES
from ..workflows import AGREEMENT


def _home(request: HttpRequest, **forms: Any) -> HttpResponse:
    campaigns = list(selectors.campaigns_all())
    agreements = selectors.agreements()
    return render(
        request,
        "outreach/office.html",
        {
            "agreements": [(a, AGREEMENT.allowed(state=a.status, role=Role.OFFICER)) for a in agreements],
            "form": forms.get("form") or AgreementForm(),
            "campaign_form": forms.get("campaign_form") or CampaignForm(),
            "steps": [(step, figures.STEP_LABELS[step]) for step in figures.STEPS],
            "by_channel": selectors.channel_funnel(),
            "by_campaign": selectors.campaign_funnel(campaigns, exact=True),
        },
    )


@role_required(Role.OFFICER)
def office_home(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.agreement_draft(
            actor=actor_from_request(request),
            gmina=data["gmina"],
            data=services.AgreementData(
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                gmina_commits=data["gmina_commits"],
                office_commits=data["office_commits"],
                coordinator=data["coordinator"],
            ),
        ),
        success=_("The draft agreement is saved."),
        done="outreach:office",
    )
    return done or _home(request, form=form)


@role_required(Role.OFFICER)
def region_campaign_new(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.campaign_create(
            actor=actor_from_request(request),
            gmina=None,
            data=services.CampaignData(name=data["name"], channel=data["channel"], message=data["message"]),
        ),
        success=_("The campaign is ready: print its poster."),
        done=lambda campaign: reverse("outreach:campaign", args=[campaign.pk]),
    )
    return done or _home(request, campaign_form=form)


@role_required(Role.OFFICER)
@require_POST
def agreement_move(request: HttpRequest, agreement_id: int, transition: str) -> HttpResponse:
    return act(
        request,
        lambda: services.agreement_move(
            actor=actor_from_request(request), agreement_id=agreement_id, transition=transition
        ),
        success=_("The agreement is updated."),
        done="outreach:office",
    )


@role_required(Role.OFFICER)
def population(request: HttpRequest) -> HttpResponse:
    form = PopulationImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = services.population_import(
                actor=actor_from_request(request),
                content=upload.read(MAX_FILE_BYTES + 1),
                filename=upload.name,
                source=form.cleaned_data["source"],
                reference_date=form.cleaned_data["reference_date"],
            )
        except ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(
                request, _("Imported the adult residents of %(rows)d gminas.") % {"rows": done.row_count}
            )
            return redirect("outreach:population")
    return render(
        request,
        "outreach/population.html",
        {"form": form, "errors": errors, "history": PopulationImport.objects.all()[:20]},
    )


@role_required(Role.OFFICER)
@require_GET
def reach_page(request: HttpRequest) -> HttpResponse:
    table = reach.reach_table()
    picture = drawing()
    return render(
        request,
        "outreach/reach.html",
        {
            "table": table,
            "picture": picture,
            "symbols": reach.symbols(table),
            "steps": [(step, figures.STEP_LABELS[step]) for step in figures.STEPS],
            "channels": reach.by_channel(),
            "months": reach.by_month(),
            "low": [row for row in table.rows if row.low],
        },
    )


@role_required(Role.OFFICER)
@require_GET
def reach_download(request: HttpRequest, fmt: str) -> HttpResponse:
    table = reach.reach_table()
    if fmt == "xlsx":
        response = HttpResponse(
            reach_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(reach_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="zasieg-gmin.{fmt}"'
    return response
