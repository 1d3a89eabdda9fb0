"""The newsletter's work for the task worker (django-tasks; ``manage.py db_worker`` runs it, tests
and ``make run`` run it at once): one batch of an issue per task, each task queuing the next."""

from django_tasks import task

from .models import Delivery, DeliveryStatus
from .services import sending


@task()
def issue_batch_send(issue_id: int) -> int:
    """Send the next batch of an issue's deliveries, then queue the next batch while any is left
    (a batch that claimed nothing leaves the rest to the worker that holds it)."""
    claimed = sending.batch_send(issue_id)
    if claimed and Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.PENDING).exists():
        issue_batch_send.enqueue(issue_id=issue_id)
    return claimed
