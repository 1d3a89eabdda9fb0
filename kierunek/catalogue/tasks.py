"""Background work of the catalogue (django-tasks; ``manage.py db_worker`` runs it)."""

from typing import Any

from django.utils import timezone
from django_tasks import task

from . import import_jobs
from .saved_search_alerts import saved_search_digests_send


@task()
def import_cards(job_id: int) -> dict[str, Any]:
    """Check, write and show the service cards of one import job."""
    job = import_jobs.import_job_run(job_id=job_id)
    return {"status": job.status, "cards": job.cards_created}


@task()
def abandon_lost_import_jobs() -> dict[str, Any]:
    """Daily: fail the import jobs whose worker stopped, and remove the cards they staged."""
    return {"abandoned": import_jobs.import_jobs_abandon(now=timezone.now())}


@task()
def send_saved_search_digests() -> dict[str, Any]:
    """Daily: e-mail each person the new services their due saved searches find. Idempotent: a
    second run the same day sends nothing."""
    return saved_search_digests_send()
