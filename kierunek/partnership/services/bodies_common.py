"""Who may act on a body or group, checked by role and by object: an officer on any body; partner
staff on a body where they hold an open seat as its secretary or leader (its "keepers", who record
meetings, minutes, decisions and products), and a group's leader on its members."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.permissions import require_role

from .. import domain_bodies as rules
from ..models_bodies import Body, BodyMember


def _open_seat(user: Any, body_id: int, functions: tuple[str, ...]) -> bool:
    pk = getattr(user, "pk", None)
    return (
        pk is not None
        and BodyMember.objects.filter(
            body_id=body_id, user_id=pk, left_on__isnull=True, function__in=functions
        ).exists()
    )


def keeps_records(user: Any, body_id: int) -> bool:
    """An officer, or partner staff sitting in the body as its secretary or leader."""
    role = getattr(user, "role", None)
    if role == Role.OFFICER:
        return True
    return role == Role.PARTNER_STAFF and _open_seat(user, body_id, rules.KEEPERS)


def manages_members(user: Any, body: Body) -> bool:
    """An officer for every body; a group's leader (partner staff) for their own group."""
    role = getattr(user, "role", None)
    if role == Role.OFFICER:
        return True
    return role == Role.PARTNER_STAFF and body.is_group and _open_seat(user, body.pk, (rules.LEADER,))


def require_keeper(actor: Actor, body_id: int) -> None:
    require_role(actor.user, Role.OFFICER, Role.PARTNER_STAFF)
    if not keeps_records(actor.user, body_id):
        raise PermissionDenied(
            _("Only the body's secretary or leader and the programme office keep its records.")
        )


def require_member_manager(actor: Actor, body: Body) -> None:
    require_role(actor.user, Role.OFFICER, Role.PARTNER_STAFF)
    if not manages_members(actor.user, body):
        raise PermissionDenied(_("Only the group's leader and the programme office change its members."))


def locked_body(body_id: int) -> Body:
    return Body.objects.select_for_update().select_related("partnership").get(pk=body_id)
