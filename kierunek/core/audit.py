"""The one way to write the audit log. Every service that changes state, and every staff read of a
participant's file, calls :func:`audit_record` inside its transaction, so the record and the
change commit or roll back together."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from .actor import Actor, client_ip
from .audit_registry import is_registered
from .models import AuditEvent


def audit_record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``action`` is a name declared in the registry
    (:mod:`kierunek.core.audit_registry`); ``actor`` an :class:`~kierunek.core.actor.Actor` (a
    service's caller) or a user; ``request`` only where a page acts without a service (a login).
    ``details`` must never hold a PESEL or a secret."""
    if not is_registered(action):
        raise ValueError(f"audit action {action!r} is not declared in an audit_actions module")
    ip_address = client_ip(request)
    if isinstance(actor, Actor):
        ip_address = actor.ip_address or ip_address
        actor = actor.user
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
        ip_address=ip_address,
        details=details or {},
    )
