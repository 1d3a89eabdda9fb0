"""The Learning Day and the Career Week: the office opens a campaign per edition; partners,
gminas and providers register their activities, each created as an event through the events
context's services (its place, its registration where the activity needs one); afterwards the
organiser enters how many took part (or the check-ins count). Each change in one transaction,
audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.events.models import Audience, EventKind
from kierunek.events.services import EventData, event_create

from ..audit_actions import ACTIVITY_COUNTED, ACTIVITY_REGISTERED, CAMPAIGN_SAVED
from ..models import Activity, Campaign, CampaignKind, OrganiserKind
from ..workflows import ACTIVITY_ROLES
from .contest import gmina_of

ORGANISER_KINDS = {
    Role.OFFICER: OrganiserKind.OFFICE,
    Role.PARTNER_STAFF: OrganiserKind.PARTNER,
    Role.GMINA_STAFF: OrganiserKind.GMINA,
    Role.PROVIDER_STAFF: OrganiserKind.PROVIDER,
}
EVENT_KINDS = {
    CampaignKind.LEARNING_DAY: EventKind.LEARNING_DAY,
    CampaignKind.CAREER_WEEK: EventKind.LOCAL_WORKSHOP,
}


@dataclass(frozen=True)
class ActivityData:
    title: str
    starts_at: datetime
    ends_at: datetime
    organiser_label: str
    description: str = ""
    gmina_teryt: str = ""
    address: str = ""
    online_url: str = ""
    needs_registration: bool = True
    capacity: int = 30


def campaign_create(
    *,
    actor: Actor,
    kind: str,
    year: int,
    title: str,
    starts_on: date,
    ends_on: date,
    registration_closes_on: date,
    description: str = "",
) -> Campaign:
    require_role(actor, Role.OFFICER)
    if kind not in CampaignKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    if ends_on < starts_on or registration_closes_on > ends_on:
        raise ValidationError(
            _("The campaign ends after it starts, and activities are registered before it ends.")
        )
    with transaction.atomic():
        if Campaign.objects.filter(kind=kind, year=year).exists():
            raise ValidationError(_("This campaign already has an edition in that year."))
        campaign = Campaign.objects.create(
            kind=kind,
            year=year,
            title=title.strip(),
            description=description.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            registration_closes_on=registration_closes_on,
        )
        audit_record(action=CAMPAIGN_SAVED, actor=actor, obj=campaign, details={"kind": kind, "year": year})
    return campaign


def activity_register(
    *, actor: Actor, campaign_id: int, data: ActivityData, today: date | None = None
) -> Activity:
    """Register an activity for the campaign: its event is created by the events context with the
    actor as organiser (open registration, or none where the activity is open at the door). A
    gmina's staff register activities in their own gmina (or online)."""
    if actor.user is None or actor.role not in ACTIVITY_ROLES:
        raise PermissionDenied(_("Partners, gminas, providers and the office register activities."))
    today = today or timezone.localdate()
    if data.gmina_teryt and actor.role == Role.GMINA_STAFF and data.gmina_teryt != gmina_of(actor).teryt:
        raise ValidationError({"gmina": _("A gmina registers activities in its own area.")})
    if not data.organiser_label.strip():
        raise ValidationError({"organiser_label": _("Give the name of the organising institution.")})
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if today > campaign.registration_closes_on:
            raise ValidationError(_("Activities for this campaign are no longer registered."))
        first = timezone.localtime(data.starts_at).date()
        last = timezone.localtime(data.ends_at).date()
        if first < campaign.starts_on or last > campaign.ends_on:
            raise ValidationError(
                {
                    "starts_at": _("The activity takes place during the campaign: %(from)s – %(to)s.")  # noqa: RUF001 - an en dash
                    % {
                        "from": campaign.starts_on.strftime("%d.%m.%Y"),
                        "to": campaign.ends_on.strftime("%d.%m.%Y"),
                    }
                }
            )
        event = event_create(
            actor=actor,
            data=EventData(
                title=data.title,
                kind=EVENT_KINDS[CampaignKind(campaign.kind)],
                starts_at=data.starts_at,
                ends_at=data.ends_at,
                capacity=data.capacity,
                # Open at the door: the event takes no registrations (nobody is invited).
                audience=Audience.PUBLIC if data.needs_registration else Audience.INVITATION,
                description=data.description,
                gmina_teryt=data.gmina_teryt,
                address=data.address,
                online_url=data.online_url,
                organiser_label=data.organiser_label,
            ),
        )
        activity = Activity.objects.create(
            campaign=campaign,
            event=event,
            organiser_kind=ORGANISER_KINDS[Role(actor.role)],
            needs_registration=data.needs_registration,
            registered_by=actor.user,
        )
        audit_record(action=ACTIVITY_REGISTERED, actor=actor, obj=campaign, details={"event": event.pk})
    return activity


def activity_count(
    *, actor: Actor, activity_id: int, participants: int, now: datetime | None = None
) -> Activity:
    """The organiser enters how many took part, once the activity has started."""
    now = now or timezone.now()
    if participants < 0:
        raise ValidationError({"participants": _("Give zero or more.")})
    with transaction.atomic():
        if actor.user is None:
            raise PermissionDenied
        activity = (
            Activity.objects.select_for_update()
            .select_related("event")
            .get(pk=activity_id, registered_by=actor.user)
        )
        if activity.event.starts_at > now:
            raise ValidationError(_("Participants are counted once the activity has started."))
        activity.participants = participants
        activity.counted_at = now
        activity.save(update_fields=["participants", "counted_at"])
        audit_record(
            action=ACTIVITY_COUNTED,
            actor=actor,
            obj=activity.campaign,
            details={"participants": participants},
        )
    return activity
