"""Pages of participants: booking, moving and cancelling meetings with an advisor, their signed
development plan (acknowledgement, feedback, PDF) and the services recommended for it. Thin:
reads through selectors, changes through services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.forms import form_add_service_errors
from kierunek.core.pages import act, post_or_back
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response
from kierunek.programmes.selectors import participant_is_eligible

from .. import selectors
from ..domain import PlanStatus
from ..forms import (
    FeedbackForm,
    SlotFilterForm,
)
from ..models import CompetenceBalance
from ..recommendations import recommendations_for
from ..services import appointments as appointment_services
from ..services import plan as plan_services
from .common import meeting_cancel, pdf_response, with_labels


@role_required(Role.PARTICIPANT)
def participant_home(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    balance = selectors.own_balance(participant=user)
    return render(
        request,
        "guidance/participant/home.html",
        with_labels(
            {
                "eligible": participant_is_eligible(user=user),
                "appointment": selectors.future_appointment(participant=user),
                "history": selectors.appointments_of(participant=user)[:10],
                "now": timezone.now(),
                "balance": balance,
                "plan": balance.plan if balance else None,
            }
        ),
    )


@role_required(Role.PARTICIPANT)
def slots(request: HttpRequest) -> HttpResponse:
    """Free slots to book, or to move the booked meeting to."""
    user = request_user(request)
    form = SlotFilterForm(request.GET or None)
    centre_id, mode = None, ""
    if form.is_valid():
        centre_id = form.cleaned_data["centre"].pk if form.cleaned_data["centre"] else None
        mode = form.cleaned_data["mode"]
    return render(
        request,
        "guidance/participant/slots.html",
        with_labels(
            {
                "form": form,
                "eligible": participant_is_eligible(user=user),
                "appointment": selectors.future_appointment(participant=user),
                "slots": selectors.open_slots(centre_id=centre_id, mode=mode)[:100],
            }
        ),
    )


@role_required(Role.PARTICIPANT)
@require_POST
def book(request: HttpRequest, slot_id: int) -> HttpResponse:
    return act(
        request,
        lambda: appointment_services.appointment_book(slot_id=slot_id, actor=actor_from_request(request)),
        success=_("Your meeting is booked. We have sent you an e-mail with the details."),
        done="guidance:participant_home",
        refused="guidance:slots",
    )


@role_required(Role.PARTICIPANT)
@require_POST
def move(request: HttpRequest, appointment_id: int) -> HttpResponse:
    slot_id = request.POST.get("slot", "")
    if not slot_id.isdigit():
        messages.error(request, _("Choose the new time."))
        return redirect("guidance:slots")
    return act(
        request,
        lambda: appointment_services.appointment_move(
            appointment_id=appointment_id,
            new_slot_id=int(slot_id),
            actor=actor_from_request(request),
        ),
        success=_("Your meeting has been moved."),
        done="guidance:participant_home",
        refused="guidance:slots",
    )


@role_required(Role.PARTICIPANT)
@post_or_back(lambda request, appointment_id: reverse("guidance:participant_home"))
def cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    return meeting_cancel(
        request,
        appointment_id,
        success=_("Your meeting is cancelled."),
        done="guidance:participant_home",
        consequence=_("The time is given to other participants; you can book another free time later."),
    )


def _own_signed_plan(request: HttpRequest) -> CompetenceBalance | None:
    balance = selectors.own_balance(participant=request_user(request))
    if balance is None or balance.plan.status == PlanStatus.DRAFT:
        return None
    return balance


@role_required(Role.PARTICIPANT)
def my_plan(request: HttpRequest) -> HttpResponse:
    balance = _own_signed_plan(request)
    feedback_form = FeedbackForm(initial={"feedback": balance.plan.feedback} if balance else None)
    return render(
        request, "guidance/participant/plan.html", _plan_context(balance, feedback_form=feedback_form)
    )


def _plan_context(balance: CompetenceBalance | None, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"balance": balance, **extra}
    if balance is not None:
        context.update(
            plan=balance.plan,
            areas=selectors.areas_of(balance.plan),
            profile=selectors.profile_of(balance),
            portfolio=selectors.portfolio_of(balance),
            recommendations=recommendations_for(participant=balance.participant),
        )
    return with_labels(context)


@role_required(Role.PARTICIPANT)
@require_POST
def plan_acknowledge(request: HttpRequest) -> HttpResponse:
    return act(
        request,
        lambda: plan_services.plan_acknowledge(actor=actor_from_request(request)),
        success=_("Thank you. You have acknowledged your development plan."),
        done="guidance:my_plan",
    )


@role_required(Role.PARTICIPANT)
@require_POST
def plan_feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            plan_services.plan_feedback(actor=actor_from_request(request), text=form.cleaned_data["feedback"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your feedback has been sent to your advisor."))
            return redirect("guidance:my_plan")
    balance = _own_signed_plan(request)
    return render(
        request, "guidance/participant/plan.html", _plan_context(balance, feedback_form=form), status=400
    )


@role_required(Role.PARTICIPANT)
def my_plan_pdf(request: HttpRequest) -> HttpResponse:
    balance = _own_signed_plan(request)
    if balance is None:
        raise Http404(_("Your plan is not signed yet."))
    return pdf_response(balance)


@role_required(Role.PARTICIPANT)
def recommendations(request: HttpRequest) -> HttpResponse:
    balance = _own_signed_plan(request)
    return render(
        request,
        "guidance/participant/recommendations.html",
        with_labels(
            {
                "balance": balance,
                "results": recommendations_for(participant=request_user(request)) if balance else [],
            }
        ),
    )


@role_required(Role.PARTICIPANT, Role.ADVISOR)
def portfolio_file(request: HttpRequest, item_id: int) -> FileResponse:
    """A document of the portfolio, to its participant and to their advisor (audited)."""
    item = selectors.portfolio_item_for(actor=actor_from_request(request), item_id=item_id)
    if not item.file:
        raise Http404
    return upload_response(
        item.file,
        item.file_kind,
        filename=upload_name(f"portfolio-{item.pk}", item.file_kind),
        as_attachment=True,
    )
