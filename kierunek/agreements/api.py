"""JSON API of agreements, mounted by config/api.py at /api/v1/agreements/ (session or bearer
token). The same services and selectors as the pages.

Participants: their agreements and annexes, the PDF, a code by e-mail, the acceptance (the
factor, the code and the SHA-256 of the PDF they read). Provider staff: their organisation's
agreements; its owner asks for the programme's agreement and accepts it. Officers: every
agreement, the countersignature, the termination of a provider's, and the templates with their
versions (a new version each change). Another party's agreement is 404; a service's refusal is 409
with its message (the API root maps what services raise, ``kierunek.core.api_errors``)."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.audit import audit_record
from kierunek.core.permissions import api_require_roles
from kierunek.programmes import selectors as programme_selectors
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from . import selectors, services
from .audit_actions import AGREEMENT_READ
from .models import Agreement, TemplateVersion

router = Router()


class AgreementOut(Schema):
    id: int
    number: str
    kind: str  # participation | annex | provider
    kind_label: str
    status: str  # awaiting | accepted | countersigned | terminated
    status_label: str
    programme: str
    party: str
    annex_to: str | None
    template_version: int
    template_title: str
    legal_basis: str
    packages: list[str]
    generated_on: date
    valid_from: date | None
    valid_until: date | None
    pdf_sha256: str
    accepted_at: datetime | None
    accepted_factor: str
    countersigned_at: datetime | None
    terminated_at: datetime | None
    termination_reason: str
    no_bookings_after: date | None


class AgreementPdfOut(Schema):
    filename: str
    sha256: str
    content_base64: str


class AgreementAcceptIn(Schema):
    factor: str  # email | app
    code: str
    pdf_sha256: str


class AgreementTerminateIn(Schema):
    reason: str
    no_bookings_after: date


class TemplateVersionIn(Schema):
    kind: str  # participation | annex | provider
    title: str
    body: str
    legal_basis: str
    valid_from: date
    valid_until: date | None = None
    note: str = ""


class TemplateVersionOut(Schema):
    id: int
    kind: str
    number: int
    title: str
    body: str
    legal_basis: str
    valid_from: date
    valid_until: date | None
    note: str
    agreements_made: int


WRITE = {200: AgreementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def agreement_out(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "number": a.number,
        "kind": a.kind,
        "kind_label": str(a.get_kind_display()),
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "programme": a.programme.name,
        "party": a.party_name,
        "annex_to": a.parent.number if a.parent else None,
        "template_version": a.version.number,
        "template_title": a.version.title,
        "legal_basis": a.version.legal_basis,
        "packages": list(a.packages or []),
        "generated_on": a.generated_on,
        "valid_from": a.valid_from,
        "valid_until": a.valid_until,
        "pdf_sha256": a.pdf_sha256,
        "accepted_at": a.accepted_at,
        "accepted_factor": a.accepted_factor,
        "countersigned_at": a.countersigned_at,
        "terminated_at": a.terminated_at,
        "termination_reason": a.termination_reason,
        "no_bookings_after": a.no_bookings_after,
    }


def _pdf_out(a: Agreement) -> dict[str, Any]:
    content = selectors.agreement_pdf(agreement=a)
    return {
        "filename": f"umowa-{a.number.replace('/', '-')}.pdf",
        "sha256": a.pdf_sha256,
        "content_base64": base64.b64encode(content).decode("ascii"),
    }


def _accept(request: HttpRequest, agreement: Agreement, payload: AgreementAcceptIn) -> dict[str, Any]:
    services.agreement_accept(
        agreement_id=agreement.pk,
        actor=actor_from_request(request),
        factor=payload.factor,
        code=payload.code,
        pdf_sha256=payload.pdf_sha256,
    )
    return agreement_out(selectors.agreement_for_officer(agreement_id=agreement.pk))


# --- participants ---------------------------------------------------------------------------------


def _mine(request: HttpRequest, agreement_id: int) -> Agreement:
    api_require_roles(request, Role.PARTICIPANT)
    return selectors.agreement_of_participant(user=request_user(request), agreement_id=agreement_id)


@router.get("/mine", response=list[AgreementOut], summary="My agreements")
def agreements_mine(request: HttpRequest) -> Any:
    """Participants. Their participation agreements and annexes, newest first."""
    api_require_roles(request, Role.PARTICIPANT)
    return [agreement_out(a) for a in selectors.agreements_of_participant(user=request_user(request))]


@router.get("/mine/{agreement_id}", response={200: AgreementOut, 404: ErrorOut})
def agreements_mine_one(request: HttpRequest, agreement_id: int) -> Any:
    return agreement_out(_mine(request, agreement_id))


@router.get("/mine/{agreement_id}/pdf", response={200: AgreementPdfOut, 404: ErrorOut})
def agreements_mine_pdf(request: HttpRequest, agreement_id: int) -> Any:
    """The stored PDF (base64) with its SHA-256: the bytes an acceptance names."""
    return _pdf_out(_mine(request, agreement_id))


@router.get("/mine/{agreement_id}/code", response={200: AgreementOut, 404: ErrorOut})
def agreements_mine_code_read(request: HttpRequest, agreement_id: int) -> Any:
    """The agreement a code would be sent for (``status`` says whether one is still needed)."""
    return agreement_out(_mine(request, agreement_id))


@router.get("/mine/{agreement_id}/acceptance", response={200: AgreementOut, 404: ErrorOut})
def agreements_mine_accept_read(request: HttpRequest, agreement_id: int) -> Any:
    """The agreement with its acceptance (``accepted_at``, ``accepted_factor``)."""
    return agreement_out(_mine(request, agreement_id))


@router.post("/mine/{agreement_id}/code", response={202: None, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def agreements_mine_code(request: HttpRequest, agreement_id: int) -> Any:
    """E-mail the participant a one-time code to accept the agreement."""
    agreement = _mine(request, agreement_id)
    services.agreement_code_send(agreement_id=agreement.pk, actor=actor_from_request(request))
    return Status(202, None)


@router.post("/mine/{agreement_id}/acceptance", response=WRITE)
def agreements_mine_accept(request: HttpRequest, agreement_id: int, payload: AgreementAcceptIn) -> Any:
    """Accept with ``factor`` ``email`` (the e-mailed code) or ``app`` (the authenticator app's
    code), naming the SHA-256 of the PDF read. A wrong code is 409."""
    return _accept(request, _mine(request, agreement_id), payload)


# --- provider staff -------------------------------------------------------------------------------


def _provider(request: HttpRequest) -> Provider:
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        raise Provider.DoesNotExist
    return provider


def _provider_one(request: HttpRequest, agreement_id: int) -> Agreement:
    return selectors.agreement_of_provider(provider=_provider(request), agreement_id=agreement_id)


@router.get("/provider", response={200: list[AgreementOut], 404: ErrorOut})
def agreements_provider_list(request: HttpRequest) -> Any:
    """Provider staff. Their organisation's agreements."""
    return [agreement_out(a) for a in selectors.agreements_of_provider(provider=_provider(request))]


