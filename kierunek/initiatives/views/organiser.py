"""The organisers' pages (partner, gmina and provider staff, and officers): registering an
activity for the Learning Day or the Career Week, their activities, and the count of participants
afterwards. The activity's registrations and check-in are the events context's organiser pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.geo.models import Gmina

from .. import domain, selectors, services
from ..forms import ActivityForm, CountForm
from ..models import Campaign
from ..workflows import ACTIVITY_ROLES


def _mine() -> str:
    return reverse("initiatives:activities_mine")


@role_required(*ACTIVITY_ROLES)
def mine(request: HttpRequest) -> HttpResponse:
    activities = list(selectors.activities_of(user=request_user(request)))
    checked = selectors.activities_checked_in(activities)
    now = timezone.now()
    rows = [
        {
            "activity": a,
            "checked_in": checked.get(a.event_id, 0),
            "count": domain.activity_count(a.participants, checked.get(a.event_id, 0)),
            "may_count": a.event.starts_at <= now,
            "form": CountForm(prefix=f"count-{a.pk}", initial={"participants": a.participants}),
        }
        for a in activities
    ]
    return render(
        request,
        "initiatives/activities_mine.html",
        {"rows": rows, "campaigns": list(selectors.campaign_open_for(today=timezone.localdate()))},
    )


@role_required(*ACTIVITY_ROLES)
def register(request: HttpRequest, campaign_id: int) -> HttpResponse:
    try:
        campaign = Campaign.objects.get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise Http404 from None
    actor = actor_from_request(request)
    gminas = None
    initial: dict[str, object] = {"needs_registration": True, "capacity": 30}
    if actor.role == Role.GMINA_STAFF:
        try:
            own = services.gmina_of(actor)
        except PermissionDenied:
            raise Http404 from None
        gminas = Gmina.objects.filter(pk=own.pk)
        initial.update({"gmina": own.teryt, "organiser_label": _("Gmina %(name)s") % {"name": own.name}})
    form = ActivityForm(request.POST or None, initial=initial, gminas=gminas)
    done = submit(
        request,
        form,
        lambda data: services.activity_register(
            actor=actor,
            campaign_id=campaign.pk,
            data=services.ActivityData(
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                organiser_label=data["organiser_label"],
                description=data["description"],
                gmina_teryt=data["gmina"].teryt if data["gmina"] else "",
                address=data["address"],
                online_url=data["online_url"],
                needs_registration=data["needs_registration"],
                capacity=data["capacity"],
            ),
        ),
        success=_("Your activity is registered and shown on the campaign's page."),
        done=_mine(),
    )
    return done or render(request, "initiatives/activity_form.html", {"form": form, "campaign": campaign})


@role_required(*ACTIVITY_ROLES)
@post_or_back(lambda request, activity_id: _mine())
def count(request: HttpRequest, activity_id: int) -> HttpResponse:
    form = CountForm(request.POST, prefix=f"count-{activity_id}")
    done = submit(
        request,
        form,
        lambda data: services.activity_count(
            actor=actor_from_request(request), activity_id=activity_id, participants=data["participants"]
        ),
        success=_("The count of participants is saved."),
        done=_mine(),
    )
    if done:
        return done
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    return redirect(_mine())
