"""The participant's outcome survey, months after a service: reached from the invitation e-mail,
the dashboard and the booking page (vouchers' booking links)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required

from .. import services
from ..forms import OutcomeSurveyForm
from ..models import OutcomeInvitation
from ..selectors.outcome import invitation_of


@role_required(Role.PARTICIPANT)
def outcome_survey(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The survey of the person's own invitation; anybody else's booking is 404."""
    try:
        invitation = invitation_of(user=request_user(request), booking_id=booking_id)
    except OutcomeInvitation.DoesNotExist as exc:
        raise Http404 from exc
    booking_url = reverse("vouchers:booking", kwargs={"booking_id": booking_id})
    if invitation.answered_on is not None:
        messages.info(request, _("You have already answered this survey. Thank you."))
        return redirect(booking_url)
    today = timezone.localdate()
    form = OutcomeSurveyForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.outcome_survey_submit(
            booking_id=booking_id, actor=actor_from_request(request), answers=form.answers()
        ),
        success=_("Thank you: your answers help other people choose their training."),
        done=booking_url,
    )
    return done or render(
        request,
        "evaluations/outcome_survey.html",
        {
            "invitation": invitation,
            "card": invitation.booking.card,
            "form": form,
            "closed": today > invitation.closes_on,
        },
    )
