"""The signed links of the newsletter (no login needed): the confirmation link of the double
opt-in (valid for a week) and the subscriber's link to their preferences and to unsubscribing
(in every message; valid as long as the subscriber exists). Each carries the subscriber's id and
``key``, so a link is dead once the subscriber is erased."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from kierunek.core.notify import site_link

from .models import Subscriber

CONFIRM_SALT = "kierunek.newsletter.confirm"
SUBSCRIBER_SALT = "kierunek.newsletter.subscriber"
CONFIRM_VALID_FOR = timedelta(days=7)


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=CONFIRM_SALT, compress=True)


def subscriber_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=SUBSCRIBER_SALT, compress=True)


def _read(token: str, *, salt: str, max_age: timedelta | None = None) -> Subscriber:
    """The subscriber of a token; signing.BadSignature (SignatureExpired is one) when the token is
    not one of ours, expired, or its subscriber no longer exists."""
    value = signing.loads(token, salt=salt, max_age=max_age)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise signing.BadSignature("Not a newsletter token.")
    subscriber = Subscriber.objects.filter(pk=value[0], key=str(value[1])).first()
    if subscriber is None:
        raise signing.BadSignature("The subscriber of this token is gone.")
    return subscriber


def confirm_token_read(token: str) -> Subscriber:
    return _read(token, salt=CONFIRM_SALT, max_age=CONFIRM_VALID_FOR)


def subscriber_token_read(token: str) -> Subscriber:
    return _read(token, salt=SUBSCRIBER_SALT)


def confirm_url(subscriber: Subscriber) -> str:
    return site_link(reverse("newsletter:confirm", args=[confirm_token(subscriber)]))


def preferences_url(subscriber: Subscriber) -> str:
    return site_link(reverse("newsletter:preferences", args=[subscriber_token(subscriber)]))


def unsubscribe_url(subscriber: Subscriber) -> str:
    """The one-click address of RFC 8058: its POST unsubscribes at once."""
    return site_link(reverse("newsletter:unsubscribe", args=[subscriber_token(subscriber)]))
