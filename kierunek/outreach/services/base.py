"""Who may act for which gmina: the office for every gmina, a gmina's staff for their own only
(their gmina is read from ``accounts.GminaStaff``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kierunek.accounts.models import GminaStaff, Role
from kierunek.core.actor import Actor
from kierunek.geo.models import Gmina


def gmina_of_staff(user: Any) -> Gmina | None:
    """The gmina a person of the gmina-staff role works for, or None."""
    if getattr(user, "role", None) != Role.GMINA_STAFF:
        return None
    link = GminaStaff.objects.select_related("gmina").filter(user=user).first()
    return link.gmina if link is not None else None


def require_gmina_access(actor: Actor, gmina: Gmina | None) -> None:
    """An officer acts for any gmina (and for the whole region, ``gmina=None``); a gmina's staff
    only for the gmina they work for; nobody else."""
    if actor.user is None:
        raise PermissionDenied(_("Log in first."))
    if actor.role == Role.OFFICER:
        return
    if actor.role == Role.GMINA_STAFF and gmina is not None:
        own = gmina_of_staff(actor.user)
        if own is not None and own.pk == gmina.pk:
            return
    raise PermissionDenied(_("You act only for the gmina you work for."))
