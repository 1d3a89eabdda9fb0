"""Imports of service cards as background jobs, so that a file of 2 000 services never holds the
database's write lock for long (on SQLite one connection writes at a time, and everybody else,
a participant logging in included, waits for it).

A job moves queued → validating → writing → done, or to failed from any unfinished state:
- validating: every row is read and checked, writing nothing; any problem fails the job with
  every problem named (row, column, message) and nothing written;
- writing: the cards are created in short transactions, each card staged in the job
  (``ServiceCard.staged_in``), which hides it from every list; on SQLite the writer pauses between
  batches so that whoever waited for the lock gets it;
- done: one short transaction shows every card of the job at once and records the import.
A failure while writing removes the staged cards, so an import is all or nothing in effect.
The provider watches the progress on the job's page.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.providers.models import Provider
from kierunek.providers.services import require_provider_member

from . import importexport
from .audit_actions import CATALOGUE_CARDS_IMPORT_STARTED, CATALOGUE_CARDS_IMPORTED
from .models import ImportJob, ImportJobStatus, ServiceCard

WRITE_BATCH = 100
# Longer than SQLite's longest step of waiting for a busy lock (100 ms), so that a request waiting
# for the lock always finds it free between two batches instead of starving behind the job.
SQLITE_PAUSE_SECONDS = 0.15
DELETE_BATCH = 200
# A job of 2 000 rows takes minutes; one unfinished after this long lost its worker.
STALE_AFTER = timedelta(hours=1)

# The states a job may move to, each from the states listed.
TRANSITIONS: dict[str, frozenset[str]] = {
    ImportJobStatus.VALIDATING: frozenset({ImportJobStatus.QUEUED}),
    ImportJobStatus.WRITING: frozenset({ImportJobStatus.VALIDATING}),
    ImportJobStatus.DONE: frozenset({ImportJobStatus.WRITING}),
    ImportJobStatus.FAILED: frozenset(
        {ImportJobStatus.QUEUED, ImportJobStatus.VALIDATING, ImportJobStatus.WRITING}
    ),
}


def _move(job_id: int, target: ImportJobStatus, **fields: object) -> bool:
    """Move the job to ``target`` if the table allows it from its current state, in one UPDATE
    (so two runs of one job cannot both start it). False when it was not in such a state. The
    progress of a background job, not a workflow: nobody takes these steps but the job itself."""
    jobs = ImportJob.objects.filter(pk=job_id, status__in=TRANSITIONS[target])
    return bool(jobs.update(status=target, **fields))  # progress, not a workflow


def _progress(job_id: int, done: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(rows_done=done)


def import_job_create(*, provider: Provider, actor: Actor, content: bytes, filename: str) -> ImportJob:
    """Keep the file and start checking it in the background once this transaction commits."""
    require_provider_member(actor.user, provider)
    import_jobs_abandon(provider=provider, now=timezone.now())
    from .tasks import import_cards  # here: the task module imports this one

    with transaction.atomic():
        job = ImportJob.objects.create(
            provider=provider, created_by=actor.user, filename=filename[-255:], content=content
        )
        audit_record(
            action=CATALOGUE_CARDS_IMPORT_STARTED,
            actor=actor,
            obj=provider,
            details={"job": job.pk, "filename": job.filename},
        )
        transaction.on_commit(lambda: import_cards.enqueue(job_id=job.pk))
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """Check, write and show the cards of one job (the task's body). A job that is not queued
    (already run, or running elsewhere) is left alone."""
    if not _move(job_id, ImportJobStatus.VALIDATING):
        return ImportJob.objects.get(pk=job_id)
    job = ImportJob.objects.select_related("provider", "created_by").get(pk=job_id)
    try:
        require_provider_member(job.created_by, job.provider)
        file = importexport.read_file(content=bytes(job.content), filename=job.filename)
        rows = file.records
        ImportJob.objects.filter(pk=job_id).update(rows_total=len(rows))
        cards = importexport.cards_import_check(
            provider=job.provider,
            rows=rows,
            layout=file.layout,
            progress=lambda done: _progress(job_id, done),
        )
        _move(job_id, ImportJobStatus.WRITING, rows_done=0)
        importexport.cards_import_write(
            provider=job.provider,
            cards=cards,
            actor=Actor.of(job.created_by),
            staged_in=job,
            batch_size=WRITE_BATCH,
            pause=SQLITE_PAUSE_SECONDS if connection.vendor == "sqlite" else 0.0,
            progress=lambda done: _progress(job_id, done),
        )
        _show(job, rows=len(rows))
    except importexport.ImportRefused as refused:
        _fail(job_id, refused.errors)
    except PermissionDenied:
        _fail(job_id, [importexport.RowError(0, "", _("You no longer work for this institution."))])
    except Exception:
        _fail(
            job_id,
            [
                importexport.RowError(
                    0, "", _("The import stopped because of an error on our side. Nothing was imported.")
                )
            ],
        )
        raise
    job.refresh_from_db()
    return job


def _show(job: ImportJob, *, rows: int) -> None:
    """Every staged card of the job becomes a draft like any other, in one short transaction."""
    with transaction.atomic():
        shown = ServiceCard.objects.filter(staged_in=job).update(staged_in=None)
        _move(
            job.pk,
            ImportJobStatus.DONE,
            rows_done=rows,
            cards_created=shown,
            finished_at=timezone.now(),
            content=b"",
        )
        audit_record(
            action=CATALOGUE_CARDS_IMPORTED,
            actor=Actor.of(job.created_by),
            obj=job.provider,
            details={"count": shown, "job": job.pk},
        )


def _fail(job_id: int, errors: list[importexport.RowError]) -> None:
    """Remove what the job staged, a batch to a transaction, then record why it failed."""
    staged = list(ServiceCard.objects.filter(staged_in_id=job_id).values_list("pk", flat=True))
    for start in range(0, len(staged), DELETE_BATCH):
        with transaction.atomic():
            ServiceCard.objects.filter(
                pk__in=staged[start : start + DELETE_BATCH], staged_in_id=job_id
            ).delete()
    _move(
        job_id,
        ImportJobStatus.FAILED,
        errors=[{"row": e.row, "column": e.column, "message": e.message} for e in errors],
        finished_at=timezone.now(),
        content=b"",
    )


def import_jobs_abandon(*, now: datetime, provider: Provider | None = None) -> int:
    """Fail the jobs (of ``provider``, or of everybody) left unfinished for longer than
    STALE_AFTER (their worker stopped), removing what they staged, so that a lost job neither hides
    cards for ever nor holds their titles against a new import. Runs whenever a provider starts an
    import, and daily for everybody (``manage.py catalogue_daily``). Returns how many."""
    unfinished = ImportJob.objects.filter(
        status__in=TRANSITIONS[ImportJobStatus.FAILED], created_at__lt=now - STALE_AFTER
    )
    if provider is not None:
        unfinished = unfinished.filter(provider=provider)
    stale = list(unfinished.values_list("pk", flat=True))
    message = _("The import stopped before it finished. Nothing was imported: import the file again.")
    for job_id in stale:
        _fail(job_id, [importexport.RowError(0, "", message)])
    return len(stale)
