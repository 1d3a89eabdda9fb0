"""Evidence files, for the people who may read them."""

from typing import cast

from django.http import Http404, HttpRequest, HttpResponse

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.audit import audit_record
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_response

from .. import audit_actions
from .. import selectors as qs

# --- evidence ----------------------------------------------------------------------------------


@role_required(Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR)
def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """An evidence file, to the provider's own staff, officers, and the case's auditor (after
    declaring no conflict); 404 to everybody else, so that ids reveal nothing."""
    user = request_user(request)
    evidence = qs.evidence_visible_to(user=user, evidence_id=evidence_id)
    if evidence is None:
        raise Http404
    if user.role != Role.PROVIDER_STAFF:
        audit_record(
            action=audit_actions.QUALITY_EVIDENCE_READ,
            actor=actor_from_request(request),
            obj=evidence.case,
            details={"evidence": evidence.pk},
        )
    response = upload_response(evidence.file, evidence.file_kind, filename=evidence.original_name)
    return cast(HttpResponse, response)  # role_required is typed for HttpResponse; a stream is fine