@router.post("/provider", response={201: AgreementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def agreements_provider_prepare(request: HttpRequest) -> Any:
    """The owner asks for the current programme's agreement (the live one if it exists)."""
    api_require_roles(request, Role.PROVIDER_STAFF)
    programme = programme_selectors.programme_current()
    if programme is None:
        raise Agreement.DoesNotExist
    made = services.provider_agreement_prepare(actor=actor_from_request(request), programme_id=programme.pk)
    return Status(201, agreement_out(selectors.agreement_for_officer(agreement_id=made.pk)))


@router.get("/provider/{agreement_id}", response={200: AgreementOut, 404: ErrorOut})
def agreements_provider_one(request: HttpRequest, agreement_id: int) -> Any:
    return agreement_out(_provider_one(request, agreement_id))


@router.get("/provider/{agreement_id}/pdf", response={200: AgreementPdfOut, 404: ErrorOut})
def agreements_provider_pdf(request: HttpRequest, agreement_id: int) -> Any:
    return _pdf_out(_provider_one(request, agreement_id))


@router.get("/provider/{agreement_id}/code", response={200: AgreementOut, 404: ErrorOut})
def agreements_provider_code_read(request: HttpRequest, agreement_id: int) -> Any:
    return agreement_out(_provider_one(request, agreement_id))


@router.get("/provider/{agreement_id}/acceptance", response={200: AgreementOut, 404: ErrorOut})
def agreements_provider_accept_read(request: HttpRequest, agreement_id: int) -> Any:
    return agreement_out(_provider_one(request, agreement_id))


@router.post(
    "/provider/{agreement_id}/code", response={202: None, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def agreements_provider_code(request: HttpRequest, agreement_id: int) -> Any:
    agreement = _provider_one(request, agreement_id)
    services.agreement_code_send(agreement_id=agreement.pk, actor=actor_from_request(request))
    return Status(202, None)


@router.post("/provider/{agreement_id}/acceptance", response=WRITE)
def agreements_provider_accept(request: HttpRequest, agreement_id: int, payload: AgreementAcceptIn) -> Any:
    """The owner accepts, as a participant does; other staff are refused (403)."""
    return _accept(request, _provider_one(request, agreement_id), payload)


# --- officers -----------------------------------------------------------------------------------


def _office_one(request: HttpRequest, agreement_id: int) -> Agreement:
    api_require_roles(request, Role.OFFICER)
    agreement = selectors.agreement_for_officer(agreement_id=agreement_id)
    if agreement.participant_id:
        audit_record(action=AGREEMENT_READ, actor=actor_from_request(request), obj=agreement)
    return agreement


@router.get("/office", response=list[AgreementOut])
def agreements_office_list(request: HttpRequest, kind: str = "", status: str = "") -> Any:
    """Officers. At most 200, newest first, by ``kind`` and ``status``."""
    api_require_roles(request, Role.OFFICER)
    return [agreement_out(a) for a in selectors.agreements_for_officer(kind=kind, status=status)[:200]]


@router.get("/office/{agreement_id}", response={200: AgreementOut, 404: ErrorOut})
def agreements_office_one(request: HttpRequest, agreement_id: int) -> Any:
    return agreement_out(_office_one(request, agreement_id))


@router.get("/office/{agreement_id}/pdf", response={200: AgreementPdfOut, 404: ErrorOut})
def agreements_office_pdf(request: HttpRequest, agreement_id: int) -> Any:
    return _pdf_out(_office_one(request, agreement_id))


@router.get("/office/{agreement_id}/countersignature", response={200: AgreementOut, 404: ErrorOut})
def agreements_office_countersign_read(request: HttpRequest, agreement_id: int) -> Any:
    """The agreement with its countersignature (``countersigned_at``)."""
    return agreement_out(_office_one(request, agreement_id))


@router.get("/office/{agreement_id}/termination", response={200: AgreementOut, 404: ErrorOut})
def agreements_office_terminate_read(request: HttpRequest, agreement_id: int) -> Any:
    """The agreement with its termination (``terminated_at``, ``no_bookings_after``)."""
    return agreement_out(_office_one(request, agreement_id))


@router.post("/office/{agreement_id}/countersignature", response=WRITE)
def agreements_office_countersign(request: HttpRequest, agreement_id: int) -> Any:
    agreement = _office_one(request, agreement_id)
    services.agreement_countersign(agreement_id=agreement.pk, actor=actor_from_request(request))
    return agreement_out(selectors.agreement_for_officer(agreement_id=agreement.pk))


@router.post("/office/{agreement_id}/termination", response=WRITE)
def agreements_office_terminate(
    request: HttpRequest, agreement_id: int, payload: AgreementTerminateIn
) -> Any:
    """A provider's agreement: no new bookings after ``no_bookings_after``."""
    agreement = _office_one(request, agreement_id)
    services.provider_agreement_terminate(
        agreement_id=agreement.pk,
        actor=actor_from_request(request),
        reason=payload.reason,
        no_bookings_after=payload.no_bookings_after,
    )
    return agreement_out(selectors.agreement_for_officer(agreement_id=agreement.pk))


def _version_out(version: TemplateVersion, used: int) -> dict[str, Any]:
    return {
        "id": version.pk,
        "kind": version.template.kind,
        "number": version.number,
        "title": version.title,
        "body": version.body,
        "legal_basis": version.legal_basis,
        "valid_from": version.valid_from,
        "valid_until": version.valid_until,
        "note": version.note,
        "agreements_made": used,
    }


@router.get("/templates", response={200: list[TemplateVersionOut], 404: ErrorOut})
def agreements_templates(request: HttpRequest, kind: str = "") -> Any:
    """Officers. The versions of the current programme's templates (of ``kind`` when given:
    participation, annex, provider), newest first per kind."""
    api_require_roles(request, Role.OFFICER)
    programme = programme_selectors.programme_current()
    if programme is None:
        raise TemplateVersion.DoesNotExist
    return [
        _version_out(version, used)
        for row in selectors.templates_of(programme=programme)
        if not kind or row["kind"] == kind
        for version, used in row["versions"]
    ]


@router.post("/templates", response={201: TemplateVersionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def agreements_template_version_new(request: HttpRequest, payload: TemplateVersionIn) -> Any:
    """Officers. A new version of the template of ``kind`` (participation, annex, provider): the
    saved versions never change."""
    api_require_roles(request, Role.OFFICER)
    programme = programme_selectors.programme_current()
    if programme is None:
        raise TemplateVersion.DoesNotExist
    version = services.template_version_save(
        actor=actor_from_request(request),
        programme_id=programme.pk,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        legal_basis=payload.legal_basis,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        note=payload.note,
    )
    return Status(201, _version_out(version, 0))
