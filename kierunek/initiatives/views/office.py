"""The office's pages (officers): the contest's editions; an edition's applications with their
stage, its criteria, workshops, jury and awards; moving the edition and the applications along."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.forms import PlainTextForm
from kierunek.core.pages import act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response
from kierunek.events.services import EventData

from .. import domain, selectors, services
from ..forms import ActivityForm, AwardForm, CriterionForm, EditionForm, JurorForm, NoteForm
from ..models import ContestApplication, ContestEdition, Evidence
from ..workflows import APPLICATION, EDITION


def _edition(edition_id: int) -> ContestEdition:
    try:
        return ContestEdition.objects.get(pk=edition_id)
    except ContestEdition.DoesNotExist:
        raise Http404 from None


def _page(edition_id: int) -> str:
    return reverse("initiatives:office_edition", args=[edition_id])


@role_required(Role.OFFICER)
def editions(request: HttpRequest) -> HttpResponse:
    form = EditionForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.edition_create(
            actor=actor_from_request(request),
            data=services.EditionData(**{k: v for k, v in data.items() if k != "rules_document"}),
            rules_document=data["rules_document"],
        ),
        success=_("The edition is created. Add its criteria and workshops, then open it to applications."),
        done=lambda created: _page(created.pk),
    )
    return done or render(
        request,
        "initiatives/office_editions.html",
        {"editions": selectors.editions_for_office(), "form": form},
    )


@role_required(Role.OFFICER)
def edition(request: HttpRequest, edition_id: int) -> HttpResponse:
    shown = _edition(edition_id)
    applications = selectors.applications_of_edition(shown)
    rows = [
        {
            "application": a,
            "attended": selectors.workshops_attended(a),
            "actions": [
                t for t in APPLICATION.allowed(state=a.status, role=Role.OFFICER) if t.name != "reject"
            ],
            "may_reject": a.status in (domain.SUBMITTED, domain.STAGE_ONE, domain.STAGE_TWO),
        }
        for a in applications
    ]
    results = selectors.edition_results(shown)
    return render(
        request,
        "initiatives/office_edition.html",
        {
            "edition": shown,
            "rows": rows,
            "criteria": list(shown.criteria.all()),
            "workshops": [w.event for w in shown.workshops.select_related("event__gmina")],
            "jurors": list(shown.jurors.select_related("user")),
            "results": results,
            "moves": EDITION.allowed(state=shown.status, role=Role.OFFICER),
            "juror_form": JurorForm(prefix="juror"),
            "criterion_form": CriterionForm(prefix="criterion"),
            "award_form": AwardForm(prefix="award", applications=[r.application for r in results]),
            "workshop_form": ActivityForm(prefix="workshop"),
            "note_form": NoteForm(),
        },
    )


@role_required(Role.OFFICER)
@post_or_back(lambda request, edition_id: _page(edition_id))
def edition_move(request: HttpRequest, edition_id: int) -> HttpResponse:
    shown = _edition(edition_id)
    name = request.POST.get("transition", "")
    if name not in EDITION.transitions:
        raise Http404
    if name == "publish":
        asked = confirm_first(
            request,
            question=_("Publish the results of %(edition)s?") % {"edition": shown.title},
            consequences=[
                _("The results and awards appear on the public page; the jury's scores are closed.")
            ],
            confirm_label=_("Publish the results"),
            back=_page(shown.pk),
        )
        if asked:
            return asked
    return act(
        request,
        lambda: services.edition_move(actor=actor_from_request(request), edition_id=shown.pk, name=name),
        success=_("Done: %(action)s.") % {"action": EDITION[name].label},
        done=_page(shown.pk),
    )


@role_required(Role.OFFICER)
@post_or_back(lambda request, application_id: reverse("initiatives:office_editions"))
def application_move(request: HttpRequest, application_id: int) -> HttpResponse:
    try:
        shown = ContestApplication.objects.get(pk=application_id)
    except ContestApplication.DoesNotExist:
        raise Http404 from None
    name = request.POST.get("transition", "")
    if name not in APPLICATION.transitions or name in ("withdraw", "report"):
        raise Http404
    return act(
        request,
        lambda: services.application_move(
            actor=actor_from_request(request),
            application_id=shown.pk,
            name=name,
            note=request.POST.get("note", ""),
        ),
        success=_("Done: %(action)s.") % {"action": APPLICATION[name].label},
        done=_page(shown.edition_id),
    )


def _form_post(
    request: HttpRequest,
    edition_id: int,
    form: PlainTextForm,
    action: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """A small form of the edition's page: done, back to the page with the message; refused or
    invalid, back with the errors as messages (the page shows them at its top)."""
    done = submit(request, form, action, success=success, done=_page(edition_id))
    if done:
        return done
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    return redirect(_page(edition_id))


@role_required(Role.OFFICER)
@post_or_back(lambda request, edition_id: _page(edition_id))
def juror_appoint(request: HttpRequest, edition_id: int) -> HttpResponse:
    shown = _edition(edition_id)
    form = JurorForm(request.POST, prefix="juror")
    return _form_post(
        request,
        shown.pk,
        form,
        lambda data: services.juror_appoint(
            actor=actor_from_request(request), edition_id=shown.pk, email=data["email"]
        ),
        _("The juror is appointed."),
    )


@role_required(Role.OFFICER)
@post_or_back(lambda request, edition_id: _page(edition_id))
def criterion_add(request: HttpRequest, edition_id: int) -> HttpResponse:
    shown = _edition(edition_id)
    form = CriterionForm(request.POST, prefix="criterion")
    return _form_post(
        request,
        shown.pk,
        form,
        lambda data: services.criterion_add(actor=actor_from_request(request), edition_id=shown.pk, **data),
        _("The criterion is added."),
    )


@role_required(Role.OFFICER)
@post_or_back(lambda request, edition_id: _page(edition_id))
def award_grant(request: HttpRequest, edition_id: int) -> HttpResponse:
    shown = _edition(edition_id)
    form = AwardForm(
        request.POST, prefix="award", applications=[r.application for r in selectors.edition_results(shown)]
    )
    return _form_post(
        request,
        shown.pk,
        form,
        lambda data: services.award_grant(
            actor=actor_from_request(request), application_id=data["application"], title=data["title"]
        ),
        _("The award is granted."),
    )


@role_required(Role.OFFICER)
@post_or_back(lambda request, edition_id: _page(edition_id))
def workshop_add(request: HttpRequest, edition_id: int) -> HttpResponse:
    shown = _edition(edition_id)
    form = ActivityForm(request.POST, prefix="workshop")
    return _form_post(
        request,
        shown.pk,
        form,
        lambda data: services.workshop_add(
            actor=actor_from_request(request),
            edition_id=shown.pk,
            data=EventData(
                title=data["title"],
                kind="local_workshop",
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                capacity=data["capacity"],
                description=data["description"],
                gmina_teryt=data["gmina"].teryt if data["gmina"] else "",
                address=data["address"],
                online_url=data["online_url"],
                organiser_label=data["organiser_label"],
            ),
        ),
        _("The workshop is added; manage its registrations and check-in on its event's page."),
    )


@role_required(Role.OFFICER)
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponseBase:
    try:
        item = Evidence.objects.get(pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None
    return upload_response(
        item.file, item.file_kind, filename=upload_name(f"dowod-{item.pk}", item.file_kind)
    )
