"""E-mails: one helper builds every message (a plain-text part from the mail's template and an
HTML part that wraps the same text in a shared accessible layout), in the recipient's language
(Polish, the programme's, unless the recipient has another), with links that start with the one
configured site address (``KIERUNEK_SITE_URL``, :func:`site_link`), never the address of whatever
request caused the mail. :func:`notify` queues the messages for when the transaction that caused
them commits (never for a change that rolled back); a background task sends them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email

HTML_LAYOUT = "core/email_layout.html"


def site_link(path: str = "") -> str:
    """The absolute address of ``path`` (``/portfel/``) on the configured site: the only way an
    e-mail builds a link."""
    return settings.KIERUNEK_SITE_URL.rstrip("/") + path


def recipient_language(recipient: Any) -> str:
    """The language an e-mail to ``recipient`` (a user or an address) is written in: the user's
    own language where the account keeps one, the programme's (Polish) otherwise."""
    language = getattr(recipient, "language", "") or ""
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Email:
    """One rendered message: the subject line, the plain-text body and the same body as HTML."""

    subject: str
    text: str
    html: str


def email_render(
    *, subject: str, template: str, context: dict[str, Any], language: str | None = None
) -> Email:
    """Render an e-mail in ``language`` (the programme's by default): ``subject`` is a message id
    (translated here) and ``template`` the plain-text template; the HTML part is the same text in
    the shared layout (links made clickable, paragraphs kept)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(template, {**context, "site_url": site_link()})
        title = f"Kierunek: {translation.gettext(subject)}" if subject else "Kierunek"
        html = render_to_string(
            HTML_LAYOUT,
            {"subject": title, "text": text.strip(), "language": translation.get_language()},
        )
    return Email(subject=title, text=text, html=html)


def email_send(
    *,
    recipients: Iterable[Any],
    subject: str,
    template: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> None:
    """Render and queue the e-mail now, one per recipient in the recipient's language: for mail
    that no transaction causes (a password reset). Anything else goes through :func:`notify`.
    ``headers`` are added to every message (give them only to a mail of one recipient when they
    are the recipient's, like an unsubscribe link)."""
    for language, addresses in sorted(_by_language(recipients).items()):
        email = email_render(subject=subject, template=template, context=context, language=language)
        extra = {"headers": dict(headers)} if headers else {}
        send_email.enqueue(
            subject=email.subject, body=email.text, html=email.html, addresses=sorted(addresses), **extra
        )


def _by_language(recipients: Iterable[Any]) -> dict[str, set[str]]:
    by_language: dict[str, set[str]] = {}
    for recipient in recipients:
        address = getattr(recipient, "email", recipient)
        if address:
            by_language.setdefault(recipient_language(recipient), set()).add(address)
    return by_language


def notify(
    *,
    recipients: Iterable[Any],
    subject: str,
    template: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> None:
    """Queue one e-mail per recipient (a user or an address) for when the transaction commits,
    each in the recipient's language. ``subject`` is a message id (mark it with ``gettext_noop``)
    translated at send time; ``template`` a plain-text template; ``headers`` as
    :func:`email_send` adds them."""
    recipients = list(recipients)
    if not _by_language(recipients):
        return
    transaction.on_commit(
        lambda: email_send(
            recipients=recipients, subject=subject, template=template, context=context, headers=headers
        )
    )
