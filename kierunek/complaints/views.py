"""Pages of complaints, by audience: the participant (a complaint about a booking, their list and
each complaint), anyone (a complaint about a public card, and its status by the e-mailed link),
the provider's staff (complaints about them, the answer) and officers (the list with the overdue,
taking up, the decision, and the money actions of an upheld complaint, each confirmed first)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.core.actor import actor_from_request, client_ip, request_user
from kierunek.core.audit import audit_record
from kierunek.core.pages import act, form_saved, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response
from kierunek.vouchers.views.common import member_provider, participant_booking

from . import selectors, services
from .audit_actions import COMPLAINT_ATTACHMENT_READ
from .forms import AnswerForm, ComplaintForm, DecisionForm, PublicComplaintForm
from .models import Complaint
from .services.money import can_claw_back
from .workflows import COMPLAINT

MONEY_ACTIONS = ("freeze", "clawback")


def _page(complaint: Complaint, **extra: Any) -> dict[str, Any]:
    return {
        "complaint": complaint,
        "events": selectors.complaint_events(complaint=complaint),
        "overdue": complaint.is_overdue(),
        "show_attachment": True,
        **extra,
    }


# --- participants ---------------------------------------------------------------------------


@role_required(Role.PARTICIPANT)
def booking_complain(request: HttpRequest, booking_id: int) -> HttpResponse:
    """A complaint about one of the participant's own bookings; anybody else's is 404."""
    booking = participant_booking(request, booking_id)
    form = ComplaintForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.complaint_file_about_booking(
            actor=actor_from_request(request),
            booking_id=booking.pk,
            about=data["about"],
            subject=data["subject"],
            description=data["description"],
            attachment=data.get("attachment"),
        ),
        success=_("Your complaint was received. We e-mailed you its number."),
        done=lambda complaint: reverse("complaints:mine", args=[complaint.pk]),
    )
    return done or render(
        request, "complaints/file.html", {"form": form, "booking": booking, "card": booking.card}
    )


@role_required(Role.PARTICIPANT)
def my_complaints(request: HttpRequest) -> HttpResponse:
    complaints = selectors.complaints_of_participant(user=request_user(request))
    return render(request, "complaints/participant_list.html", {"complaints": complaints})


@role_required(Role.PARTICIPANT)
def my_complaint(request: HttpRequest, complaint_id: int) -> HttpResponse:
    try:
        complaint = selectors.complaint_of_participant(user=request_user(request), complaint_id=complaint_id)
    except Complaint.DoesNotExist:
        raise Http404(_("No such complaint among yours.")) from None
    return render(request, "complaints/status.html", _page(complaint, audience="participant"))


# --- anyone -----------------------------------------------------------------------------------


def card_complain(request: HttpRequest, card_id: int) -> HttpResponse:
    """Anyone may complain about a published service, without an account: a name and an e-mail are
    required, and one address files at most a few complaints an hour."""
    card = get_object_or_404(
        ServiceCard.objects.select_related("provider"), pk=card_id, status=CardStatus.PUBLISHED
    )
    if request.method == "POST" and services.public_complaints_limited(ip_address=client_ip(request)):
        return render(request, "complaints/limited.html", status=429)
    user = request_user(request)
    form = PublicComplaintForm(request.POST or None, request.FILES or None, user=user)
    saved, filed = form_saved(
        request,
        form,
        lambda data: services.complaint_file_about_card(
            actor=actor_from_request(request),
            card_id=card.pk,
            name=data["name"],
            email=data["email"],
            about=data["about"],
            subject=data["subject"],
            description=data["description"],
            attachment=data.get("attachment"),
        ),
        success=_("Your complaint was received. We e-mailed you its number and a link to follow it."),
    )
    if saved and filed is not None:
        if filed.token is None:
            return redirect("complaints:mine", complaint_id=filed.complaint.pk)
        return redirect("complaints:status", token=filed.token)
    # a participant's complaint is kept in their account (the service files it so); others follow a link
    in_account = getattr(user, "role", None) == Role.PARTICIPANT
    context = {"form": form, "card": card, "public": True, "in_account": in_account}
    return render(request, "complaints/file.html", context)


def token_status(request: HttpRequest, token: str) -> HttpResponse:
    """The status of a complaint filed without an account, by the secret link e-mailed to the
    complainant (only its hash is stored)."""
    complaint = selectors.complaint_for_token(token=token)
    if complaint is None:
        raise Http404(_("This link is not valid."))
    response = render(
        request, "complaints/status.html", _page(complaint, audience="public", show_attachment=False)
    )
    response["Referrer-Policy"] = "no-referrer"  # the secret stays out of other sites' logs
    return response


# --- provider staff ----------------------------------------------------------------------------


@role_required(Role.PROVIDER_STAFF)
def provider_complaints(request: HttpRequest) -> HttpResponse:
    provider = member_provider(request)
    complaints = selectors.complaints_of_provider(provider=provider)
    return render(request, "complaints/provider_list.html", {"provider": provider, "complaints": complaints})


@role_required(Role.PROVIDER_STAFF)
def provider_complaint(request: HttpRequest, complaint_id: int) -> HttpResponse:
    provider = member_provider(request)
    try:
        complaint = selectors.complaint_for_provider(provider=provider, complaint_id=complaint_id)
    except Complaint.DoesNotExist:
        raise Http404(_("No such complaint about your organisation.")) from None
    can_answer = complaint.status == "under_review"
    form = AnswerForm(request.POST or None) if can_answer else None
    if form is not None:
        done = submit(
            request,
            form,
            lambda data: services.complaint_answer(
                complaint_id=complaint.pk, actor=actor_from_request(request), answer=data["answer"]
            ),
            success=_("Your answer was sent."),
            done=reverse("complaints:provider_complaint", args=[complaint.pk]),
        )
        if done is not None:
            return done
    return render(request, "complaints/provider_complaint.html", _page(complaint, form=form))


# --- officers --------------------------------------------------------------------------------------


@role_required(Role.OFFICER)
def office_complaints(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", selectors.SHOW_OPEN)
    if show not in selectors.SHOWS:
        show = selectors.SHOW_OPEN
    return render(
        request,
        "complaints/office_list.html",
        {
            "complaints": selectors.complaints_for_officer(show=show),
            "show": show,
            "overdue_count": selectors.overdue_count(),
        },
    )


def _office_page(
    request: HttpRequest, complaint: Complaint, form: DecisionForm | None = None
) -> HttpResponse:
    decidable = complaint.status in COMPLAINT["uphold"].sources
    return render(
        request,
        "complaints/office_complaint.html",
        _page(
            complaint,
            form=(form or DecisionForm()) if decidable else None,
            can_take=complaint.status == "received",
            can_freeze=complaint.status == "upheld" and complaint.payout_freeze_id is None,
            can_claw_back=can_claw_back(complaint),
        ),
    )


def _officer_complaint(complaint_id: int) -> Complaint:
    try:
        return selectors.complaint_for_officer(complaint_id=complaint_id)
    except Complaint.DoesNotExist:
        raise Http404 from None


@role_required(Role.OFFICER)
def office_complaint(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _officer_complaint(complaint_id)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        done = submit(
            request,
            form,
            lambda data: services.complaint_decide(
                complaint_id=complaint.pk,
                actor=actor_from_request(request),
                upheld=data["decision"] == DecisionForm.UPHOLD,
                reason=data["reason"],
            ),
            success=_("The decision was recorded and the complainant informed."),
            done=reverse("complaints:office_complaint", args=[complaint.pk]),
        )
        if done is not None:
            return done
        return _office_page(request, complaint, form)
    return _office_page(request, complaint)


@role_required(Role.OFFICER)
@require_POST
def office_take(request: HttpRequest, complaint_id: int) -> HttpResponse:
    here = reverse("complaints:office_complaint", args=[complaint_id])
    return act(
        request,
        lambda: services.complaint_take(complaint_id=complaint_id, actor=actor_from_request(request)),
        success=_("You took up the complaint; the provider was asked to answer."),
        done=here,
    )


@role_required(Role.OFFICER)
def office_money(request: HttpRequest, complaint_id: int, action: str) -> HttpResponse:
    """The confirm step of a money action (GET) and the action itself (POST)."""
    if action not in MONEY_ACTIONS:
        raise Http404
    complaint = _officer_complaint(complaint_id)
    here = reverse("complaints:office_complaint", args=[complaint.pk])
    if request.method == "POST":
        actor = actor_from_request(request)
        if action == "freeze":
            return act(
                request,
                lambda: services.complaint_payout_freeze(complaint_id=complaint.pk, actor=actor),
                success=_("The provider's payouts are frozen."),
                done=here,
            )
        return act(
            request,
            lambda: services.complaint_clawback(complaint_id=complaint.pk, actor=actor),
            success=_("The payment for the booking was clawed back."),
            done=here,
        )
    possible = (
        complaint.status == "upheld" and complaint.payout_freeze_id is None
        if action == "freeze"
        else can_claw_back(complaint)
    )
    if not possible:  # a stale link: nothing to confirm
        messages.error(request, _("This cannot be done for this complaint now."))
        return redirect(here)
    return render(request, "complaints/office_confirm.html", {"complaint": complaint, "action": action})


# --- the attachment ------------------------------------------------------------------------------


@role_required(Role.PARTICIPANT, Role.PROVIDER_STAFF, Role.OFFICER)
def attachment(request: HttpRequest, complaint_id: int) -> FileResponse:
    user = request_user(request)
    try:
        complaint = selectors.complaint_visible_to(user=user, complaint_id=complaint_id)
    except Complaint.DoesNotExist:
        raise Http404 from None
    if not complaint.attachment:
        raise Http404
    if complaint.complainant_id != user.pk:
        audit_record(action=COMPLAINT_ATTACHMENT_READ, actor=actor_from_request(request), obj=complaint)
    return upload_response(
        complaint.attachment,
        complaint.attachment_kind,
        filename=upload_name(f"skarga-{complaint.pk}", complaint.attachment_kind),
    )
