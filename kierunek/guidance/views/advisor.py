"""Pages of advisors: the calendar of slots (publish, withdraw, cancel a meeting), their
participants and a participant's file (reads audited in the selectors), and starting a balance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read

from .. import selectors
from ..domain import Stage
from ..forms import (
    SlotPublishForm,
    week_start,
)
from ..models import CompetenceBalance
from ..services import balance as balance_services
from ..services import slots as slot_services
from .common import STAGE_SLUGS, meeting_cancel, with_labels


def _calendar_week_url(day: date) -> str:
    return f"{reverse('guidance:calendar')}?tydzien={day.isoformat()}"


def _week(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("tydzien", ""))
    except ValueError:
        return timezone.localdate()


@role_required(Role.ADVISOR)
def calendar(request: HttpRequest) -> HttpResponse:
    """The advisor's week: slots and bookings by day, and the form that publishes slots."""
    advisor = request_user(request)
    start = week_start(_week(request))
    form = SlotPublishForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: slot_services.slots_publish(
            actor=actor_from_request(request),
            starts_at=form.starts_at(),
            minutes=data["minutes"],
            count=data["count"],
            mode=data["mode"],
            centre=data["centre"],
        ),
        success=lambda published: _("Published %(count)d slot(s).") % {"count": len(published)},
        done=lambda published: _calendar_week_url(timezone.localtime(published[0].starts_at).date()),
    )
    if done is not None:
        return done
    days: list[tuple[date, list[Any]]] = [((start + timedelta(days=n)).date(), []) for n in range(7)]
    week = list(selectors.advisor_calendar(advisor=advisor, start=start, end=start + timedelta(days=7)))
    for slot in week:
        days[timezone.localtime(slot.starts_at).weekday()][1].append(slot)
    participants_list_read(
        actor=actor_from_request(request),
        participant_ids=[a.participant_id for slot in week for a in getattr(slot, "booked", [])],
        list_name="guidance.advisor_calendar",
    )
    return render(
        request,
        "guidance/advisor/calendar.html",
        with_labels(
            {
                "form": form,
                "days": days,
                "week_start": start.date(),
                "previous_week": (start - timedelta(days=7)).date(),
                "next_week": (start + timedelta(days=7)).date(),
                "now": timezone.now(),
            }
        ),
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.ADVISOR)
@require_POST
def slot_withdraw(request: HttpRequest, slot_id: int) -> HttpResponse:
    return act(
        request,
        lambda: slot_services.slot_withdraw(slot_id=slot_id, actor=actor_from_request(request)),
        success=_("The slot has been withdrawn."),
        done=lambda slot: _calendar_week_url(timezone.localtime(slot.starts_at).date()),
        refused="guidance:calendar",
    )


@role_required(Role.ADVISOR)
@post_or_back(lambda request, appointment_id: reverse("guidance:calendar"))
def advisor_cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    return meeting_cancel(
        request,
        appointment_id,
        success=_("The meeting is cancelled and the participant has been told."),
        done="guidance:calendar",
        consequence=_("The participant is told by e-mail and has to book another time."),
    )


@role_required(Role.ADVISOR)
def participants(request: HttpRequest) -> HttpResponse:
    rows = selectors.advisor_participants(advisor=request_user(request))
    participants_list_read(
        actor=actor_from_request(request),
        participant_ids=[row.participant.pk for row in rows],
        list_name="guidance.advisor_participants",
    )
    return render(
        request,
        "guidance/advisor/participants.html",
        with_labels({"rows": rows, "stage_slugs": STAGE_SLUGS}),
    )


@role_required(Role.ADVISOR)
def participant_file(request: HttpRequest, participant_id: int) -> HttpResponse:
    advisor = request_user(request)
    participant = selectors.participant_file_for_advisor(
        actor=actor_from_request(request), participant_id=participant_id, section="overview"
    )
    balance = (
        CompetenceBalance.objects.filter(participant=participant).select_related("plan", "advisor").first()
    )
    appointments = selectors.appointments_of(participant=participant).filter(slot__advisor=advisor)
    return render(
        request,
        "guidance/advisor/participant.html",
        with_labels(
            {
                "participant": participant,
                "balance": balance,
                "appointments": appointments,
                "first_stage_slug": STAGE_SLUGS[Stage.BIOGRAPHICAL],
            }
        ),
    )


@role_required(Role.ADVISOR)
@require_POST
def balance_start(request: HttpRequest, participant_id: int) -> HttpResponse:
    return act(
        request,
        lambda: balance_services.balance_start(
            participant_id=participant_id, actor=actor_from_request(request)
        ),
        success=_("The competence balance has started."),
        done=lambda balance: reverse(
            "guidance:balance_stage",
            kwargs={"balance_id": balance.pk, "stage_slug": STAGE_SLUGS[Stage.BIOGRAPHICAL]},
        ),
        refused=reverse("guidance:participant_file", kwargs={"participant_id": participant_id}),
    )
