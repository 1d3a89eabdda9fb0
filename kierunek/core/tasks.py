"""Background work shared by every context (django-tasks): sending e-mails, so that a slow or
unreachable mail server never holds up a page. ``manage.py db_worker`` runs them; tests and
``make run`` run them at once (ImmediateBackend)."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, addresses: list[str]) -> int:
    """One message per address (recipients never see one another). Returns how many were sent."""
    return sum(send_mail(subject, body, None, [address]) for address in addresses)
