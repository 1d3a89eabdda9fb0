"""What every service of the partnership checks: who may act on an institution (its own partner
staff, or an officer), and the limits of free text."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.permissions import require_role

from ..models import Institution, InstitutionStaff


def require_institution_access(actor: Actor, institution_id: int, *, officer: bool = True) -> None:
    """Partner staff act on their own institution only; an officer (when ``officer``) on any."""
    roles = (Role.PARTNER_STAFF, Role.OFFICER) if officer else (Role.PARTNER_STAFF,)
    require_role(actor.user, *roles)
    if (
        actor.role == Role.PARTNER_STAFF
        and not InstitutionStaff.objects.filter(user_id=actor.user.pk, institution_id=institution_id).exists()
    ):
        raise PermissionDenied(_("This is not your institution."))


def locked_institution(institution_id: int) -> Institution:
    return Institution.objects.select_for_update().get(pk=institution_id)


def text(value: object, field: str, limit: int, *, required: bool = True) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return value
