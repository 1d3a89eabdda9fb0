"""Officers' pages under /urzad/umowy/: every agreement (by kind and state), one agreement with
its countersignature and, for a provider's, its termination (both confirmed first), the PDF, and
the templates with their history and a new version. Opening a participant's agreement is
audited."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.audit import audit_record
from kierunek.core.pages import act, confirm_first, submit
from kierunek.core.permissions import role_required
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Programme

from .. import domain, selectors, services
from ..audit_actions import AGREEMENT_READ
from ..forms import TemplateVersionForm, TerminateForm
from ..models import Agreement, AgreementKind, AgreementStatus, TemplateVersion
from ..texts import TEMPLATES
from . import common


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    """The agreement; opening a participant's is recorded as a read of their file."""
    try:
        agreement = selectors.agreement_for_officer(agreement_id=agreement_id)
    except Agreement.DoesNotExist:
        raise Http404 from None
    if agreement.participant_id:
        audit_record(action=AGREEMENT_READ, actor=actor_from_request(request), obj=agreement)
    return agreement


def _programme() -> Programme:
    programme = programme_selectors.programme_current()
    if programme is None:
        raise Http404(_("No programme is running."))
    return programme


@role_required(Role.OFFICER)
def office_agreements(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    agreements = list(selectors.agreements_for_officer(kind=kind, status=status)[:200])
    return render(
        request,
        "agreements/office_list.html",
        {
            "agreements": agreements,
            "kind": kind,
            "status": status,
            "kinds": AgreementKind.choices,
            "statuses": AgreementStatus.choices,
            "counts": selectors.officer_work_counts(),
        },
    )


def _office_page(
    request: HttpRequest, agreement: Agreement, form: TerminateForm | None = None
) -> HttpResponse:
    can_terminate = agreement.kind == domain.PROVIDER and agreement.status == domain.COUNTERSIGNED
    return common.agreement_page(
        request,
        agreement,
        urls=("agreements:office_agreement", "agreements:office_pdf", "", ""),
        can_accept=False,
        template="agreements/office_agreement.html",
        can_countersign=agreement.status == domain.ACCEPTED,
        terminate_form=(form or TerminateForm(initial={"no_bookings_after": timezone.localdate()}))
        if can_terminate
        else None,
        in_force=agreement.kind == domain.PROVIDER
        and agreement.provider is not None
        and selectors.provider_agreement_in_force(
            provider=agreement.provider, programme=agreement.programme, day=timezone.localdate()
        )
        == agreement,
    )


@role_required(Role.OFFICER)
def office_agreement(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return _office_page(request, _agreement(request, agreement_id))


@role_required(Role.OFFICER)
def office_pdf(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return common.pdf_response(_agreement(request, agreement_id))


@role_required(Role.OFFICER)
def office_countersign(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    here = reverse("agreements:office_agreement", args=[agreement.pk])
    if request.method != "POST":
        return _office_page(request, agreement)
    asked = confirm_first(
        request,
        question=_("Countersign agreement %(number)s?") % {"number": agreement.number},
        consequences=[
            _("The office signs the agreement as accepted by %(party)s.") % {"party": agreement.party_name}
        ],
        confirm_label=_("Countersign"),
        back=here,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.agreement_countersign(agreement_id=agreement.pk, actor=actor_from_request(request)),
        success=_("The agreement is countersigned."),
        done=here,
    )


@role_required(Role.OFFICER)
def office_terminate(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    here = reverse("agreements:office_agreement", args=[agreement.pk])
    if request.method != "POST":
        return _office_page(request, agreement)
    form = TerminateForm(request.POST)
    if form.is_valid():
        asked = confirm_first(
            request,
            question=_("Terminate agreement %(number)s with %(party)s?")
            % {"number": agreement.number, "party": agreement.party_name},
            consequences=[
                _("After %(day)s its services cannot be booked with vouchers; bookings made stand.")
                % {"day": f"{form.cleaned_data['no_bookings_after']:%d.%m.%Y}"}
            ],
            confirm_label=_("Terminate the agreement"),
            back=here,
            shown={"reason": _("Reason")},
        )
        if asked is not None:
            return asked
    done = submit(
        request,
        form,
        lambda data: services.provider_agreement_terminate(
            agreement_id=agreement.pk,
            actor=actor_from_request(request),
            reason=data["reason"],
            no_bookings_after=data["no_bookings_after"],
        ),
        success=_("The agreement is terminated; the provider was told."),
        done=here,
    )
    return done or _office_page(request, agreement, form)


# --- templates ---------------------------------------------------------------------------------


@role_required(Role.OFFICER)
def office_templates(request: HttpRequest) -> HttpResponse:
    programme = _programme()
    return render(
        request,
        "agreements/office_templates.html",
        {
            "programme": programme,
            "templates": selectors.templates_of(programme=programme),
            "kinds": dict(AgreementKind.choices),
        },
    )


@role_required(Role.OFFICER)
def office_version(request: HttpRequest, version_id: int) -> HttpResponse:
    try:
        version = selectors.template_version_get(version_id=version_id)
    except TemplateVersion.DoesNotExist:
        raise Http404 from None
    return render(request, "agreements/office_version.html", {"version": version})


@role_required(Role.OFFICER)
def office_version_new(request: HttpRequest, kind: str) -> HttpResponse:
    """A new version of the template of ``kind``, starting from the latest one's text."""
    if kind not in domain.KINDS:
        raise Http404
    programme = _programme()
    latest = (
        TemplateVersion.objects.filter(template__programme=programme, template__kind=kind)
        .order_by("-number")
        .first()
    )
    if latest is None:  # the office's first draft, as the demo publishes it
        draft = TEMPLATES[kind]
        title, body, basis = (
            draft["title"],
            draft["body"],
            draft["legal_basis"].format(programme=programme.name),
        )
    else:
        title, body, basis = latest.title, latest.body, latest.legal_basis
    initial = {"title": title, "body": body, "legal_basis": basis, "valid_from": timezone.localdate()}
    form = TemplateVersionForm(request.POST or None, kind=kind, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.template_version_save(
            actor=actor_from_request(request),
            programme_id=programme.pk,
            kind=kind,
            title=data["title"],
            body=data["body"],
            legal_basis=data["legal_basis"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            note=data["note"],
        ),
        success=lambda version: _("Version %(number)d is saved.") % {"number": version.number},
        done=reverse("agreements:office_templates"),
    )
    return done or render(
        request,
        "agreements/office_version_form.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": AgreementKind(kind).label,
            "latest": latest,
            "placeholders": sorted(domain.PLACEHOLDERS[kind]),
        },
    )
