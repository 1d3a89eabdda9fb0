"""Services of the Local Knowledge and Education Centres: the Metropolis publishes a new version of
the guidelines and registers centres; a centre's activities are events, linked here."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.events.models import Event
from kierunek.geo.models import Gmina

from ..audit_actions_edua import CENTRE_EVENT_LINKED, CENTRE_REGISTERED, GUIDELINES_PUBLISHED
from ..models import School
from ..models_centres import Centre, CentreEvent, CentreStatus, GuidelinesVersion
from ..selectors import gmina_of_staff


def guidelines_publish(
    *,
    actor: Actor,
    title: str,
    body: str,
    adopted_on: date,
    published_on: date,
    summary_of_changes: str = "",
    is_demo: bool = False,
) -> GuidelinesVersion:
    """A new version of the guidelines, numbered after the last; earlier versions stay readable."""
    require_role(actor, Role.METROPOLIS_STAFF)
    if not title.strip() or not body.strip():
        raise ValidationError(_("Give the title and the text."))
    if published_on < adopted_on:
        raise ValidationError(
            {"published_on": _("A version is published on or after the day it is adopted.")}
        )
    with transaction.atomic():
        last = GuidelinesVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0
        version = GuidelinesVersion.objects.create(
            number=last + 1,
            title=title.strip(),
            body=body.strip(),
            summary_of_changes=summary_of_changes.strip(),
            adopted_on=adopted_on,
            published_on=published_on,
            created_by=actor.user,
            is_demo=is_demo,
        )
        audit_record(
            action=GUIDELINES_PUBLISHED, actor=actor, obj=version, details={"number": version.number}
        )
    return version


def centre_register(
    *,
    actor: Actor,
    gmina_id: int,
    name: str,
    status: str,
    offer: str,
    address: str = "",
    email: str = "",
    school_id: int | None = None,
    is_demo: bool = False,
) -> Centre:
    """A centre in the register (the Metropolis keeps it)."""
    require_role(actor, Role.METROPOLIS_STAFF)
    gmina = Gmina.objects.filter(pk=gmina_id).first()
    if gmina is None:
        raise ValidationError({"gmina": _("Choose a gmina of Małopolska.")})
    if status not in CentreStatus.values:
        raise ValidationError({"status": _("Choose one of the options.")})
    if not name.strip() or not offer.strip():
        raise ValidationError(_("Give the name and the offer."))
    school = School.objects.filter(pk=school_id, gmina=gmina).first() if school_id else None
    if Centre.objects.filter(gmina=gmina, name=name.strip()).exists():
        raise ValidationError({"name": _("The gmina already has a centre of this name.")})
    with transaction.atomic():
        centre = Centre.objects.create(
            gmina=gmina,
            name=name.strip(),
            status=status,
            offer=offer.strip(),
            address=address.strip(),
            email=email.strip(),
            school=school,
            is_demo=is_demo,
        )
        audit_record(action=CENTRE_REGISTERED, actor=actor, obj=centre, details={"name": centre.name})
    return centre


def centre_event_link(*, actor: Actor, centre_id: int, event_id: int) -> CentreEvent:
    """Show an event as the centre's activity: the Metropolis' staff for any centre, gmina staff
    for a centre of their gmina."""
    require_role(actor, Role.METROPOLIS_STAFF, Role.GMINA_STAFF)
    centre = Centre.objects.get(pk=centre_id)
    if actor.role == Role.GMINA_STAFF and gmina_of_staff(user=actor.user) != centre.gmina:
        raise PermissionDenied(_("The centre is not in your gmina."))
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise ValidationError({"event": _("There is no event with this number.")})
    if CentreEvent.objects.filter(event=event).exists():
        raise ValidationError({"event": _("The event is already an activity of a centre.")})
    with transaction.atomic():
        link = CentreEvent.objects.create(centre=centre, event=event)
        audit_record(action=CENTRE_EVENT_LINKED, actor=actor, obj=link, details={"event": event.pk})
    return link
