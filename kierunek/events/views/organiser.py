"""The organiser's pages (officers, partner, gmina and provider staff): their events, the event
form, sessions, helpers, invitations, registrations with approval and the waiting list, materials,
the survey's results and certificates; and the door (the organiser and helpers), built for a phone."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, confirm_first, form_saved, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read

from .. import domain, selectors, services
from ..forms import CheckInForm, EventForm, HelperForm, InvitationsForm, MaterialForm, SessionForm
from ..models import Audience, Event, EventSession, Registration, RegistrationStatus

ORGANISERS = (
    Role.OFFICER,
    Role.PARTNER_STAFF,
    Role.GMINA_STAFF,
    Role.PROVIDER_STAFF,
    Role.TRAINING_CENTRE_STAFF,
)


def _organised(request: HttpRequest, event_id: int) -> Event:
    try:
        return selectors.event_organised(event_id=event_id, user=request_user(request))
    except Event.DoesNotExist:
        raise Http404 from None


def _manage(event_id: int) -> str:
    return reverse("events:manage", args=[event_id])


@role_required(*ORGANISERS)
def organiser_home(request: HttpRequest) -> HttpResponse:
    events = selectors.events_organised(user=request_user(request))
    return render(request, "events/organiser_home.html", {"events": events})


@role_required(*ORGANISERS)
def event_new(request: HttpRequest) -> HttpResponse:
    form = EventForm(
        request.POST or None, initial={"audience": Audience.PUBLIC, "published": True, "offer_hours": 48}
    )
    done = submit(
        request,
        form,
        lambda data: services.event_create(actor=actor_from_request(request), data=form.data_for_service()),
        success=_("The event is created."),
        done=lambda event: _manage(event.pk),
    )
    return done or render(request, "events/event_form.html", {"form": form, "event": None})


@role_required(*ORGANISERS)
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    form = EventForm(request.POST or None, initial=EventForm.initial_of(event))
    done = submit(
        request,
        form,
        lambda data: services.event_update(
            actor=actor_from_request(request), event_id=event.pk, data=form.data_for_service()
        ),
        success=_("The event is saved."),
        done=_manage(event.pk),
    )
    return done or render(request, "events/event_form.html", {"form": form, "event": event})


def _manage_page(request: HttpRequest, event: Event, **forms: Any) -> HttpResponse:
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "counts": selectors.status_counts(event=event),
            "sessions": event.sessions.all(),
            "helpers": event.helpers.all(),
            "invitations": event.invitations.count(),
            "materials": event.materials.all(),
            "session_form": forms.get("session_form") or SessionForm(),
            "helper_form": forms.get("helper_form") or HelperForm(),
            "invitations_form": forms.get("invitations_form") or InvitationsForm(),
            "material_form": forms.get("material_form") or MaterialForm(initial={"kind": "material"}),
            "invitation_audience": event.audience == Audience.INVITATION,
        },
    )


@role_required(*ORGANISERS)
def event_manage(request: HttpRequest, event_id: int) -> HttpResponse:
    return _manage_page(request, _organised(request, event_id))


@role_required(*ORGANISERS)
def session_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    form = SessionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.session_save(
            actor=actor_from_request(request), event_id=event.pk, data=form.data_for_service()
        ),
        success=_("The session is saved."),
        done=_manage(event.pk),
    )
    return done or _manage_page(request, event, session_form=form)


@role_required(*ORGANISERS)
def session_edit(request: HttpRequest, event_id: int, session_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    try:
        session = event.sessions.get(pk=session_id)
    except EventSession.DoesNotExist:
        raise Http404 from None
    initial = {
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room,
        "speakers": session.speakers,
        "capacity": session.capacity,
    }
    form = SessionForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.session_save(
            actor=actor_from_request(request),
            event_id=event.pk,
            session_id=session.pk,
            data=form.data_for_service(),
        ),
        success=_("The session is saved."),
        done=_manage(event.pk),
    )
    return done or render(
        request, "events/session_form.html", {"form": form, "event": event, "session": session}
    )


@role_required(*ORGANISERS)
def helper_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    form = HelperForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.helper_add(
            actor=actor_from_request(request), event_id=event.pk, email=data["email"]
        ),
        success=_("The helper can now check people in."),
        done=_manage(event.pk),
    )
    return done or _manage_page(request, event, helper_form=form)


@role_required(*ORGANISERS)
def invitations_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    form = InvitationsForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.invitations_add(
            actor=actor_from_request(request), event_id=event.pk, emails=data["emails"]
        ),
        success=lambda added: _("Invitations added: %(n)d.") % {"n": added},
        done=_manage(event.pk),
    )
    return done or _manage_page(request, event, invitations_form=form)


@role_required(*ORGANISERS)
def material_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    form = MaterialForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.material_attach(
            actor=actor_from_request(request),
            event_id=event.pk,
            title=data["title"],
            kind=data["kind"],
            upload=data["file"],
        ),
        success=_("The file is attached."),
        done=_manage(event.pk),
    )
    return done or _manage_page(request, event, material_form=form)


@role_required(*ORGANISERS)
def registrations(request: HttpRequest, event_id: int) -> HttpResponse:
    """Everyone registered, with their answers; the organiser's read is audited."""
    event = _organised(request, event_id)
    status = request.GET.get("status", "")
    if status not in RegistrationStatus.values:
        status = ""
    found = list(selectors.registrations_for(event=event, status=status or None))
    participants_list_read(
        actor=actor_from_request(request),
        participant_ids=[r.person_id for r in found],
        list_name="events.registrations",
    )
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "registrations": found,
            "status": status,
            "statuses": RegistrationStatus.choices,
            "counts": selectors.status_counts(event=event),
        },
    )


