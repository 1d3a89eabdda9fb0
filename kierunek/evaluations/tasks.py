"""Background work of evaluations (django-tasks). A scheduler enqueues it daily with
``manage.py evaluations_daily``; ``manage.py db_worker`` runs it. Idempotent: a second run the same
day invites and reminds nobody twice."""

from typing import Any

from django_tasks import task

from .services.outcome import outcome_invitations_process


@task()
def process_outcome_invitations() -> dict[str, Any]:
    """Invite to the outcome survey the participants whose services reached the rule's delay, and
    send the reminders that fell due."""
    return outcome_invitations_process()
