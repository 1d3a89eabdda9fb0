"""Builders for the newsletter tests, through the real services: topics, subscribers signed up
and confirmed from their e-mail's link, an issue composed by an officer."""

from __future__ import annotations

import re

from django.core import mail
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import SYSTEM, Actor
from kierunek.newsletter import services, tokens
from kierunek.newsletter.models import Issue, Subscriber, Topic
from tests.accounts.factories import StaffUserFactory


def topic(slug: str = "vouchers", name: str = "Bony i nabory") -> Topic:
    return Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def officer():
    return StaffUserFactory(role=Role.OFFICER)


def signed_up(
    email: str, *, audience: str = "residents", topics: list[Topic] | None = None, ip: str = "203.0.113.5"
) -> Subscriber:
    return services.subscription_request(
        actor=Actor(ip_address=ip),
        choice=services.SubscriptionChoice(
            email=email,
            audience=audience,
            topic_ids=[t.pk for t in (topics or [topic()])],
            wording_version=services.wording_current().version,
            source="/newsletter/ (subscribe form)",
        ),
    )


def subscribed(email: str, **kwargs) -> Subscriber:
    subscriber = signed_up(email, **kwargs)
    return services.subscription_confirm(actor=SYSTEM, subscriber=subscriber, source="test")


def many_subscribed(count: int, *, topics: list[Topic], audience: str = "residents") -> None:
    """Many confirmed subscribers at once, written directly (a sending test needs hundreds; the
    double opt-in of one is tested on its own)."""
    now = timezone.now()
    made = Subscriber.objects.bulk_create(
        Subscriber(email=f"osoba{n:04d}@example.org", audience=audience, status="confirmed", confirmed_at=now)
        for n in range(count)
    )
    Through = Subscriber.topics.through
    Through.objects.bulk_create(Through(subscriber_id=s.pk, topic_id=t.pk) for s in made for t in topics)


def issue(
    by=None, *, subject: str = "Nabór na bony", topics: list[Topic] | None = None, audience: str = ""
) -> Issue:
    return services.issue_save(
        actor=Actor.of(by or officer()),
        data=services.IssueData(
            subject=subject,
            body=(
                "# Nowy nabór\n\nBony na **szkolenia** od 1 marca: https://kierunek.example/bony\n\n"
                "- dla mieszkańców\n- bez opłat"
            ),
            audience=audience,
            topic_ids=[t.pk for t in (topics or [topic()])],
        ),
    )


def link_in(message, name: str) -> str:
    """The path of a link of ``name`` (potwierdz, ustawienia, wypisz) in an e-mail's text."""
    found = re.search(rf"https?://[^/\s]+(/newsletter/{name}/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def last_mail_to(address: str):
    return [m for m in mail.outbox if m.to == [address]][-1]


def token_of(subscriber: Subscriber) -> str:
    return tokens.subscriber_token(subscriber)
