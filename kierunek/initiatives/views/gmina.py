"""A gmina's pages (gmina staff): its applications to the contest, applying to the open edition,
the application's stage I (workshops attended), stage II's evidence and report, withdrawing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response

from .. import domain, selectors, services
from ..forms import ApplyForm, EvidenceForm, ReportForm
from ..models import ContestApplication, Evidence
from ..workflows import APPLICATION


def _gmina_id(request: HttpRequest) -> int:
    try:
        return services.gmina_of(actor_from_request(request)).pk
    except PermissionDenied:
        raise Http404 from None


def _application(request: HttpRequest, application_id: int) -> ContestApplication:
    try:
        return selectors.application_of_gmina(application_id=application_id, gmina_id=_gmina_id(request))
    except ContestApplication.DoesNotExist:
        raise Http404 from None


def _page(application_id: int) -> str:
    return reverse("initiatives:gmina_application", args=[application_id])


@role_required(Role.GMINA_STAFF)
def home(request: HttpRequest) -> HttpResponse:
    gmina_id = _gmina_id(request)
    applications = list(selectors.applications_of_gmina(gmina_id=gmina_id))
    edition = selectors.edition_open()
    applied = edition is not None and any(a.edition_id == edition.pk for a in applications)
    form = ApplyForm(request.POST or None)
    if edition is not None and not applied:
        done = submit(
            request,
            form,
            lambda data: services.application_submit(
                actor=actor_from_request(request),
                edition_id=edition.pk,
                planned_actions=data["planned_actions"],
            ),
            success=_("Your gmina's application is submitted."),
            done=lambda application: _page(application.pk),
        )
        if done:
            return done
    return render(
        request,
        "initiatives/gmina_home.html",
        {"applications": applications, "edition": edition, "applied": applied, "form": form},
    )


@role_required(Role.GMINA_STAFF)
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    shown = _application(request, application_id)
    evidence_form = EvidenceForm(request.POST or None, request.FILES or None, prefix="evidence")
    report_form = ReportForm(request.POST or None, prefix="report")
    if request.method == "POST" and "evidence-title" in request.POST:
        done = submit(
            request,
            evidence_form,
            lambda data: services.evidence_upload(
                actor=actor_from_request(request),
                application_id=shown.pk,
                title=data["title"],
                upload=data["file"],
            ),
            success=_("The evidence is added."),
            done=_page(shown.pk),
        )
        if done:
            return done
        report_form = ReportForm(prefix="report")
    elif request.method == "POST":
        done = submit(
            request,
            report_form,
            lambda data: services.report_submit(
                actor=actor_from_request(request), application_id=shown.pk, report=data["report"]
            ),
            success=_("The implementation report is submitted to the jury."),
            done=_page(shown.pk),
        )
        if done:
            return done
        evidence_form = EvidenceForm(prefix="evidence")
    return render(
        request,
        "initiatives/gmina_application.html",
        {
            "application": shown,
            "attended": selectors.workshops_attended(shown),
            "workshops": [w.event for w in shown.edition.workshops.select_related("event__gmina")],
            "evidence": list(shown.evidence.all()),
            "changes": list(shown.changes.all()),
            "evidence_form": evidence_form,
            "report_form": report_form,
            "in_stage_two": shown.status == domain.STAGE_TWO,
            "may_withdraw": "withdraw"
            in [t.name for t in APPLICATION.allowed(state=shown.status, role=Role.GMINA_STAFF)],
        },
    )


@role_required(Role.GMINA_STAFF)
@post_or_back(lambda request, application_id: _page(application_id))
def withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    shown = _application(request, application_id)
    asked = confirm_first(
        request,
        question=_("Withdraw your gmina's application to %(edition)s?") % {"edition": shown.edition.title},
        consequences=[_("The gmina leaves this edition of the contest; it cannot apply to it again.")],
        confirm_label=_("Withdraw the application"),
        back=_page(shown.pk),
    )
    if asked:
        return asked
    return act(
        request,
        lambda: services.application_move(
            actor=actor_from_request(request), application_id=shown.pk, name="withdraw"
        ),
        success=_("The application is withdrawn."),
        done=_page(shown.pk),
    )


@role_required(Role.GMINA_STAFF)
def evidence_file(request: HttpRequest, application_id: int, evidence_id: int) -> HttpResponseBase:
    shown = _application(request, application_id)
    try:
        item = shown.evidence.get(pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None
    return upload_response(
        item.file, item.file_kind, filename=upload_name(f"dowod-{item.pk}", item.file_kind)
    )
