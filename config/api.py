"""The JSON API root: /api/v1/. Each context adds its router here; operations say which roles may
use them (kierunek.core.permissions.api_require_roles) and reuse the same services as the pages."""

from datetime import datetime
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from kierunek.accounts.api_auth import session_or_token
from kierunek.accounts.models import Role, User
from kierunek.agreements.api import router as agreements_router
from kierunek.catalogue.api import router as catalogue_router
from kierunek.catalogue.api_provider import router as catalogue_provider_router
from kierunek.core.api_errors import (
    PlainTextParser,
    api_domain_errors_install,
    api_errors_document,
    api_errors_install,
)
from kierunek.core.busy import api_database_error
from kierunek.core.models import AuditEvent
from kierunek.core.permissions import api_require_roles
from kierunek.education.api_edua import router as education_edua_router
from kierunek.education.api_training import router as training_router
from kierunek.evaluations.api import router as evaluations_router
from kierunek.events.api import router as events_router
from kierunek.geo.api import router as geo_router
from kierunek.guidance.api import router as guidance_router
from kierunek.partnership.api import practices_router as good_practices_router
from kierunek.partnership.api import router as institutions_router
from kierunek.partnership.api_bodies import router as partnership_bodies_router
from kierunek.programmes.api import router as programmes_router
from kierunek.qualifications.api import router as qualifications_router
from kierunek.qualifications.certificates_api import router as certificates_router
from kierunek.quality.api import router as quality_register_router
from kierunek.reports.api import router as indicators_router
from kierunek.validation.api import router as validation_router
from kierunek.vouchers.api import office_router as vouchers_office_router
from kierunek.vouchers.api import router as vouchers_router

api = NinjaAPI(
    title="Kierunek API",
    version="1",
    description=(
        "Programme data for residents, providers and staff. Public reads need no login; everything "
        "else takes a session cookie (with the CSRF token for writes) or a bearer token."
    ),
    urls_namespace="api",
    docs_url="/docs",
    parser=PlainTextParser(),
)
api_errors_install(api)
api_domain_errors_install(api)


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    role_label: str


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str
    ip_address: str | None


@api.get("/me", response=MeOut, auth=session_or_token, tags=["accounts"], summary="Who is logged in")
def me(request: HttpRequest) -> dict[str, Any]:
    user: User = request.auth  # type: ignore[attr-defined]
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.get_full_name(),
        "role": user.role,
        "role_label": str(Role(user.role).label),
    }


@api.get(
    "/audit-events",
    response=list[AuditEventOut],
    auth=session_or_token,
    tags=["audit"],
    summary="Latest audit events",
)
def audit_events(request: HttpRequest, limit: int = 100) -> Any:
    """Administrators only. At most 500 events, newest first."""
    api_require_roles(request, Role.ADMINISTRATOR)
    return AuditEvent.objects.all()[: max(1, min(limit, 500))]


api.add_router("/geo", geo_router, tags=["geography"])
api.add_router("/quality-register", quality_register_router, tags=["quality mark"])
api.add_router("/services", catalogue_router, tags=["catalogue"])
api.add_router("/qualifications", qualifications_router, tags=["qualifications"])
api.add_router("/certificates", certificates_router, tags=["certificates of qualifications"])
api.add_router(
    "/provider/services",
    catalogue_provider_router,
    auth=session_or_token,
    tags=["catalogue: provider's cards"],
)
api.add_router("/institutions", institutions_router, tags=["find an institution"])
api.add_router("/good-practices", good_practices_router, tags=["good practices"])
api.add_router("/partnerships", partnership_bodies_router, tags=["partnership bodies and groups"])
api.add_router("/events", events_router, tags=["events"])
api.add_router("/indicators", indicators_router, tags=["indicators and open data"])
api.add_router("/education", education_edua_router, tags=["metropolitan education"])
api.add_router("/training", training_router, tags=["teacher training"])
api.add_router("/programmes", programmes_router, auth=session_or_token, tags=["programmes"])
api.add_router("/guidance", guidance_router, auth=session_or_token, tags=["career guidance"])
api.add_router("/vouchers", vouchers_router, auth=session_or_token, tags=["vouchers and bookings"])
api.add_router("/vouchers", evaluations_router, auth=session_or_token, tags=["vouchers and bookings"])
api.add_router("/agreements", agreements_router, auth=session_or_token, tags=["agreements"])
api.add_router("/vouchers-office", vouchers_office_router, auth=session_or_token, tags=["vouchers office"])
api.add_router(
    "/validations", validation_router, auth=session_or_token, tags=["validation of qualifications"]
)
api_errors_document(api)  # after the last router: it reads every operation

# django-ninja catches exceptions before any middleware: a busy database answers 503 JSON here.
api.add_exception_handler(DatabaseError, api_database_error)
