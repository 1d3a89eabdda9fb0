"""The one way to write the audit log. Every service that changes state, and every staff read of a
participant's file, calls :func:`audit_record` inside its transaction, so the record and the
change commit or roll back together."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from .models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from. Behind a proxy the deployment sets REMOTE_ADDR from
    the trusted proxy header (the web server's job, not the application's)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``action`` is a dotted name such as ``account.login`` or
    ``participant.file_read``; ``details`` must never hold a PESEL or a secret."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=getattr(actor, "email", "") if actor is not None else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=client_ip(request),
        details=details or {},
    )
