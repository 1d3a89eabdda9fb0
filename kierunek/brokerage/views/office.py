"""The office's pages: fraud signals per broker (each with the bookings behind it) and the
thresholds of the signals with their reasons."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import actor_from_request
from kierunek.core.audit import audit_record
from kierunek.core.collation import polish_sorted
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read
from kierunek.outreach.models import Campaign
from kierunek.outreach.selectors import campaign_users, campaigns_all
from kierunek.vouchers.models import Booking

from .. import domain, services, signals
from ..audit_actions import SIGNALS_READ
from ..forms import ThresholdForm


def _campaign_group(campaign: Campaign) -> set[int]:
    """The people who signed up through an outreach campaign (kierunek.outreach)."""
    return set(campaign_users(campaign=campaign).values_list("pk", flat=True))


@role_required(Role.OFFICER)
def overview(request: HttpRequest) -> HttpResponse:
    """Every broker and every outreach campaign with the number of signals their group raises."""
    rows = []
    for broker in polish_sorted(signals.brokers(), key=lambda u: (u.last_name, u.first_name)):
        group = signals.broker_group(broker=broker)
        found = signals.group_signals(group)
        rows.append({"broker": broker, "people": len(group), "signals": found})
    campaign_rows = []
    for campaign in campaigns_all():
        group = _campaign_group(campaign)
        campaign_rows.append(
            {"campaign": campaign, "people": len(group), "signals": signals.group_signals(group)}
        )
    return render(
        request,
        "brokerage/signals.html",
        {"rows": rows, "campaign_rows": campaign_rows, "labels": signals.SIGNAL_LABELS},
    )


@role_required(Role.OFFICER)
def campaign_signals(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """One campaign's signals, each with the bookings behind it (an audited read of those people)."""
    campaign = campaigns_all().filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    found = signals.group_signals(_campaign_group(campaign))
    audit_record(action=SIGNALS_READ, actor=actor_from_request(request), obj=campaign)
    return _signals_page(request, found, title=str(campaign))


@role_required(Role.OFFICER)
def broker_signals(request: HttpRequest, broker_id: int) -> HttpResponse:
    """One broker's signals, each with the bookings behind it (an audited read of those people)."""
    broker = User.objects.filter(pk=broker_id, role=Role.BROKER).first()
    if broker is None:
        raise Http404
    found = signals.group_signals(signals.broker_group(broker=broker))
    audit_record(action=SIGNALS_READ, actor=actor_from_request(request), obj=broker)
    return _signals_page(request, found, title=broker.get_full_name())


def _signals_page(request: HttpRequest, found: list[signals.Signal], *, title: str) -> HttpResponse:
    ids = {pk for signal in found for pk in signal.booking_ids}
    bookings = {
        b.pk: b for b in Booking.objects.filter(pk__in=ids).select_related("participant", "card", "provider")
    }
    shown = [
        {
            "signal": s,
            "label": signals.SIGNAL_LABELS[s.kind],
            "bookings": [bookings[pk] for pk in s.booking_ids],
        }
        for s in found
    ]
    participants_list_read(
        actor=actor_from_request(request),
        participant_ids={b.participant_id for b in bookings.values()},
        list_name="brokerage.signals",
        request=request,
    )
    return render(request, "brokerage/broker_signals.html", {"title": title, "shown": shown})


@role_required(Role.OFFICER)
def thresholds(request: HttpRequest) -> HttpResponse:
    form = ThresholdForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.threshold_set(
            actor=actor_from_request(request),
            signal=data["signal"],
            count=data["count"],
            measure=data["measure"],
            reason=data["reason"],
        ),
        success=_("The threshold is saved."),
        done=reverse("brokerage:thresholds"),
    )
    if done is not None:
        return done
    form.fields["signal"].choices = [(k, str(v)) for k, v in signals.SIGNAL_LABELS.items()]  # type: ignore[attr-defined]
    current = signals.thresholds()
    return render(
        request,
        "brokerage/thresholds.html",
        {
            "form": form,
            "rows": [(signals.SIGNAL_LABELS[k], current[k], k) for k in domain.SIGNALS],
        },
    )
