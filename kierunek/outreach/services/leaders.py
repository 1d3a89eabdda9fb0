"""The register of a gmina's local leaders: the coordinator (or the office) records a leader with
their consent to be contacted and what they agreed to do, records contacts and meetings with them,
and erases a leader's details when the consent is withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.geo.models import Gmina

from ..audit_actions import CONTACT_RECORDED, LEADER_ERASED, LEADER_REGISTERED
from ..models import CONTACT_CONSENT_VERSION, ContactKind, Leader, LeaderContact, LeaderKind
from .base import require_gmina_access


@dataclass(frozen=True)
class LeaderData:
    kind: str
    name: str
    organisation: str
    email: str
    phone: str
    agreed_to: str
    consent_given_on: date
    consent: bool


def leader_register(*, actor: Actor, gmina: Gmina, data: LeaderData) -> Leader:
    """Record a leader; only with their consent to be contacted (its date and the version of the
    text they agreed to are kept)."""
    require_gmina_access(actor, gmina)
    if data.kind not in LeaderKind.values:
        raise ValidationError(_("Choose the kind of leader or organisation."))
    if not data.consent:
        raise ValidationError(_("Record a leader only with their consent to be contacted."))
    if not data.name.strip() and not data.organisation.strip():
        raise ValidationError(_("Give the person's name or the organisation's."))
    if data.consent_given_on > timezone.localdate():
        raise ValidationError(_("The consent cannot be given in the future."))
    with transaction.atomic(durable=True):
        leader = Leader.objects.create(
            gmina=gmina,
            kind=data.kind,
            name=data.name.strip(),
            organisation=data.organisation.strip(),
            email=data.email.strip(),
            phone=data.phone.strip(),
            agreed_to=data.agreed_to.strip(),
            consent_given_on=data.consent_given_on,
            consent_text_version=CONTACT_CONSENT_VERSION,
            recorded_by=actor.user,
        )
        audit_record(action=LEADER_REGISTERED, actor=actor, obj=leader, details={"gmina": gmina.teryt})
    return leader


def _leader(actor: Actor, leader_id: int) -> Leader:
    leader = Leader.objects.select_for_update().select_related("gmina").get(pk=leader_id)
    require_gmina_access(actor, leader.gmina)
    return leader


def contact_record(
    *, actor: Actor, leader_id: int, kind: str, happened_on: date, notes: str
) -> LeaderContact:
    if kind not in ContactKind.values:
        raise ValidationError(_("Choose the kind of contact."))
    if happened_on > timezone.localdate():
        raise ValidationError(_("Record a contact once it happened."))
    with transaction.atomic(durable=True):
        leader = _leader(actor, leader_id)
        if leader.erased_at is not None:
            raise ValidationError(_("The leader withdrew their consent: they are not contacted any more."))
        contact = LeaderContact.objects.create(
            leader=leader, kind=kind, happened_on=happened_on, notes=notes.strip(), recorded_by=actor.user
        )
        audit_record(action=CONTACT_RECORDED, actor=actor, obj=contact, details={"kind": kind})
    return contact


def leader_erase(*, actor: Actor, leader_id: int) -> Leader:
    """The leader withdrew their consent to be contacted (or asked to be forgotten): their name,
    e-mail, phone, what they agreed to and the notes of contacts are erased at once; the kind of
    organisation, the gmina and the dates stay, so the register's history still adds up."""
    with transaction.atomic(durable=True):
        leader = _leader(actor, leader_id)
        if leader.erased_at is not None:
            return leader
        leader.name = ""
        leader.organisation = ""
        leader.email = ""
        leader.phone = ""
        leader.agreed_to = ""
        leader.user = None
        leader.erased_at = timezone.now()
        leader.save(
            update_fields=["name", "organisation", "email", "phone", "agreed_to", "user", "erased_at"]
        )
        LeaderContact.objects.filter(leader=leader).update(notes="")
        audit_record(action=LEADER_ERASED, actor=actor, obj=leader)
    return leader
