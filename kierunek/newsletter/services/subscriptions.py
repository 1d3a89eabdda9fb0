"""Subscribing (double opt-in), confirming, changing topics and unsubscribing. Anybody may
subscribe an address; nothing reaches it until the mailbox's owner confirms from the e-mail.
Every step the person takes appends a consent record (when, where, which wording version, from
which address, what was chosen); the office may also end a subscription on request."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role

from .. import domain, tokens
from ..audit_actions import SUBSCRIPTION_REQUESTED, TOPICS_CHANGED
from ..models import ConsentEvent, ConsentRecord, ConsentWording, Subscriber, Topic
from ..workflows import OFFICE, SUBSCRIPTION


@dataclass(frozen=True)
class SubscriptionChoice:
    """What the form asked: the address, who they are, the topics, the version of the consent's
    wording shown beside the form, and where the form was (a page's path or a form's name)."""

    email: str
    audience: str
    topic_ids: Iterable[int]
    wording_version: int
    source: str
    language: str = "pl"


def wording_current() -> ConsentWording:
    """The wording shown with the form now: the highest version."""
    wording = ConsentWording.objects.order_by("-version").first()
    if wording is None:
        raise ValidationError(_("The newsletter has no consent text yet; the office must publish one."))
    return wording


def _topics(topic_ids: Iterable[int]) -> list[Topic]:
    topics = list(Topic.objects.filter(pk__in=list(topic_ids), offered=True))
    if not topics:
        raise ValidationError({"topics": _("Choose at least one topic.")})
    return topics


def _record(
    subscriber: Subscriber, *, event: str, wording: ConsentWording, actor: Actor, source: str
) -> None:
    ConsentRecord.objects.create(
        subscriber=subscriber,
        event=event,
        wording=wording,
        source=source[:200],
        ip_address=actor.ip_address,
        audience=subscriber.audience,
        topics=sorted(subscriber.topics.values_list("slug", flat=True)),
    )


def _last_wording(subscriber: Subscriber) -> ConsentWording:
    """The wording the person consented to: that of their latest record."""
    record = subscriber.consents.select_related("wording").order_by("-occurred_at", "-pk").first()
    return record.wording if record is not None else wording_current()


@transaction.atomic
def subscription_request(*, actor: Actor, choice: SubscriptionChoice) -> Subscriber:
    """Sign an address up and e-mail it the confirmation link. The answer is the same whatever
    the address's state, so the form tells nobody who subscribes: an address already confirmed
    gets a message with its preferences link instead (nothing changes without its owner)."""
    email = domain.normalised_email(choice.email)
    topics = _topics(choice.topic_ids)
    try:
        wording = ConsentWording.objects.get(version=choice.wording_version)
    except ConsentWording.DoesNotExist:
        raise ValidationError(
            _("The consent text changed meanwhile; read it again and resend the form.")
        ) from None
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email, defaults={"audience": choice.audience, "language": choice.language}
    )
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == domain.CONFIRMED:
        notify(
            recipients=[subscriber],
            subject=gettext_noop("You already receive the newsletter"),
            template="newsletter/email/already.txt",
            context={"preferences_url": tokens.preferences_url(subscriber)},
        )
        return subscriber
    if subscriber.status == domain.UNSUBSCRIBED:
        SUBSCRIPTION.apply(subscriber, "renew", actor=actor, check_role=False)
    subscriber.audience = choice.audience
    subscriber.language = choice.language
    user = actor.user
    if user is not None and domain.normalised_email(user.email) == email:
        subscriber.user = user
    subscriber.save(update_fields=["audience", "language", "user", "updated_at"])
    subscriber.topics.set(topics)
    _record(subscriber, event=ConsentEvent.REQUESTED, wording=wording, actor=actor, source=choice.source)
    audit_record(
        action=SUBSCRIPTION_REQUESTED, actor=actor, obj=subscriber, details={"source": choice.source}
    )
    notify(
        recipients=[subscriber],
        subject=gettext_noop("Confirm your newsletter subscription"),
        template="newsletter/email/confirm.txt",
        context={"confirm_url": tokens.confirm_url(subscriber), "topics": [t.name for t in topics]},
    )
    return subscriber


@transaction.atomic
def subscription_confirm(*, actor: Actor, subscriber: Subscriber, source: str) -> Subscriber:
    """The confirmation link's button: the subscription starts. Confirming again changes nothing;
    a subscriber who unsubscribed since must sign up again (the old link does not undo that)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == domain.CONFIRMED:
        return subscriber
    subscriber.confirmed_at = timezone.now()
    SUBSCRIPTION.apply(subscriber, "confirm", actor=actor, check_role=False, fields=["confirmed_at"])
    _record(
        subscriber,
        event=ConsentEvent.CONFIRMED,
        wording=_last_wording(subscriber),
        actor=actor,
        source=source,
    )
    return subscriber


@transaction.atomic
def subscription_topics_set(
    *, actor: Actor, subscriber: Subscriber, topic_ids: Iterable[int], audience: str, source: str
) -> Subscriber:
    """The preferences page: other topics (at least one; to receive none is to unsubscribe)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == domain.UNSUBSCRIBED:
        raise ValidationError(_("You are unsubscribed. Sign up again to choose topics."))
    topics = _topics(topic_ids)
    before = sorted(subscriber.topics.values_list("slug", flat=True))
    subscriber.audience = audience
    subscriber.save(update_fields=["audience", "updated_at"])
    subscriber.topics.set(topics)
    _record(
        subscriber,
        event=ConsentEvent.TOPICS_CHANGED,
        wording=_last_wording(subscriber),
        actor=actor,
        source=source,
    )
    audit_record(
        action=TOPICS_CHANGED,
        actor=actor,
        obj=subscriber,
        details={"from": before, "to": sorted(t.slug for t in topics)},
    )
    return subscriber


@transaction.atomic
def subscription_end(*, actor: Actor, subscriber: Subscriber, source: str) -> Subscriber:
    """Unsubscribe, at once: the message's one-click POST, the page's button, the account, or the
    office on the person's request. Unsubscribing again changes nothing. Deliveries not yet sent
    to the subscriber are not sent (the sender checks the subscriber's state when it sends)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == domain.UNSUBSCRIBED:
        return subscriber
    subscriber.unsubscribed_at = timezone.now()
    SUBSCRIPTION.apply(
        subscriber,
        "unsubscribe",
        actor=actor,
        check_role=False,
        fields=["unsubscribed_at"],
        details={"source": source},
    )
    _record(
        subscriber,
        event=ConsentEvent.WITHDRAWN,
        wording=_last_wording(subscriber),
        actor=actor,
        source=source,
    )
    return subscriber


def subscription_end_by_office(*, actor: Actor, subscriber_id: int) -> Subscriber:
    """The office ends a subscription on the person's request (by letter, by telephone)."""
    require_role(actor, *OFFICE)
    subscriber = Subscriber.objects.get(pk=subscriber_id)
    return subscription_end(actor=actor, subscriber=subscriber, source="office: on the person's request")