def _registration_organised(request: HttpRequest, registration_id: int) -> Registration:
    registration = Registration.objects.select_related("event", "person").filter(pk=registration_id).first()
    if registration is None or not selectors.is_organiser(
        event=registration.event, user=request_user(request)
    ):
        raise Http404
    return registration


def _registrations_url(request: HttpRequest, registration_id: int) -> str:
    registration = _registration_organised(request, registration_id)
    return reverse("events:registrations", args=[registration.event_id])


@role_required(*ORGANISERS)
@post_or_back(_registrations_url)
def approve(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = _registration_organised(request, registration_id)
    back = reverse("events:registrations", args=[registration.event_id])
    return act(
        request,
        lambda: services.registration_approve(
            actor=actor_from_request(request), registration_id=registration.pk
        ),
        success=_("The registration is approved."),
        done=back,
    )


@role_required(*ORGANISERS)
@post_or_back(_registrations_url)
def reject(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = _registration_organised(request, registration_id)
    back = reverse("events:registrations", args=[registration.event_id])
    asked = confirm_first(
        request,
        question=_("Decline this registration?"),
        consequences=[_("The person is told by e-mail, and the seat goes to the next person waiting.")],
        confirm_label=_("Decline the registration"),
        back=back,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.registration_reject(
            actor=actor_from_request(request), registration_id=registration.pk
        ),
        success=_("The registration is declined."),
        done=back,
    )


@role_required(*ORGANISERS)
def door(request: HttpRequest, event_id: int) -> HttpResponse:
    """The check-in screen for a phone: type the code or scan the QR code (the browser's
    BarcodeDetector where it has one). With HTMX only the result and a fresh form come back."""
    try:
        event = selectors.event_at_the_door(event_id=event_id, user=request_user(request))
    except Event.DoesNotExist:
        raise Http404 from None
    form = CheckInForm(request.POST or None)
    result: dict[str, Any] = {}
    if request.method == "POST":
        saved, registration = form_saved(
            request,
            form,
            lambda data: services.attendee_check_in(
                actor=actor_from_request(request), event_id=event.pk, code=data["code"]
            ),
            refusals=(ValidationError,),
        )
        if saved and registration is not None:
            result = {"ok": True, "registration": registration}
            form = CheckInForm()
        elif form.is_bound and form.non_field_errors():
            result = {"ok": False, "messages": list(form.non_field_errors())}
            form = CheckInForm()
    context = {
        "event": event,
        "form": form,
        "result": result,
        "present": Registration.objects.filter(event=event, attendance=domain.CHECKED_IN).count(),
        "expected": Registration.objects.filter(event=event, status=domain.CONFIRMED).count(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "events/_door_result.html", context)
    return render(request, "events/door.html", context)


def _door_url(request: HttpRequest, registration_id: int) -> str:
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    return reverse("events:door", args=[registration.event_id])


@role_required(*ORGANISERS)
@post_or_back(_door_url)
def door_undo(request: HttpRequest, registration_id: int) -> HttpResponse:
    back = _door_url(request, registration_id)
    return act(
        request,
        lambda: services.check_in_undo(actor=actor_from_request(request), registration_id=registration_id),
        success=_("The check-in is undone."),
        done=back,
    )


@role_required(*ORGANISERS)
@post_or_back(lambda request, event_id: reverse("events:manage", args=[event_id]))
def certificates_issue(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    asked = confirm_first(
        request,
        question=_("Issue attendance certificates for “%(title)s”?") % {"title": event.title},
        consequences=[
            _("Everyone checked in gets a certificate with a public verification code, by e-mail.")
        ],
        confirm_label=_("Issue the certificates"),
        back=_manage(event.pk),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.certificates_issue(actor=actor_from_request(request), event_id=event.pk),
        success=lambda n: _("Certificates issued: %(n)d.") % {"n": n},
        done=lambda n: _manage(event.pk),
        refused=_manage(event.pk),
    )


@role_required(*ORGANISERS)
def survey_results(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _organised(request, event_id)
    return render(
        request,
        "events/survey_results.html",
        {"event": event, "results": selectors.survey_results(event=event)},
    )
