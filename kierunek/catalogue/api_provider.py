"""JSON API of a provider's own service cards, mounted by config/api.py at
/api/v1/provider/services (session with CSRF, or a bearer token): importing a file of cards in our
columns or in the layout of the national services register (BUR), following the import, and
exporting the cards in either layout. Provider staff only (403 for any other role); an import of
another provider is 404. An import goes through the same background job as the provider's page:
every record is checked, and nothing is written unless every record passes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.files import UploadedFile
from pydantic import Field

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut, ValidationErrorOut, validation_error
from kierunek.core.permissions import api_require_roles
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from . import import_jobs, importexport
from .models import ImportJob

router = Router()

NO_PROVIDER = "Zarejestruj najpierw swoją instytucję. / Register your institution first."


def _staff_provider(request: HttpRequest) -> Provider:
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        raise HttpError(404, NO_PROVIDER)
    return provider


class ImportErrorOut(Schema):
    row: int = Field(description="The row (CSV) or record (JSON), from 1; 0 for the whole file")
    column: str = Field(description="Our column, or the BUR record's field (e.g. cenaBruttoZaGodzine)")
    message: str


class ImportJobOut(Schema):
    id: int
    filename: str
    status: str = Field(description="queued, validating, writing, done or failed")
    rows_total: int
    rows_done: int
    cards_created: int = Field(description="Draft cards created, once done")
    created_at: datetime
    finished_at: datetime | None
    errors: list[ImportErrorOut] = Field(description="Every problem, when failed: nothing was written")


def _job_out(job: ImportJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "filename": job.filename,
        "status": job.status,
        "rows_total": job.rows_total,
        "rows_done": job.rows_done,
        "cards_created": job.cards_created,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "errors": job.errors or [],
    }


@router.post(
    "/imports",
    response={202: ImportJobOut, 400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    url_name="provider_service_import_start",
    summary="Import service cards from a file (our columns or BUR's layout)",
)
def import_start(
    request: HttpRequest,
    file: File[UploadedFile],
    layout: Form[Literal["", "kierunek", "bur"]] = "",
) -> Any:
    """Provider staff. ``file``: a .csv or .json file of at most 5 MB and 2 000 services, in our
    columns (as the export writes them) or in BUR's layout (its API's records, a list or its
    paged envelope ``{"lista": [...]}``); ``layout`` says which, or is left empty to detect it. A
    file that cannot be read at all is 422 at once (``loc``: ``["body", "file"]``, then the row and
    the field where the problem has one); a readable one starts a
    background job (202): follow it at ``/imports/{id}``. The job checks every record and writes
    nothing unless all pass; its ``errors`` name the record, the field and the problem."""
    provider = _staff_provider(request)
    if file.size is not None and file.size > importexport.MAX_FILE_BYTES:
        raise validation_error(
            ("body", "file"), _("The file is too large. The limit is 5 MB."), kind="too_large"
        )
    content = file.read()
    filename = file.name or "upload"
    try:
        importexport.read_file(
            content=content, filename=filename, layout=importexport.Layout(layout) if layout else None
        )
    except importexport.ImportRefused as refused:
        raise NinjaValidationError(
            [
                {
                    "type": "file_unreadable",
                    "loc": ["body", "file", *([e.row] if e.row else []), *([e.column] if e.column else [])],
                    "msg": e.message,
                }
                for e in refused.errors
            ]
        ) from refused
    job = import_jobs.import_job_create(
        provider=provider, actor=actor_from_request(request), content=content, filename=filename
    )
    job.refresh_from_db()
    return Status(202, _job_out(job))


@router.get(
    "/imports",
    response={200: list[ImportJobOut], 404: ErrorOut},
    url_name="provider_service_imports",
    summary="My institution's latest imports of service cards",
)
def import_list(request: HttpRequest) -> Any:
    """Provider staff: the latest 20 imports of their institution, newest first."""
    provider = _staff_provider(request)
    return [
        _job_out(job) for job in provider.import_jobs.defer("content").order_by("-created_at", "-pk")[:20]
    ]


@router.get(
    "/imports/{job_id}",
    response={200: ImportJobOut, 404: ErrorOut},
    url_name="provider_service_import",
    summary="One import of service cards: its progress, result or problems",
)
def import_get(request: HttpRequest, job_id: int) -> Any:
    """Provider staff, for their own institution's imports only (404 for any other)."""
    provider = _staff_provider(request)
    job = ImportJob.objects.defer("content").filter(pk=job_id, provider=provider).first()
    if job is None:
        raise HttpError(404, "Nie ma takiego importu. / No such import.")
    return _job_out(job)


@router.get(
    "/export",
    response={200: Any, 404: ErrorOut},
    url_name="provider_service_export",
    summary="My institution's service cards, in our columns or in BUR's layout",
)
def export(request: HttpRequest, layout: Literal["kierunek", "bur"] = "bur") -> Any:
    """Provider staff. ``layout=bur`` (the default): BUR's paged envelope ``{"lista": [...],
    "liczbaWszystkichElementow": n, "liczbaStron": 1}`` of records with BUR's field names;
    ``layout=kierunek``: a list of our columns, as the page's JSON export. Either imports back to
    the same cards."""
    provider = _staff_provider(request)
    if layout == "bur":
        text = importexport.cards_export_bur(provider=provider)
    else:
        text = importexport.cards_export_json(provider=provider)
    return HttpResponse(text, content_type="application/json; charset=utf-8")
