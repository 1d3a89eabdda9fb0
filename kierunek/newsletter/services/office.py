"""What the office keeps besides issues: the topics, the wording of the consent (a new version
each time it changes), the proof of a subscriber's consent (exported on request) and the erasure
of a subscriber on the person's request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from .. import domain
from ..audit_actions import (
    CONSENT_EXPORTED,
    SUBSCRIBER_ERASED,
    SUBSCRIBER_READ,
    TOPIC_SAVED,
    WORDING_PUBLISHED,
)
from ..models import ConsentWording, Subscriber, Topic
from ..workflows import OFFICE


@dataclass(frozen=True)
class TopicData:
    slug: str
    name: str
    description: str = ""
    offered: bool = True
    position: int = 0


@transaction.atomic
def topic_save(*, actor: Actor, data: TopicData, topic_id: int | None = None) -> Topic:
    """Add a topic or change one (never delete: issues and consent records name it; a topic no
    longer offered is hidden from the forms)."""
    require_role(actor, *OFFICE)
    topic = Topic() if topic_id is None else Topic.objects.select_for_update().get(pk=topic_id)
    for name, value in vars(data).items():
        setattr(topic, name, value)
    topic.full_clean()
    topic.save()
    audit_record(action=TOPIC_SAVED, actor=actor, obj=topic, details={"slug": topic.slug})
    return topic


@transaction.atomic
def wording_publish(*, actor: Actor, text: str) -> ConsentWording:
    """A new version of the consent's wording, shown with the forms from now on. Earlier consents
    keep naming the version they were given under."""
    require_role(actor, *OFFICE)
    last = ConsentWording.objects.select_for_update().aggregate(last=Max("version"))["last"] or 0
    wording = ConsentWording.objects.create(version=last + 1, text=text.strip())
    audit_record(action=WORDING_PUBLISHED, actor=actor, obj=wording, details={"version": wording.version})
    return wording


def subscriber_read(*, actor: Actor, subscriber_id: int) -> Subscriber:
    """A subscriber's page for the office, with topics and consent records. Audited: staff reading
    a person's data (the person finds it in their export's record of activity)."""
    require_role(actor, *OFFICE)
    subscriber = Subscriber.objects.prefetch_related("topics", "consents__wording").get(pk=subscriber_id)
    audit_record(action=SUBSCRIBER_READ, actor=actor, obj=subscriber)
    return subscriber


def consent_proof(*, actor: Actor, subscriber_id: int) -> dict[str, Any]:
    """The proof of a subscriber's consent, for the office to hand over (CSV or JSON): the
    subscriber and every consent record with the full wording of its version. Audited: it is
    a read of a person's data."""
    require_role(actor, *OFFICE)
    subscriber = Subscriber.objects.get(pk=subscriber_id)
    records = list(subscriber.consents.select_related("wording"))
    audit_record(action=CONSENT_EXPORTED, actor=actor, obj=subscriber, details={"records": len(records)})
    return {
        "subscriber": {
            "email": subscriber.email,
            "status": subscriber.status,
            "audience": subscriber.audience,
            "topics": sorted(subscriber.topics.values_list("slug", flat=True)),
            "created_at": subscriber.created_at.isoformat(),
            "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
            "unsubscribed_at": subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else None,
        },
        "consents": [
            {
                "event": r.event,
                "occurred_at": r.occurred_at.isoformat(),
                "source": r.source,
                "ip_address": r.ip_address or "",
                "wording_version": r.wording.version,
                "wording_text": r.wording.text,
                "audience": r.audience,
                "topics": list(r.topics),
            }
            for r in records
        ],
    }


@transaction.atomic
def subscriber_erase(*, actor: Actor, subscriber_id: int) -> int:
    """Erase a subscriber on the person's request (GDPR art. 17): the address, its topics, its
    consent records and its deliveries go; the audit record keeps only the row's number. The
    office does it on a request it received; a user does it from their account for the
    subscription of their own address. Returns how many rows went."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber_id)
    own = actor.user is not None and (
        subscriber.user_id == actor.user.pk or domain.normalised_email(actor.user.email) == subscriber.email
    )
    if not own and actor.role not in OFFICE:
        raise PermissionDenied(_("Your role cannot do this."))
    audit_record(
        action=SUBSCRIBER_ERASED,
        actor=actor,
        obj=subscriber,
        details={
            "consents": subscriber.consents.count(),
            "deliveries": subscriber.deliveries.count(),
            "by": "the person" if own else "the office",
        },
    )
    deleted, _by_model = subscriber.delete()
    return deleted
