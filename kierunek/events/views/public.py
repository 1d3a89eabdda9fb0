"""Pages anyone may open: the list of events with its filters, an event's page, and the public
verification of an attendance certificate."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kierunek.core.actor import request_user

from .. import domain, selectors
from ..forms import EventFilterForm, RegistrationForm
from ..models import Certificate, Event


def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_listed(
        user=request_user(request),
        since=filters.get("since"),
        kind=filters.get("kind") or None,
        powiat_teryt=filters["powiat"].teryt if filters.get("powiat") else None,
    )
    return render(request, "events/list.html", {"form": form, "events": events, "filtered": bool(filters)})


def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        event = selectors.event_visible(event_id=event_id, user=user)
    except Event.DoesNotExist:
        raise Http404 from None
    registration = selectors.registration_live(event=event, user=user)
    may_register = selectors.may_register(event=event, user=user) and registration is None
    started = event.starts_at <= timezone.now()
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "sessions": event.sessions.all(),
            "registration": registration,
            "may_register": may_register and not started,
            "started": started,
            "form": RegistrationForm(event=event) if may_register and not started else None,
            "materials": event.materials.all()
            if registration is not None or selectors.is_door_staff(event=event, user=user)
            else [],
            "organiser": selectors.is_organiser(event=event, user=user),
            "holding": domain.HOLDING,
        },
    )


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone holding a certificate's code sees whom it was issued to, for which event and when;
    an unknown code says so (and the same for a malformed one)."""
    certificate = None
    normalised = domain.code_normalised(code)
    if domain.code_well_formed(normalised, domain.CERTIFICATE_LENGTH):
        try:
            certificate = selectors.certificate_by_code(code=normalised)
        except Certificate.DoesNotExist:
            certificate = None
    return render(
        request, "events/verify.html", {"certificate": certificate}, status=200 if certificate else 404
    )
