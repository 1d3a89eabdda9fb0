"""E-mail notifications, rendered in Polish (the programme's language) after the transaction that
caused them commits (never for a change that rolled back) and sent by a background task."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def notify(*, recipients: Iterable[Any], subject: str, template: str, context: dict[str, Any]) -> None:
    """Queue one e-mail per recipient (a user or an address) for when the transaction commits.
    ``subject`` is a message id translated at send time; ``template`` a plain-text template."""
    addresses = sorted({getattr(r, "email", r) for r in recipients if getattr(r, "email", r)})
    if not addresses:
        return

    def send() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(template, {**context, "site_url": settings.KIERUNEK_SITE_URL})
            title = str(translation.gettext(subject))
        send_email.enqueue(subject=f"Kierunek: {title}", body=body, addresses=addresses)

    transaction.on_commit(send)
