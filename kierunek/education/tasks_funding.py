"""Background work of the funding alerts (django-tasks). A scheduler enqueues it each morning with
``manage.py education_funding_alerts``; ``manage.py db_worker`` runs it. Idempotent: a second run
the same day mails nobody twice (one alert row per subscription, call and kind)."""

from django_tasks import task

from .services.funding import funding_alerts_send


@task()
def send_funding_alerts() -> int:
    """Mail each subscriber the new calls that fit them and the deadlines approaching."""
    return funding_alerts_send()
