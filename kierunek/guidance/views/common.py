"""What the guidance pages share: the URL slugs of the balance's stages, the labels every template
reads, cancelling a meeting and the plan as a PDF download."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, confirm_first

from .. import selectors
from ..documents import plan_file_disposition, plan_pdf
from ..domain import Stage
from ..models import (
    DIMENSION_LABELS,
    EXPERIENCE_KIND_LABELS,
    LEVEL_LABELS,
    PACKAGE_KIND_LABELS,
    PLAN_STATUS_LABELS,
    PRIORITY_LABELS,
    SLOT_MODE_LABELS,
    Appointment,
    CompetenceBalance,
)
from ..services import appointments as appointment_services

# URL slugs of the balance's stages (the pages are Polish first).
STAGE_SLUGS = {
    Stage.BIOGRAPHICAL: "wywiad-biograficzny",
    Stage.BEHAVIOURAL: "wywiad-behawioralny",
    Stage.PROFILE: "profil-kompetencji",
    Stage.PORTFOLIO: "portfolio",
    Stage.PLAN: "plan-rozwoju",
}
SLUG_STAGES = {slug: stage for stage, slug in STAGE_SLUGS.items()}


def meeting_cancel(
    request: HttpRequest, appointment_id: int, *, success: str, done: str, consequence: str
) -> HttpResponse:
    """Cancel a meeting (the participant's or the advisor's button), once asked whether to
    (``consequence``: what it means for the one who presses it), and go back to ``done``."""
    try:
        appointment = selectors.appointment_for(user=request_user(request), appointment_id=appointment_id)
    except Appointment.DoesNotExist:
        raise Http404 from None
    when = timezone.localtime(appointment.slot.starts_at)
    asked = confirm_first(
        request,
        question=_("Cancel the meeting on %(day)s at %(time)s?")
        % {"day": date_format(when, "l, j E Y"), "time": date_format(when, "H:i")},
        consequences=[consequence],
        confirm_label=_("Yes, cancel the meeting"),
        back=reverse(done),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: appointment_services.appointment_cancel(
            appointment_id=appointment_id, actor=actor_from_request(request)
        ),
        success=success,
        done=done,
    )


def with_labels(context: dict[str, Any]) -> dict[str, Any]:
    """The page's context with the labels of the domain's choices."""
    context.update(
        slot_mode_labels=SLOT_MODE_LABELS,
        plan_status_labels=PLAN_STATUS_LABELS,
        package_labels=PACKAGE_KIND_LABELS,
        priority_labels=PRIORITY_LABELS,
        dimension_labels=DIMENSION_LABELS,
        level_labels=LEVEL_LABELS,
        experience_labels=EXPERIENCE_KIND_LABELS,
    )
    return context


def pdf_response(balance: CompetenceBalance) -> HttpResponse:
    """The development plan of ``balance`` as a PDF attachment."""
    response = HttpResponse(plan_pdf(balance=balance), content_type="application/pdf")
    response["Content-Disposition"] = plan_file_disposition(balance)
    return response
