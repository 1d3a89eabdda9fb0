"""Background work shared by every context (django-tasks): sending e-mails, so that a slow or
unreachable mail server never holds up a page. ``manage.py db_worker`` runs them; tests and
``make run`` run them at once (ImmediateBackend)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *, subject: str, body: str, addresses: list[str], html: str = "", headers: dict[str, str] | None = None
) -> int:
    """One message per address (recipients never see one another), with the plain-text ``body``
    and, when given, its ``html`` alternative and extra ``headers`` (List-Unsubscribe of an
    alert). Returns how many were sent."""
    sent = 0
    for address in addresses:
        message = EmailMultiAlternatives(subject, body, None, [address], headers=headers or None)
        if html:
            message.attach_alternative(html, "text/html")
        sent += message.send()
    return sent
