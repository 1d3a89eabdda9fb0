"""Pages of the Local Knowledge and Education Centres: the guidelines in force (and earlier
versions), the register by gmina, a centre with its activities; the Metropolis' page to publish a
version, register a centre and link an event to it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import form_saved
from kierunek.core.permissions import role_required

from ..forms_centres import CentreEventForm, CentreForm, GuidelinesForm
from ..models_centres import Centre, CentreStatus, GuidelinesVersion
from ..selectors import member_gminas, metropolis_main
from ..selectors_centres import (
    centre as centre_get,
)
from ..selectors_centres import (
    centre_events,
    centres_register,
    guidelines_current,
    guidelines_version,
    guidelines_versions,
)
from ..services import centres as services


def register(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    return render(
        request,
        "education/centres/register.html",
        {
            "current": guidelines_current(),
            "versions": guidelines_versions(),
            "centres": centres_register(status=status),
            "statuses": CentreStatus.choices,
            "status": status,
        },
    )


def guidelines(request: HttpRequest, number: int) -> HttpResponse:
    try:
        version = guidelines_version(number)
    except GuidelinesVersion.DoesNotExist:
        raise Http404 from None
    current = guidelines_current()
    return render(
        request,
        "education/centres/guidelines.html",
        {"version": version, "current": current, "versions": guidelines_versions()},
    )


def centre(request: HttpRequest, centre_id: int) -> HttpResponse:
    try:
        found = centre_get(centre_id)
    except Centre.DoesNotExist:
        raise Http404 from None
    return render(
        request, "education/centres/centre.html", {"centre": found, "events": centre_events(centre=found)}
    )


@role_required(Role.METROPOLIS_STAFF)
def office(request: HttpRequest) -> HttpResponse:
    """Three forms on one page; ``part`` says which was sent."""
    actor = actor_from_request(request)
    part = request.POST.get("part", "")
    metropolis = metropolis_main()
    gminas = member_gminas(metropolis=metropolis) if metropolis else []
    guidelines_form = GuidelinesForm(request.POST if part == "guidelines" else None)
    centre_form = CentreForm(request.POST if part == "centre" else None, gminas=gminas)
    event_form = CentreEventForm(request.POST if part == "event" else None)
    saved = False
    if part == "guidelines":
        saved, _version = form_saved(
            request,
            guidelines_form,
            lambda data: services.guidelines_publish(actor=actor, **data),
            success=_("The new version of the guidelines is published."),
        )
    elif part == "centre":
        saved, _centre = form_saved(
            request,
            centre_form,
            lambda data: services.centre_register(
                actor=actor,
                gmina_id=data["gmina"].pk,
                name=data["name"],
                status=data["status"],
                offer=data["offer"],
                address=data["address"],
                email=data["email"],
            ),
            success=_("The centre is in the register."),
        )
    elif part == "event":
        saved, _link = form_saved(
            request,
            event_form,
            lambda data: services.centre_event_link(
                actor=actor, centre_id=data["centre"].pk, event_id=data["event"]
            ),
            success=_("The event is shown as the centre's activity."),
        )
    if saved:
        return redirect("education:lowe_office")
    return render(
        request,
        "education/centres/office.html",
        {
            "guidelines_form": guidelines_form,
            "centre_form": centre_form,
            "event_form": event_form,
            "current": guidelines_current(),
            "centres": centres_register(),
        },
    )
