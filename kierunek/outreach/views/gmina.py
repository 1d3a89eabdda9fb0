"""A gmina's page, for its own staff (the coordinator) and the office: the agreement, the reach
figures, the register of local leaders with contacts, and the gmina's campaigns."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role, User
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, confirm_first, submit
from kierunek.core.permissions import role_required
from kierunek.geo.models import Gmina

from .. import figures, reach, selectors, services
from ..forms import CampaignForm, ContactForm, LeaderForm
from ..models import Leader

STAFF = (Role.OFFICER, Role.GMINA_STAFF)


def _gmina(request: HttpRequest, teryt: str) -> Gmina:
    """The gmina of the address if the person may see it: the office any, a gmina's staff their own."""
    user: User = request.user  # type: ignore[assignment]
    gmina = Gmina.objects.select_related("powiat").filter(teryt=teryt).first()
    if gmina is None:
        raise Http404
    if user.role == Role.GMINA_STAFF:
        own = selectors.gmina_for(user)
        if own is None or own.pk != gmina.pk:
            raise Http404
    return gmina


@role_required(Role.GMINA_STAFF)
def my_gmina(request: HttpRequest) -> HttpResponse:
    gmina = selectors.gmina_for(request.user)  # type: ignore[arg-type]
    if gmina is None:
        raise Http404
    return redirect("outreach:gmina", gmina.teryt)


def _page(request: HttpRequest, gmina: Gmina, **forms: Any) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    table = reach.reach_table()
    campaigns = list(selectors.campaigns_all().filter(gmina=gmina))
    return render(
        request,
        "outreach/gmina.html",
        {
            "gmina": gmina,
            "agreement": selectors.agreement_current(gmina),
            "row": table.row_of(gmina),
            "table": table,
            "steps": [(step, figures.STEP_LABELS[step]) for step in figures.STEPS],
            "leaders": selectors.leaders(gmina=gmina),
            "funnel": selectors.campaign_funnel(campaigns, exact=user.role == Role.OFFICER),
            "channels": reach.by_channel(gmina=gmina),
            "leader_form": forms.get("leader_form") or LeaderForm(),
            "campaign_form": forms.get("campaign_form") or CampaignForm(gmina=gmina),
            "contact_form": ContactForm(),
            "is_office": user.role == Role.OFFICER,
        },
    )


@role_required(*STAFF)
def gmina_page(request: HttpRequest, teryt: str) -> HttpResponse:
    return _page(request, _gmina(request, teryt))


@role_required(*STAFF)
def leader_new(request: HttpRequest, teryt: str) -> HttpResponse:
    gmina = _gmina(request, teryt)
    form = LeaderForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.leader_register(
            actor=actor_from_request(request),
            gmina=gmina,
            data=services.LeaderData(
                kind=data["kind"],
                name=data["name"],
                organisation=data["organisation"],
                email=data["email"],
                phone=data["phone"],
                agreed_to=data["agreed_to"],
                consent_given_on=data["consent_given_on"],
                consent=data["consent"],
            ),
        ),
        success=_("The leader is in the register."),
        done=lambda leader: reverse("outreach:gmina", args=[teryt]) + "#leaders",
    )
    return done or _page(request, gmina, leader_form=form)


def _leader(request: HttpRequest, leader_id: int) -> Leader:
    try:
        return selectors.leader_visible(user=request.user, leader_id=leader_id)  # type: ignore[arg-type]
    except Leader.DoesNotExist:
        raise Http404 from None


@role_required(*STAFF)
@require_POST
def contact_new(request: HttpRequest, leader_id: int) -> HttpResponse:
    leader = _leader(request, leader_id)
    back = reverse("outreach:gmina", args=[leader.gmina.teryt]) + f"#leader-{leader.pk}"
    form = ContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the kind and the date of the contact (not in the future)."))
        return redirect(back)
    data = form.cleaned_data
    return act(
        request,
        lambda: services.contact_record(
            actor=actor_from_request(request),
            leader_id=leader.pk,
            kind=data["kind"],
            happened_on=data["happened_on"],
            notes=data["notes"],
        ),
        success=_("The contact is recorded."),
        done=back,
    )


@role_required(*STAFF)
@require_POST
def leader_erase(request: HttpRequest, leader_id: int) -> HttpResponse:
    leader = _leader(request, leader_id)
    back = reverse("outreach:gmina", args=[leader.gmina.teryt]) + "#leaders"
    asked = confirm_first(
        request,
        question=_("Erase the details of %(leader)s?") % {"leader": leader},
        consequences=[
            _("Their name, e-mail, phone, what they agreed to and the contacts' notes are erased for good."),
            _("Only the kind of organisation and the dates stay in the register."),
        ],
        confirm_label=_("Erase the details"),
        back=back,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.leader_erase(actor=actor_from_request(request), leader_id=leader.pk),
        success=_("The leader's details are erased."),
        done=back,
    )


@role_required(*STAFF)
def campaign_new(request: HttpRequest, teryt: str) -> HttpResponse:
    gmina = _gmina(request, teryt)
    form = CampaignForm(request.POST or None, gmina=gmina)
    done = submit(
        request,
        form,
        lambda data: services.campaign_create(
            actor=actor_from_request(request),
            gmina=gmina,
            data=services.CampaignData(
                name=data["name"], channel=data["channel"], message=data["message"], leader=data.get("leader")
            ),
        ),
        success=_("The campaign is ready: print its poster."),
        done=lambda campaign: reverse("outreach:campaign", args=[campaign.pk]),
    )
    return done or _page(request, gmina, campaign_form=form)
