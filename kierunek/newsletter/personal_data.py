"""The newsletter in a person's data export: the subscription of their address (linked to the
account or at its e-mail) with its topics, every consent record with the wording's version, and
the issues sent to them. Erasure on request: :func:`kierunek.newsletter.services.subscriber_erase`."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from . import domain
from .models import Audience, ConsentEvent, DeliveryStatus, Subscriber, SubscriberStatus


def _subscribers(user: User) -> list[Subscriber]:
    return list(
        Subscriber.objects.filter(Q(user=user) | Q(email=domain.normalised_email(user.email)))
        .prefetch_related("topics", "consents__wording", "deliveries__issue")
        .order_by("pk")
    )


def subscriptions_of(*, user: User) -> list[dict[str, Any]]:
    return [
        {
            **field_values(
                s, "email", "audience", "status", "language", "created_at", "confirmed_at", "unsubscribed_at"
            ),
            "topics": [t.name for t in s.topics.all()],
            "consents": [
                {
                    "event": c.event,
                    "at": c.occurred_at.isoformat(),
                    "source": c.source,
                    "ip_address": c.ip_address,
                    "text_version": c.wording.version,
                    "topics": list(c.topics),
                }
                for c in s.consents.all()
            ],
            "issues": [
                {
                    "subject": d.issue.subject,
                    "delivery": d.status,
                    "at": d.sent_at.isoformat() if d.sent_at else None,
                }
                for d in s.deliveries.all()
            ],
        }
        for s in _subscribers(user)
    ]


def subscription_rows(*, user: User) -> list[Model]:
    return list(_subscribers(user))


def personal_data_register() -> None:
    """Called from ``NewsletterConfig.ready()``."""
    personal_data.register(
        "newsletter",
        title=_("Newsletter"),
        collect=subscriptions_of,
        models=["newsletter.Subscriber", "newsletter.ConsentRecord", "newsletter.Delivery"],
        labels={
            "topics": _("Topics"),
            "consents": _("Consent records"),
            "event": _("What happened"),
            "source": _("Where"),
            "ip_address": _("From which address"),
            "issues": _("Issues sent to you"),
            "subject": _("Subject"),
            "delivery": _("Delivery"),
        },
        choices={
            "audience": dict(Audience.choices),
            "status": dict(SubscriberStatus.choices),
            "delivery": dict(DeliveryStatus.choices),
            "event": dict(ConsentEvent.choices),
        },
        order=80,
    )
    personal_data.register_owned_rows(subscription_rows)
    personal_data.exclude(
        "newsletter.Issue",
        reason="an issue names the officer who composed it as staff at work, not as a person served",
    )
