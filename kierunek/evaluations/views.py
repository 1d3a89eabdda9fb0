"""Pages of the anonymous survey: the participant's survey of a completed booking, and the
provider staff's averages. Vouchers' pages link here through ``kierunek.vouchers.hooks``
(registered in ``EvaluationsConfig.ready()``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required
from kierunek.vouchers.views.common import member_provider, participant_booking

from . import selectors, services
from .forms import SCORE_LABELS, SurveyForm
from .models import MIN_RESPONSES_SHOWN, SCORE_FIELDS


@role_required(Role.PARTICIPANT)
def booking_rate(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The anonymous survey of a completed service; a booking of anybody else is 404."""
    booking = participant_booking(request, booking_id)
    if booking.evaluated_at is not None:
        messages.info(request, _("You have already evaluated this service."))
        return redirect("vouchers:booking", booking_id=booking.pk)
    form = SurveyForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.evaluation_submit(
            booking_id=booking.pk,
            actor=actor_from_request(request),
            scores=form.scores(),
            comment=data["comment"],
        ),
        success=_("Thank you for your evaluation."),
        done=reverse("vouchers:booking", kwargs={"booking_id": booking.pk}),
    )
    return done or render(request, "evaluations/survey.html", {"booking": booking, "form": form})


@role_required(Role.PROVIDER_STAFF)
def provider_ratings(request: HttpRequest) -> HttpResponse:
    """Averages of the anonymous survey per service and overall; never a single response."""
    provider = member_provider(request)
    rows, total = selectors.provider_ratings(provider=provider)
    return render(
        request,
        "evaluations/provider_ratings.html",
        {
            "provider": provider,
            "rows": rows,
            "total": total,
            "score_columns": [(name, SCORE_LABELS[name]) for name in SCORE_FIELDS],
            "minimum": MIN_RESPONSES_SHOWN,
        },
    )
