"""Campaigns and the sign-ups they bring: a campaign gets a code its poster's QR code carries; the
registration records it with the person's knowledge (the accounts hook ``registered``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.geo.models import Gmina

from .. import domain
from ..audit_actions import CAMPAIGN_CLOSED, CAMPAIGN_CREATED, SIGNUP_RECORDED
from ..models import Campaign, CampaignSignup, Channel, Leader
from .base import require_gmina_access


@dataclass(frozen=True)
class CampaignData:
    name: str
    channel: str
    message: str = ""
    starts_on: date | None = None
    leader: Leader | None = None


def campaign_create(*, actor: Actor, gmina: Gmina | None, data: CampaignData) -> Campaign:
    """A campaign of ``gmina`` (its coordinator's or the office's) or of the whole region (the
    office's), with a new unique code."""
    require_gmina_access(actor, gmina)
    if data.channel not in Channel.values:
        raise ValidationError(_("Choose the channel."))
    if not data.name.strip():
        raise ValidationError(_("Name the campaign."))
    if data.leader is not None and (
        gmina is None or data.leader.gmina_id != gmina.pk or data.leader.erased_at
    ):
        raise ValidationError(_("The referring leader must be one of the gmina's register."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(
                    code=domain.campaign_code_new(),
                    name=data.name.strip(),
                    channel=data.channel,
                    gmina=gmina,
                    leader=data.leader,
                    message=data.message.strip(),
                    starts_on=data.starts_on or timezone.localdate(),
                    created_by=actor.user,
                )
                audit_record(
                    action=CAMPAIGN_CREATED, actor=actor, obj=campaign, details={"code": campaign.code}
                )
            return campaign
        except IntegrityError:  # the random code was taken: draw another
            continue
    raise ValidationError(_("Could not make a new code; try again."))


def campaign_close(*, actor: Actor, campaign_id: int) -> Campaign:
    """No new sign-ups are counted for a closed campaign (its posters may still hang somewhere)."""
    with transaction.atomic(durable=True):
        campaign = (
            Campaign.objects.select_for_update(of=("self",)).select_related("gmina").get(pk=campaign_id)
        )
        require_gmina_access(actor, campaign.gmina)
        if campaign.closed_on is None:
            campaign.closed_on = timezone.localdate()
            campaign.save(update_fields=["closed_on"])
            audit_record(action=CAMPAIGN_CLOSED, actor=actor, obj=campaign)
    return campaign


def campaign_open_by_code(code: str) -> Campaign | None:
    """The open campaign with ``code`` (as typed or scanned), or None."""
    clean = domain.campaign_code_clean(code)
    if clean is None:
        return None
    return Campaign.objects.filter(code=clean, closed_on__isnull=True).first()


def signup_record(*, user: User, code: str) -> CampaignSignup | None:
    """Record that ``user`` registered through the campaign with ``code`` (the registration form
    told them so, and they left it there). Nothing when the code is no open campaign's or the person
    already has one. Audited as the person, the one who registered."""
    campaign = campaign_open_by_code(code)
    if campaign is None:
        return None
    with transaction.atomic():
        signup, created = CampaignSignup.objects.get_or_create(user=user, defaults={"campaign": campaign})
        if created:
            audit_record(
                action=SIGNUP_RECORDED, actor=Actor(user=user), obj=signup, details={"code": campaign.code}
            )
    return signup if created else None
