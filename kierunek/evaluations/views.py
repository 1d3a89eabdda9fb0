"""Pages of the anonymous survey: the participant's survey of a completed booking, and the
provider staff's averages. Vouchers' pages link here through ``kierunek.vouchers.hooks``
(registered in ``EvaluationsConfig.ready()``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.forms import form_add_service_errors
from kierunek.core.permissions import role_required
from kierunek.providers.selectors import provider_for_member
from kierunek.vouchers.models import Booking
from kierunek.vouchers.selectors.bookings import booking_of_participant

from . import selectors, services
from .forms import SCORE_LABELS, SurveyForm
from .models import MIN_RESPONSES_SHOWN, SCORE_FIELDS


@role_required(Role.PARTICIPANT)
def booking_rate(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The anonymous survey of a completed service; a booking of anybody else is 404."""
    try:
        booking = booking_of_participant(participant=request_user(request), booking_id=booking_id)
    except Booking.DoesNotExist:
        raise Http404(_("No such booking among yours.")) from None
    if booking.evaluated_at is not None:
        messages.info(request, _("You have already evaluated this service."))
        return redirect("vouchers:booking", booking_id=booking.pk)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                booking_id=booking.pk,
                actor=actor_from_request(request),
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("vouchers:booking", booking_id=booking.pk)
    return render(request, "evaluations/survey.html", {"booking": booking, "form": form})


@role_required(Role.PROVIDER_STAFF)
def provider_ratings(request: HttpRequest) -> HttpResponse:
    """Averages of the anonymous survey per service and overall; never a single response."""
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
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
